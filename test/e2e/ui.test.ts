// The workbench driven as a user would, with the packaged .vsix installed into code-server on a workspace
// whose .env points at a fresh sandbox. Each step leaves a screenshot in test-output/screenshots/ui-*.png.
// The steps build on each other (one code-server for the file, 2 cores): a failure stops the rest.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Harness, startHarness } from './harness';

const FIRST_DATE = '2020-06-29';
const SECOND_DATE = '2020-06-30';

describe('the extension in a real VS Code (UI)', function () {
  this.timeout(180_000);
  let h: Harness;
  let firstRun = '';

  before(async function () {
    this.timeout(240_000);
    h = await startHarness({ name: 'ui' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && h) await h.screenshot(`failed-${this.currentTest.title}`);
  });

  after(async () => {
    await h?.close();
  });

  it('opens the ADATRAP container with Runs, Data and Logs', async () => {
    await h.openView('ADATRAP', 'Runs');
    await h.page.getByText('No runs yet.').first().waitFor({ timeout: 60_000 });
    await h.treeRows('Data').filter({ hasText: 'GPS' }).first().waitFor();
    await h.treeRows('Logs').filter({ hasText: 'general' }).first().waitFor();
    await h.screenshot('container');
  });

  it('validates the dates as they are typed, then launches a run for a sandbox date from the palette', async () => {
    await h.runCommand('ADATRAP: Launch Run for Date(s)');
    await h.page.locator('.quick-input-widget .quick-input-box input').fill('2020-02-30');
    await h.page
      .locator('.quick-input-widget')
      .getByText(/not a calendar date/i)
      .first()
      .waitFor();
    await h.screenshot('launch-validation');
    await h.answerQuickInput(FIRST_DATE);
    // No stack in this workspace's account: the launch says so first, and Launch Directly is today's path.
    const noStack = h.page.locator('.monaco-dialog-box').filter({ hasText: 'No batch workflow in this account' });
    await noStack.waitFor({ timeout: 60_000 });
    assert.match(await noStack.innerText(), /Set Up AWS Account[\s\S]*Launch Directly/);
    await h.screenshot('launch-no-stack');
    await h.answerDialog('No batch workflow in this account', 'Launch Directly');
    const dialog = h.page.locator('.monaco-dialog-box').filter({ hasText: `Launch the run for ${FIRST_DATE}?` });
    await dialog.waitFor({ timeout: 60_000 });
    const confirmation = await dialog.innerText();
    assert.match(confirmation, /One machine of type m5\.xlarge/);
    assert.match(confirmation, /service dictionary 2020-06-01\.po\.zip/);
    assert.match(confirmation, /if it closes, the dates not started yet are never launched/);
    await h.screenshot('launch-confirm');
    await h.answerDialog(`Launch the run for ${FIRST_DATE}?`, 'Launch');
    const toast = await h.waitForNotification(new RegExp(`Launched ${FIRST_DATE} \\((i-[0-9a-f]+)\\)`), 90_000);
    firstRun = /\((i-[0-9a-f]+)\)/.exec(await toast.innerText())?.[1] ?? '';
    assert.match(firstRun, /^i-/);
    await h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first().waitFor();
    await h.screenshot('launched');
    // Follow it from the notification's own button.
    await h.clickNotificationButton(toast, 'Tail Log Stream');
  });

  it('shows its log lines arriving in the tail channel', async () => {
    await h.page.locator('.part.panel').waitFor({ timeout: 30_000 });
    const deadline = Date.now() + 90_000;
    // The agent's own events (Santiago time, level, message) inside the channel's [info] lines.
    const agentLines = (text: string): number =>
      text.split('\n').filter((l) => /\[info\] \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+INFO: /.test(l)).length;
    let text = '';
    while (Date.now() < deadline) {
      text = await h.panelText();
      if (agentLines(text) >= 5) break;
      await h.page.waitForTimeout(1000);
    }
    assert.ok(agentLines(text) >= 5, `too few agent lines in the tail channel:\n${text}`);
    const channel = await h.page
      .locator('.part.panel .monaco-select-box, .part.panel select')
      .first()
      .innerText()
      .catch(() => '');
    assert.match(channel + (await h.page.locator('.part.panel').innerText()), new RegExp(`ADATRAP log ${firstRun}`));
    await h.screenshot('tail-channel');
  });

  it('sees the run end, with its outcome in the Runs view and the status bar', async () => {
    const row = h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first();
    await row.filter({ hasText: /terminated/ }).waitFor({ timeout: 150_000 });
    assert.match(await row.innerText(), /succeeded/);
    await h.page.locator('.statusbar').getByText('ADATRAP: 0 live').waitFor({ timeout: 30_000 });
    await h.screenshot('run-ended');
  });

  it('opens the run outputs: the manifest, and the zip with its size', async () => {
    const row = h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first();
    await h.contextMenu(row, 'Open Run Outputs');
    await h.waitForNotification(new RegExp(`${FIRST_DATE}\\.zip: .* in s3://adatrap-sandbox-output`), 30_000);
    await h.page
      .locator('.tabs-container .tab')
      .filter({ hasText: `${FIRST_DATE}.manifest.json` })
      .waitFor();
    await h.screenshot('run-outputs');
  });

  it('opens its log stream as a read-only document, then saves it to a file', async () => {
    const row = h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first();
    await h.contextMenu(row, 'Open Log Stream');
    await h.page
      .locator('.tabs-container .tab')
      .filter({ hasText: `${firstRun}.log` })
      .waitFor({ timeout: 30_000 });
    const shown = await h.editorText();
    assert.ok(shown.trim().length > 0, 'the log document is empty');
    await h.screenshot('log-document');

    await h.runCommand('ADATRAP: Save Log Stream As…');
    await h.answerQuickInput(''); // the whole stream
    // code-server's save dialog is a quick input holding the proposed path: accept it.
    const proposed = path.join(h.workspace, `${firstRun}.log`);
    const box = h.page.locator('.quick-input-widget .quick-input-box input');
    await box.waitFor();
    await h.page.waitForFunction((expected) => {
      const input = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
      return input?.value.endsWith(expected) ?? false;
    }, `${firstRun}.log`);
    await h.page.keyboard.press('Enter');
    const toast = await h.waitForNotification(/Saved \d+ events of i-/, 30_000);
    const saved = Number(/Saved (\d+) events/.exec((await toast.textContent()) ?? '')?.[1]);
    await h.screenshot('log-saved');
    assert.ok(existsSync(proposed), `${proposed} was not written`);
    const lines = readFileSync(proposed, 'utf8').trimEnd().split('\n');
    assert.ok(lines.length > 5, `only ${lines.length} lines saved`);
    // One line per event (each starts with its time; a message never spans lines here): nothing lost, nothing twice.
    assert.equal(lines.filter((l) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(l)).length, saved);
  });

  it('stops another run after confirming', async () => {
    // Keep the second machine busy: its GPS download hangs, so it is still running when we stop it.
    await h.addSandboxFault({
      service: 's3',
      kind: 'slow',
      operation: 'GetObject',
      key: `${SECOND_DATE}.gps.gz`,
      delayMs: 600_000,
    });
    await h.runCommand('ADATRAP: Launch Run for Date(s)');
    await h.answerQuickInput(SECOND_DATE);
    await h.answerDialog('No batch workflow in this account', 'Launch Directly', 60_000);
    await h.answerDialog(`Launch the run for ${SECOND_DATE}?`, 'Launch', 60_000);
    await h.waitForNotification(new RegExp(`Launched ${SECOND_DATE}`), 90_000);
    const row = h.treeRows('Runs').filter({ hasText: SECOND_DATE }).first();
    await row.filter({ hasText: /running/ }).waitFor({ timeout: 60_000 });
    await h.page.locator('.statusbar').getByText('ADATRAP: 1 live').waitFor({ timeout: 30_000 });
    await h.screenshot('second-run-running');
    await h.contextMenu(row, 'Stop Run');
    const dialog = h.page.locator('.monaco-dialog-box').filter({ hasText: `Stop the run of ${SECOND_DATE}` });
    await dialog.waitFor();
    await h.screenshot('stop-confirm');
    await h.answerDialog(`Stop the run of ${SECOND_DATE}`, 'Terminate');
    await h.waitForNotification(new RegExp(`The run of ${SECOND_DATE} .* is being terminated`), 30_000);
    await row.filter({ hasText: /terminated|shutting down/ }).waitFor({ timeout: 60_000 });
    await h.screenshot('second-run-stopped');
  });

  it('says what failed and how to fix it when AWS cannot be reached', async () => {
    const envPath = path.join(h.workspace, '.env');
    const original = readFileSync(envPath, 'utf8');
    // Nothing listens on port 9 of the loopback: every call fails to connect.
    writeFileSync(envPath, original.replace(/^AWS_ENDPOINT_URL=.*$/m, 'AWS_ENDPOINT_URL=http://127.0.0.1:9'));
    // What failed, in Runs; how to fix it, in the welcome of Data and Logs.
    await h
      .viewPane('Runs')
      .getByText(/could not be reached.*ECONNREFUSED 127\.0\.0\.1:9/)
      .first()
      .waitFor({ timeout: 120_000 });
    await h
      .viewPane('Data')
      .getByText('AWS did not accept the credentials of the .env file, or could not be reached')
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await h.treeRows('Data').count(), 0, 'Data still lists buckets while AWS cannot be reached');
    await h.screenshot('welcome-connection-failed');
    writeFileSync(envPath, original);
    await h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first().waitFor({ timeout: 60_000 });
  });

  it('names the keys to fix when .env is incomplete, and offers the configuration when it is missing', async () => {
    const envPath = path.join(h.workspace, '.env');
    const original = readFileSync(envPath, 'utf8');
    writeFileSync(envPath, original.replace(/^LOG_GROUP=.*$/m, 'LOG_GROUP='));
    await h
      .treeRows('Runs')
      .filter({ hasText: /LOG_GROUP/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await h.viewPane('Logs').getByText('The .env file is incomplete or invalid').first().waitFor({ timeout: 30_000 });
    await h.screenshot('welcome-invalid-env');
    rmSync(envPath);
    await h.viewPane('Runs').getByText('This workspace has no .env file.').first().waitFor({ timeout: 30_000 });
    await h.viewPane('Runs').getByRole('button', { name: 'Open Configuration' }).first().waitFor();
    await h.screenshot('welcome-missing-env');
    writeFileSync(envPath, original);
    await h.treeRows('Runs').filter({ hasText: FIRST_DATE }).first().waitFor({ timeout: 60_000 });
  });

  it('never shows the secret access key anywhere in the workbench', async () => {
    const secret = h.sandbox?.env.AWS_SECRET_ACCESS_KEY ?? '';
    assert.ok(secret.length > 10, 'the sandbox .env has no secret key to look for');
    const text = await h.page.evaluate(() => document.body.innerText);
    assert.equal(text.includes(secret), false);
  });
});
