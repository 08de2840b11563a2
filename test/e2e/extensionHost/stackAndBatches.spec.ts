// Named to run after calendarWorkMonth.spec (suites run in name order; that one needs a workspace without runs).
// The extension as the cockpit of batches, against the sandbox: Set Up AWS Account deploys the stack and writes
// its outputs into .env keeping its comments; a batch (one Step Functions execution) shows in the Batches view
// with a row per day; Stop Batch is offered only on a running batch, stops it and terminates its machine.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EnvFile } from '../../../src/core/envFile';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import { startBatch } from '../../../src/aws/batchStart';
import { batchesOf } from '../../../src/vscode/batchesModel';
import { extensionVersion, launcherDeps } from '../../../src/vscode/runLauncher';
import type { StopResult } from '../../../src/aws/batches';
import type { SetupOutcome } from '../../../src/vscode/commands/setupCommands';
import { COMMANDS } from '../../../src/vscode/commands/commandIds';
import type { AdatrapServices } from '../../../src/vscode/services';
import { executionNotes } from '../../../src/vscode/calendar/hostStrings';
import {
  children,
  openSuiteWorkspace,
  restoreSuiteWorkspace,
  waitFor,
  type RenderedNode,
  type SuiteWorkspace,
} from './services';

const COMMENT = '# kept by Set Up AWS Account';

/** Whether a package.json `view/item/context` entry of the command offers itself on a row with this value. */
function menuOffers(command: string, viewItem: string): boolean {
  const pkg = vscode.extensions.getExtension('adatrap.adatrap-miner')?.packageJSON as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  return pkg.contributes.menus['view/item/context'].some((m) => {
    if (m.command !== command || !m.when?.includes('view == adatrap.batches')) return false;
    const eq = /viewItem == ([\w.]+)/.exec(m.when);
    if (eq) return eq[1] === viewItem;
    const re = /viewItem =~ \/(.+)\//.exec(m.when);
    return re ? new RegExp(re[1] as string).test(viewItem) : false;
  });
}

