// The Run calendar in a real VS Code (code-server + chromium) against the sandbox, as a user drives it: open it
// from the palette, go to the seeded month, see the seeded days ready and the incomplete one missing its file,
// move and select with the keyboard, launch one day (confirming in VS Code's dialog), close the panel while the
// batch runs, reopen it and find the batch, and watch the day turn running and then succeeded.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startHarness, type Harness } from './harness';
import { calendarFrame, cell, goToMonth, runCommandWhenListed, waitForKind } from './harness/calendarPage';

describe('Run calendar (real VS Code + sandbox)', function () {
  this.timeout(300_000);
  let h: Harness;
  let frame: Frame;

  before(async () => {
    h = await startHarness({ name: 'calendar' });
  });
  after(async () => {
    await h?.close();
  });

  it('opens from the palette and shows the seeded days as ready, the incomplete one as missing its file', async () => {
    await runCommandWhenListed(h, 'ADATRAP: Open Run Calendar');
    frame = await calendarFrame(h.page);
    await goToMonth(frame, '2020-06');
    assert.equal(await waitForKind(frame, '2020-06-29', ['ready'], 30_000), 'ready');
    assert.equal(await cell(frame, '2020-06-30').getAttribute('data-kind'), 'ready');
    assert.equal(await cell(frame, '2020-06-28').getAttribute('data-kind'), 'missingInputs');
    assert.match((await frame.locator('#summary').textContent()) ?? '', /2 ready to launch/);
    assert.match((await frame.locator('#next').textContent()) ?? '', /2020-06-29, 2020-06-30/);
    // Monday-first: 29 June 2020 was a Monday, so it opens its row.
    assert.equal(
      await frame.locator('#grid [role=row]').last().locator('[data-date]').first().getAttribute('data-date'),
      '2020-06-29',
    );
    assert.match((await cell(frame, '2020-06-29').getAttribute('aria-label')) ?? '', /2020-06-29: ready to launch/);
    await h.screenshot('june-ready');

    await goToMonth(frame, '2020-07');
    assert.equal(await waitForKind(frame, '2020-07-01', ['ready'], 30_000), 'ready');
    assert.equal(await cell(frame, '2020-07-02').getAttribute('data-kind'), 'missingInputs');
    assert.match((await cell(frame, '2020-07-02').textContent()) ?? '', /missing trx/);
    assert.match((await cell(frame, '2020-07-02').getAttribute('aria-label')) ?? '', /2020-07-02\.trx\.gz/);
  });

  it('moves with the arrow keys and extends a range with Shift (roving tabindex)', async () => {
    await goToMonth(frame, '2020-06');
    await cell(frame, '2020-06-29').click();
    await frame.locator('#grid').press('ArrowRight');
    assert.equal(await cell(frame, '2020-06-30').getAttribute('tabindex'), '0');
    assert.equal(await cell(frame, '2020-06-29').getAttribute('tabindex'), '-1');
    await frame.locator('#grid').press('Shift+ArrowLeft');
    await frame.locator('#grid').press('Shift+ArrowUp');
    const selected = await frame
      .locator('#grid [aria-selected="true"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-date')));
    assert.deepEqual(selected, [
      '2020-06-22',
      '2020-06-23',
      '2020-06-24',
      '2020-06-25',
      '2020-06-26',
      '2020-06-27',
      '2020-06-28',
      '2020-06-29',
    ]);
    await frame.locator('#grid').press('Escape');
  });

  it('launches one day after VS Code asks to confirm one machine, and shows it running', async () => {
    await cell(frame, '2020-06-29').click();
    assert.match((await frame.locator('#actions-title').textContent()) ?? '', /2020-06-29/);
    await frame.locator('#action-launch').click();
    // This workspace's account has no stack: the launch offers Set Up AWS Account or Launch Directly first.
    await h.answerDialog('No batch workflow in this account', 'Launch Directly');
    const dialog = h.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      (await dialog.textContent()) ?? '',
      /Launch the run for 2020-06-29\?[\s\S]*1 machine\(s\) of type m5\.xlarge/,
    );
    await h.screenshot('confirm-launch');
    await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
    await frame.locator('#batch:not([hidden]) [data-date="2020-06-29"]').waitFor({ timeout: 30_000 });
    // The launch itself refreshes the grid: the machine shows up while it is pending or running.
    assert.equal(await waitForKind(frame, '2020-06-29', ['running'], 30_000), 'running');
    assert.match((await cell(frame, '2020-06-29').textContent()) ?? '', /running \d+ min/);
    await h.screenshot('running');
  });

  it('keeps the batch when the panel is closed and reopened, and the day ends succeeded with its output size', async () => {
    await h.runCommand('View: Close Editor');
    await h.page.waitForTimeout(500);
    await h.runCommand('ADATRAP: Open Run Calendar');
    frame = await calendarFrame(h.page);
    await frame.locator('#batch:not([hidden]) [data-date="2020-06-29"]').waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('#month-title').textContent()) ?? '', /June 2020/i);

    assert.equal(await waitForKind(frame, '2020-06-29', ['succeeded'], 180_000), 'succeeded');
    assert.match((await cell(frame, '2020-06-29').textContent()) ?? '', /OK \d[\d.,]* (B|kB|MB)/);
    await frame.locator('#batch [data-date="2020-06-29"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    assert.equal(
      await cell(frame, '2020-06-30').getAttribute('data-kind'),
      'ready',
      'the other seeded day is still what to launch next',
    );
    await cell(frame, '2020-06-30').click();
    await h.screenshot('succeeded');
  });

  it('opens the logs of a day from its run, and checks the inputs of a day that misses a file', async () => {
    await cell(frame, '2020-06-29').click();
    await frame.locator('#action-openLogs').click();
    await h.page.locator('.tabs-container .tab').filter({ hasText: /^i-/ }).first().waitFor({ timeout: 30_000 });
    await runCommandWhenListed(h, 'ADATRAP: Open Run Calendar');
    frame = await calendarFrame(h.page);

    await goToMonth(frame, '2020-07');
    await waitForKind(frame, '2020-07-02', ['missingInputs'], 30_000);
    await cell(frame, '2020-07-02').click();
    await frame.locator('#action-checkInputs').click();
    await h.waitForNotification(/2020-07-02\.trx\.gz/, 30_000);
    await frame
      .locator('#action-status')
      .filter({ hasText: '1 of 1 date(s) are not ready.' })
      .waitFor({ timeout: 30_000 });
    await goToMonth(frame, '2020-06');
  });

  it('follows a high-contrast theme: outlined cells, symbols and words still tell the state', async () => {
    await h.runCommand('Preferences: Color Theme');
    await h.answerQuickInput('Dark High Contrast');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'), undefined, {
      timeout: 30_000,
    });
    assert.equal(await cell(frame, '2020-06-30').getAttribute('data-kind'), 'ready');
    const border = await cell(frame, '2020-06-30').evaluate((n) => getComputedStyle(n).borderTopWidth);
    assert.equal(border, '3px', 'the day to launch next has the thick outline');
    await h.screenshot('high-contrast');
  });

  it('comes back on the same month after the window reloads', async () => {
    await h.openWorkbench();
    frame = await calendarFrame(h.page, 90_000);
    await frame.waitForFunction(
      () => /June 2020/i.test(document.getElementById('month-title')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    assert.equal(await waitForKind(frame, '2020-06-29', ['succeeded'], 60_000), 'succeeded');
  });
});
