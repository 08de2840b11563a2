// A batch outlives the window (issue 12, "the extension shows the same batch after a reload"), in a real VS Code
// (code-server + chromium) against the sandbox: the stack is deployed and a three-day batch with one machine at
// a time is started from the CLI, so nothing of it lives in the extension host. The calendar shows the first day
// running and the other two queued in that batch, with the month's cost; after Developer: Reload Window the
// calendar and the Batches view show the same batch, read again from AWS; stop-batch frees the queued days.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startHarness, type Harness } from './harness';
import { calendarFrame, cell, goToMonth, runCommandWhenListed, waitForKind } from './harness/calendarPage';
import { waitForWorkbench } from './harness/workbench';
import { runCli } from '../helpers/cli';

const DAYS = ['2020-06-29', '2020-06-30', '2020-07-01'];

describe('a batch survives a window reload (real VS Code + sandbox)', function () {
  this.timeout(300_000);
  let h: Harness;
  let frame: Frame;
  let executionArn = '';
  let executionName = '';

  before(async () => {
    // The workbench opens once the batch runs: what the extension shows comes from AWS only.
    h = await startHarness({ name: 'calendar-batch', open: false });
    const setup = await runCli(h.workspace, ['setup']);
    assert.equal(setup.code, 0, setup.stderr);
    // The first day's GPS download hangs: its machine stays running and the one slot stays taken.
    await h.addSandboxFault({
      service: 's3',
      kind: 'slow',
      operation: 'GetObject',
      key: `${DAYS[0]}.gps.gz`,
      delayMs: 600_000,
    });
    const started = await runCli(h.workspace, ['create-ec2-instance', DAYS[0], '--to', DAYS[2], '--max-parallel', '1']);
    assert.equal(started.code, 0, started.stderr);
    executionArn = started.stdout.trim();
    executionName = executionArn.slice(executionArn.lastIndexOf(':') + 1);
    assert.match(executionName, /^2020-06-29_2020-07-01_3d_/);
  });

  after(async () => {
    if (h && executionArn) await runCli(h.workspace, ['stop-batch', executionArn]).catch(() => undefined);
    await h?.close();
  });

  async function expectBatchDays(): Promise<void> {
    await goToMonth(frame, '2020-06');
    assert.equal(await waitForKind(frame, DAYS[0], ['running'], 90_000), 'running');
    assert.equal(await waitForKind(frame, DAYS[1], ['queued'], 30_000), 'queued');
    assert.equal((await cell(frame, DAYS[1]).locator('.text').textContent())?.trim(), 'queued');
    assert.equal((await cell(frame, DAYS[1]).locator('.symbol').textContent())?.trim(), '◷');
    const label = (await cell(frame, DAYS[1]).getAttribute('aria-label')) ?? '';
    assert.match(label, /2020-06-30: queued in a batch/);
    assert.ok(label.includes(`waiting in batch ${executionName} for a free machine slot`), label);
    assert.match((await frame.locator('#summary').textContent()) ?? '', /1 running, 1 queued in batches/);
    // The running machine is priced (the price it recorded at launch, or the sandbox's list price): so far.
    await frame
      .locator('#cost:not([hidden])')
      .filter({ hasText: /^Cost of the runs of this month: USD \d+\.\d+ so far \(1 run\(s\)\)\.$/ })
      .waitFor({ timeout: 30_000 });
    assert.match((await cell(frame, DAYS[0]).getAttribute('title')) ?? '', /cost of its runs: USD \d+\.\d+ so far/);
    await goToMonth(frame, '2020-07');
    assert.equal(await waitForKind(frame, DAYS[2], ['queued'], 30_000), 'queued');
    await goToMonth(frame, '2020-06');
  }

  async function expectBatchRow(status: RegExp): Promise<void> {
    const row = h
      .treeRows('Batches')
      .filter({ hasText: '2020-06-29 … 2020-07-01 (3 days)' })
      .filter({ hasText: status })
      .first();
    // After a reload VS Code restores the side bar as it was (clicking its container again would hide it): the
    // row is looked for there first, and the view opened only when it is not showing.
    const shown = await row
      .waitFor({ timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    await h.openView('ADATRAP', 'Batches');
    await row.waitFor({ timeout: 60_000 });
  }

  it('shows the first day running and the others queued in the batch started from the CLI', async () => {
    await h.openWorkbench();
    await runCommandWhenListed(h, 'ADATRAP: Open Run Calendar');
    frame = await calendarFrame(h.page, 60_000);
    await expectBatchDays();
    await h.screenshot('queued');
    await expectBatchRow(/running · 1 running, 2 queued/);
    await h.screenshot('batches-view');
  });

  it('shows the same batch after Developer: Reload Window, read again from AWS', async () => {
    const reloaded = h.page.waitForEvent('load', { timeout: 90_000 });
    await h.runCommand('Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(h.page, 90_000);
    // VS Code restores the calendar panel it had; if this build does not, the user reopens it.
    frame = await calendarFrame(h.page, 60_000).catch(async () => {
      await runCommandWhenListed(h, 'ADATRAP: Open Run Calendar');
      return calendarFrame(h.page, 60_000);
    });
    await expectBatchDays();
    await h.screenshot('queued-after-reload');
    await expectBatchRow(/running · 1 running, 2 queued/);
  });

  it('frees the queued days once the batch is stopped, and the machine stops', async () => {
    const stopped = await runCli(h.workspace, ['stop-batch', executionArn]);
    assert.equal(stopped.code, 0, stopped.stderr);
    executionArn = '';
    assert.equal(await waitForKind(frame, DAYS[1], ['ready'], 90_000), 'ready');
    await waitForKind(frame, DAYS[0], ['failed'], 90_000);
    await expectBatchRow(/stopped/);
    await h.screenshot('stopped');
  });
});