describe('batches (Set Up AWS Account, Batches view, Stop Batch)', function () {
  this.timeout(120_000);
  let workspace: SuiteWorkspace | undefined;
  let services: AdatrapServices;
  let envPath: string;
  let executionArn = '';

  before(async () => {
    workspace = await openSuiteWorkspace(COMMENT);
    ({ services, envPath } = workspace);
  });

  after(async () => {
    if (workspace) await restoreSuiteWorkspace(workspace, executionArn);
  });

  it('says the Batches view has no workflow before the stack exists', async () => {
    await services.trees.refreshBatches();
    assert.equal(services.batches.noStack, true, services.batches.error);
    assert.deepEqual(await children(services.trees.batchesProvider), []);
  });

  it('sets up the AWS account and writes the outputs into .env, keeping its comments', async () => {
    const outcome = await vscode.commands.executeCommand<SetupOutcome>(COMMANDS.setUpAwsAccount, { writeEnv: true });
    assert.ok(outcome, 'Set Up AWS Account failed (see the notification)');
    assert.equal(outcome.action, 'created');
    assert.deepEqual(outcome.written.sort(), ['INSTANCE_PROFILE', 'SCHEDULER_ROLE_ARN', 'STATE_MACHINE_ARN']);
    const text = readFileSync(envPath, 'utf8');
    assert.ok(text.startsWith(`${COMMENT}\n`), 'the comment is gone');
    assert.match(text, /^STATE_MACHINE_ARN=arn:aws:states:us-east-1:\d{12}:stateMachine:adatrap-miner-batches$/m);
    assert.match(text, /^INSTANCE_PROFILE=adatrap-miner-machine$/m);
    // A second time changes nothing and writes nothing.
    await services.config.reload();
    const again = await vscode.commands.executeCommand<SetupOutcome>(COMMANDS.setUpAwsAccount, { writeEnv: true });
    assert.equal(again?.action, 'unchanged');
    assert.deepEqual(again?.written, []);
  });

  it('lists a running batch with one row per day, and offers Stop Batch only while it runs', async () => {
    await services.config.reload();
    const session = services.config.aws();
    const values = EnvFile.parse(readFileSync(envPath, 'utf8')).values();
    // The first day's GPS download hangs: its machine stays running, the second day waits for the one slot.
    await sandboxControlFromEnv(values).addFaults({
      service: 's3',
      kind: 'slow',
      operation: 'GetObject',
      key: '2020-06-29.gps.gz',
      delayMs: 600_000,
    });
    const started = await startBatch(
      { ...launcherDeps(session, extensionVersion(services.context)), batches: batchesOf(session) },
      ['2020-06-29', '2020-06-30'],
      { maxParallel: 1 },
    );
    executionArn = started.executionArn;
    const row = await waitFor(
      'the batch row with its first day running',
      async () => {
        await services.trees.refreshBatches();
        const rows = await children(services.trees.batchesProvider);
        const batch = rows.find((r) => r.contextValue === 'batch.running');
        if (!batch) return undefined;
        const days = await children(services.trees.batchesProvider, batch.node);
        return days[0]?.contextValue === 'batchDay.running.machine' ? { batch, days } : undefined;
      },
      60_000,
    );
    assert.match(row.batch.label, /^2020-06-29 … 2020-06-30 \(2 days\)$/);
    assert.match(row.batch.description, /^running · 1 running, 1 queued/);
    assert.deepEqual(
      row.days.map((d: RenderedNode) => [d.label, d.contextValue]),
      [
        ['2020-06-29', 'batchDay.running.machine'],
        ['2020-06-30', 'batchDay.queued'],
      ],
    );
    assert.match(row.days[0]?.description ?? '', /^running · i-[0-9a-f]+$/);
    // The day's machine links to its run; the calendar sees both days as taken by the batch.
    const instanceId = /i-[0-9a-f]+/.exec(row.days[0]?.description ?? '')?.[0];
    assert.equal(await vscode.commands.executeCommand(COMMANDS.revealRun, instanceId), instanceId);
    assert.deepEqual(
      [...services.batches.activeDays.values()].map((d) => [d.date, d.kind]),
      [
        ['2020-06-29', 'running'],
        ['2020-06-30', 'queued'],
      ],
    );
    // The calendar's line for those days, from AWS (not from the window that started the batch).
    assert.deepEqual(
      [...executionNotes(services.batches.activeDays, new Map()).entries()],
      [
        ['2020-06-29', 'in a batch: running'],
        ['2020-06-30', 'in a batch: queued'],
      ],
    );
    assert.equal(menuOffers(COMMANDS.stopBatch, 'batch.running'), true);
    assert.equal(menuOffers(COMMANDS.stopBatch, 'batch.aborted'), false);
    assert.equal(menuOffers(COMMANDS.showBatch, 'batch.aborted'), true);
    assert.equal(menuOffers(COMMANDS.revealRun, 'batchDay.running.machine'), true);
    assert.equal(menuOffers(COMMANDS.revealRun, 'batchDay.queued'), false);
  });

  it('shows the batch as a document with a row per day', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showBatch, executionArn);
    assert.ok(uri, 'Show Batch failed');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /^# Batch 2020-06-29 … 2020-06-30 \(2 days\)$/m);
    assert.match(text, /^\| 2020-06-29 \| running \| 1 \| i-[0-9a-f]+ \|/m);
    assert.match(text, /^\| 2020-06-30 \| queued \| 0 \|/m);
    assert.ok(text.includes(`#/v2/executions/details/${encodeURIComponent(executionArn)}`));
  });

  it('stops the batch, terminating its machine; then it is no longer offered to stop', async () => {
    const result = await vscode.commands.executeCommand<StopResult>(COMMANDS.stopBatch, {
      executionArn,
      confirmed: true,
    });
    assert.ok(result, 'Stop Batch failed');
    assert.equal(result.stopped, true);
    assert.equal(result.terminated.length, 1);
    const stopped = await waitFor('the batch shown as stopped', async () => {
      await services.trees.refreshBatches();
      const rows = await children(services.trees.batchesProvider);
      return rows.find((r) => r.contextValue === 'batch.aborted');
    });
    assert.match(stopped.description, /^stopped/);
    assert.equal(services.batches.activeDays.size, 0);
    executionArn = '';
  });
});
