// The `.env` configuration editor in a real VS Code (code-server + chromium), driven as a user would, against
// the sandbox: open it, see an error as you type, fix it, save, keep the comments, never show the secret,
// Test connection green and then red for a missing bucket, check a date's inputs, follow an external edit.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { newEnvText } from '../../src/vscode/configEditor/formEdits';
import { startHarness, type Harness } from './harness';

const COMMENT_TOP = '# ADATRAP configuration of the e2e test: keep this comment';
const COMMENT_INLINE = '# the sandbox region';

function sampleEnv(env: Record<string, string>): string {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, REGION_NAME, ...rest } = env;
  return [
    COMMENT_TOP,
    `AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}`,
    `AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}`,
    `REGION_NAME=${REGION_NAME} ${COMMENT_INLINE}`,
    '',
    '# Everything else, as the sandbox printed it',
    ...Object.entries(rest).map(([k, v]) => `${k}=${v}`),
    'TEAM_NOTE=unknown keys stay',
    '',
  ].join('\n');
}

/** Right after the workbench loads, the palette may not list contributed commands yet: try again. */
async function runCommandPatiently(h: Harness, title: string, attempts = 4): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await h.runCommand(title, 10_000);
      return;
    } catch (e) {
      if (i >= attempts) throw e;
      await h.page.keyboard.press('Escape');
    }
  }
}

/** The webview's inner frame: the one that holds the form. */
async function formFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame
        .locator('#app .setting')
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the configuration editor webview did not render its form');
}

/** The HTML of the workbench and of every frame (webviews are nested iframes). */
async function everyFrameHtml(page: Page): Promise<string> {
  const parts = [await page.content()];
  for (const frame of page.frames()) parts.push(await frame.content().catch(() => ''));
  return parts.join('\n');
}

async function waitForFileText(
  file: string,
  predicate: (text: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = readFileSync(file, 'utf8');
  while (!predicate(text) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    text = readFileSync(file, 'utf8');
  }
  return text;
}

describe('configuration editor (real VS Code)', function () {
  this.timeout(240_000);
  let h: Harness;
  let frame: Frame;
  let envFile: string;
  let secret: string;

  before(async () => {
    h = await startHarness({ name: 'config-editor', envText: sampleEnv });
    envFile = path.join(h.workspace, '.env');
    secret = /^AWS_SECRET_ACCESS_KEY=(.*)$/m.exec(readFileSync(envFile, 'utf8'))?.[1] ?? '';
    assert.ok(secret.length > 10, 'the sample .env has a secret to hide');
  });
  after(async () => {
    await h?.close();
  });

  it('opens from "ADATRAP: Open Configuration" as a grouped form with the file values', async () => {
    await runCommandPatiently(h, 'ADATRAP: Open Configuration');
    frame = await formFrame(h.page);
    const titles = await frame.locator('section.group h2').allTextContents();
    assert.ok(titles.length >= 8, `groups and checks: ${titles.join(' | ')}`);
    assert.equal(await frame.locator('#field-INSTANCE_TYPE').inputValue(), 'm5.xlarge');
    assert.equal(await frame.locator('#field-REGION_NAME').inputValue(), 'us-east-1');
    assert.match((await frame.locator('#summary').textContent()) ?? '', /\S/);
    await h.screenshot('form');
  });

  it('labels every control and ties each field to its help and error text', async () => {
    const unlabelled = await frame.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'))
        .filter((el) => (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    assert.deepEqual(unlabelled, []);
    const undescribed = await frame.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.setting[data-key] input, .setting[data-key] select'))
        .filter((el) => {
          const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/);
          const key = el.closest<HTMLElement>('.setting')?.dataset.key ?? '';
          return !ids.includes(`help-${key}`) || !ids.includes(`error-${key}`);
        })
        .map((el) => el.id),
    );
    assert.deepEqual(undescribed, []);
    assert.equal(await frame.locator('[onclick], [onchange], [oninput], [onkeydown]').count(), 0);
  });

  it('never puts the secret key in any frame of the page, showing only that it is set', async () => {
    assert.match((await frame.locator('#secret-state-AWS_SECRET_ACCESS_KEY').textContent()) ?? '', /\S/);
    assert.equal((await everyFrameHtml(h.page)).includes(secret), false);
  });

  it('shows the core message under a bad value as it is typed, and clears it once fixed', async () => {
    const input = frame.locator('#field-INSTANCE_TYPE');
    await input.fill('a huge one');
    const error = frame.locator('#error-INSTANCE_TYPE');
    await frame.waitForFunction(
      () => /INSTANCE_TYPE/.test(document.getElementById('error-INSTANCE_TYPE')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match((await input.getAttribute('aria-describedby')) ?? '', /error-INSTANCE_TYPE/);
    await frame.locator('#field-AMI_ID').focus();
    await frame.locator('#go-to-problem').click();
    assert.equal(
      await frame.evaluate(() => document.activeElement?.id),
      'field-INSTANCE_TYPE',
      '"Show the first" focuses the field to fix',
    );
    await h.screenshot('bad-value');
    await input.fill('m5.2xlarge');
    await frame.waitForFunction(
      () => (document.getElementById('error-INSTANCE_TYPE')?.textContent ?? 'x') === '',
      undefined,
      { timeout: 10_000 },
    );
    assert.equal(await error.textContent(), '');
    assert.equal(await input.getAttribute('aria-invalid'), 'false');
  });

  it('filters the settings as a search is typed, like the Settings editor', async () => {
    const search = frame.locator('#settings-search');
    await search.fill('key pair');
    const visible = await frame
      .locator('.content .setting[data-key]:visible')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key));
    assert.ok(visible.includes('KEY_PAIR'), visible.join());
    assert.ok(!visible.includes('AMI_ID') && !visible.includes('GPS_BUCKET_NAME'), visible.join());
    assert.equal(
      await frame.locator('#test-connection').isVisible(),
      false,
      'the checklists step aside while searching',
    );
    await search.fill('no such setting anywhere');
    assert.match((await frame.locator('#search-empty').textContent()) ?? '', /\S/);
    await search.fill('');
    assert.ok(await frame.locator('#field-AMI_ID').isVisible());
    assert.ok(await frame.locator('#test-connection').isVisible());
  });

  it('saves like any editor: the file changes and keeps its comments and unknown keys', async () => {
    await h.page.keyboard.press('Control+S');
    const text = await waitForFileText(envFile, (t) => t.includes('INSTANCE_TYPE=m5.2xlarge'));
    assert.match(text, /^INSTANCE_TYPE=m5\.2xlarge$/m);
    assert.ok(text.startsWith(`${COMMENT_TOP}\n`), 'the first comment is intact');
    assert.ok(text.includes(`REGION_NAME=us-east-1 ${COMMENT_INLINE}`), 'the trailing comment is intact');
    assert.match(text, /^TEAM_NOTE=unknown keys stay$/m);
    assert.ok(text.includes(`AWS_SECRET_ACCESS_KEY=${secret}`), 'the secret is still in the file');
  });

  it('Test connection against the sandbox is all green but the stack, not deployed yet', async () => {
    await frame.locator('#test-connection-button').click();
    await frame
      .locator('#test-connection-status.ok, #test-connection-status.has-problems')
      .waitFor({ timeout: 60_000 });
    const failed = await frame
      .locator('#test-connection-results li.check:not(.ok):not([data-check="stack"])')
      .allTextContents();
    assert.deepEqual(failed, []);
    const stack = frame.locator('#test-connection-results li.check.fail[data-check="stack"]');
    assert.match((await stack.textContent()) ?? '', /adatrap-miner setup/);
    assert.ok((await frame.locator('#test-connection-results li.check.ok').count()) >= 12);
    await frame.locator('#test-connection').scrollIntoViewIfNeeded();
    await h.screenshot('test-connection-green');
  });

  it('Test connection turns red for a missing bucket, naming it', async () => {
    const gps = frame.locator('#field-GPS_BUCKET_NAME');
    await gps.fill('adatrap-no-such-gps');
    // Clicked at once, within the typing pause: the check must still see the new name.
    await frame.locator('#test-connection-button').click();
    const row = frame.locator('#test-connection-results li.check.fail[data-check="bucket:GPS_BUCKET_NAME"]');
    await row.waitFor({ timeout: 60_000 });
    assert.match((await row.textContent()) ?? '', /adatrap-no-such-gps/);
    assert.match((await frame.locator('#test-connection-status').getAttribute('class')) ?? '', /has-problems/);
    await row.scrollIntoViewIfNeeded();
    await h.screenshot('test-connection-missing-bucket');
  });

  it('checks the inputs of a sandbox date', async () => {
    await h.page.keyboard.press('Control+Z');
    await frame.waitForFunction(
      () =>
        (document.getElementById('field-GPS_BUCKET_NAME') as HTMLInputElement | null)?.value !== 'adatrap-no-such-gps',
      undefined,
      { timeout: 10_000 },
    );
    await frame.locator('#inputs-date').fill('2020-06-29');
    await frame.locator('#check-inputs-button').click();
    await frame.locator('#check-inputs-status.ok, #check-inputs-status.has-problems').waitFor({ timeout: 60_000 });
    assert.match(
      (await frame.locator('#check-inputs-status').getAttribute('class')) ?? '',
      /\bok\b/,
      (await frame.locator('#check-inputs-status').textContent()) ?? '',
    );
    await frame.locator('#check-inputs').scrollIntoViewIfNeeded();
    await h.screenshot('check-inputs');
  });

  it('replacing the secret writes it to the document but never to the page', async () => {
    const newSecret = 'replaced/Secret/Value/For/E2E/0123456789';
    await frame.locator('#secret-replace-AWS_SECRET_ACCESS_KEY').click();
    await frame.locator('#field-AWS_SECRET_ACCESS_KEY').fill(newSecret);
    await h.page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await frame.locator('#secret-save-AWS_SECRET_ACCESS_KEY').click();
    // The edit has reached the document when its tab turns dirty; saving before that would save the old text.
    await h.page.locator('.tabs-container .tab.dirty').waitFor({ timeout: 10_000 });
    await h.page.keyboard.press('Control+S');
    await waitForFileText(envFile, (t) => t.includes(newSecret));
    const html = await everyFrameHtml(h.page);
    assert.equal(html.includes(newSecret), false);
    assert.equal(html.includes(secret), false);
  });

  it('shows an edit made to the file outside the form', async () => {
    const text = readFileSync(envFile, 'utf8');
    writeFileSync(envFile, text.replace(/^KEY_PAIR=.*$/m, 'KEY_PAIR=edited-outside'));
    await frame.waitForFunction(
      () => (document.getElementById('field-KEY_PAIR') as HTMLInputElement | null)?.value === 'edited-outside',
      undefined,
      { timeout: 20_000 },
    );
  });

  it('switches to an AWS profile (the keys leave the document) and Undo brings the keys back', async () => {
    await frame.locator('#auth-profile').check();
    await frame.locator('#field-AWS_PROFILE').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('#field-AWS_ACCESS_KEY_ID').count(), 0);
    await frame.locator('#group-credentials').scrollIntoViewIfNeeded();
    await h.screenshot('profile');
    await h.page.keyboard.press('Control+Z');
    await frame.locator('#field-AWS_ACCESS_KEY_ID').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('#auth-keys').isChecked(), true);
    assert.match((await frame.locator('#secret-state-AWS_SECRET_ACCESS_KEY').getAttribute('class')) ?? '', /is-set/);
  });

  it('shows a new, empty configuration as a to-do list rather than a wall of errors', async () => {
    // VS Code reloads a file changed on disk only when its document has no unsaved edits.
    await h.page.keyboard.press('Control+S');
    await h.page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await h.page.waitForTimeout(1500);
    writeFileSync(envFile, newEnvText());
    await frame.locator('.setting.missing[data-key="AMI_ID"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#field-AMI_ID').inputValue(), '');
    assert.equal(await frame.locator('.setting.invalid').count(), 0, 'nothing typed, so nothing is wrong yet');
    assert.match((await frame.locator('#summary').getAttribute('class')) ?? '', /has-problems/);
    await frame.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('new-file');
  });
});
