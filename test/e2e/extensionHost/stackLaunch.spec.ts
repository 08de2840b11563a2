// Named to run after stackAndBatches.spec (suites run in name order), which deploys the stack. The extension's
// Launch Run for Date(s) as one Step Functions execution: the planned days only (a date with a live machine is
// left out with its reason), the confirmation with what the CLI prints and the cost estimate, the Batches view
// showing the new execution; and, without a stack, the launch saying so and offering Set Up AWS Account or
// Launch Directly. The dialogs are answered through the command's plain `answers` argument.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EnvFile } from '../../../src/core/envFile';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import { launchDate } from '../../../src/aws/launcher';
import { Ec2Runs } from '../../../src/aws/runs';
import { batchesOf } from '../../../src/vscode/batchesModel';
import { launchDates } from '../../../src/vscode/batchLaunch';
import { extensionVersion, launcherDeps } from '../../../src/vscode/runLauncher';
import type { LaunchRunResult } from '../../../src/vscode/commands/runCommands';
import { COMMANDS } from '../../../src/vscode/commands/commandIds';
import type { AdatrapServices } from '../../../src/vscode/services';
import { openSuiteWorkspace, restoreSuiteWorkspace, type SuiteWorkspace } from './services';

describe('launching dates as one batch (Launch Run for Date(s))', function () {
  this.timeout(120_000);
  let workspace: SuiteWorkspace | undefined;
  let services: AdatrapServices;
  let envPath: string;
  let original: string;
  let executionArn = '';
  let directId = '';

  before(async () => {
    workspace = await openSuiteWorkspace();
    ({ services, envPath, original } = workspace);
  });

  after(async () => {
    if (directId) await new Ec2Runs(services.config.aws().clients.ec2).terminate(directId).catch(() => undefined);
    if (workspace) await restoreSuiteWorkspace(workspace, executionArn);
  });

  it('starts one execution with the planned days, leaving out a date with a live machine, after showing the estimate', async () => {
    const session = services.config.aws();
    // Both days' machines stay busy (their GPS download hangs), so the live one is still live when planned.
    await sandboxControlFromEnv(EnvFile.parse(original).values()).addFaults(
      ['2020-06-29', '2020-06-30'].map((date) => ({
        service: 's3' as const,
        kind: 'slow' as const,
        operation: 'GetObject',
        key: `${date}.gps.gz`,
        delayMs: 600_000,
      })),
    );
    directId = (await launchDate(launcherDeps(session, extensionVersion(services.context)), '2020-06-29')).instanceId;

    const outcome = await vscode.commands.executeCommand<LaunchRunResult | undefined>(COMMANDS.launchRun, {
      dates: '2020-06-29..2020-06-30',
      answers: ['start'],
    });
    assert.ok(outcome, 'the launch failed (see the notification)');
    assert.equal(outcome.kind, 'batch');
    if (outcome.kind !== 'batch') return;
    executionArn = outcome.executionArn;
    assert.deepEqual(outcome.dates, ['2020-06-30']);
    assert.deepEqual(
      outcome.skipped.map((s) => s.date),
      ['2020-06-29'],
    );
    assert.match(outcome.skipped[0]?.reason ?? '', new RegExp(`^already has a live machine ${directId} `));

    // One dialog, the confirmation: what the CLI prints, the skipped day with its reason, and the estimate.
    assert.equal(outcome.prompts.length, 1);
    const [prompt] = outcome.prompts;
    assert.equal(prompt?.message, 'Start a batch for 2020-06-30?');
    const detail = prompt?.detail ?? '';
    assert.match(
      detail,
      /^Starting one batch: 1 day\(s\) from 2020-06-30 to 2020-06-30, at most 1 machine\(s\) at once\./,
    );
    assert.match(detail, /^Machines: spot m5\.xlarge, on-demand m5\.xlarge \(in that order\)/m);
    assert.match(detail, /^Not in the batch \(1 date\(s\)\):\n {2}2020-06-29: already has a live machine i-/m);
    // What the pre-flight chose, so a wrong dictionary or detail file is caught before paying.
    assert.match(
      detail,
      /^Inputs the pre-flight chose:\n {2}2020-06-30: service dictionary \S+\.po\.zip, service detail \S+/m,
    );
    assert.match(detail, /^Estimated cost: 1 machine\(s\) × [\d.]+ h/m);
    assert.match(detail, /on Spot \(m5\.xlarge at USD [\d.]+\/h\)/);
    assert.match(detail, /it goes on if VS Code closes/);

    // The execution holds exactly the planned day; the Batches view lists it already.
    const described = await batchesOf(session).describe(executionArn);
    assert.deepEqual(described.dates, ['2020-06-30']);
    assert.equal(described.status, 'RUNNING');
    assert.ok(services.batches.find(executionArn), 'the Batches view does not show the new batch');
  });

  it('starts nothing when every date is left out, naming why', async () => {
    assert.ok(executionArn, 'needs the batch of the previous test');
    await assert.rejects(
      launchDates(services, ['2020-06-29', '2020-06-30'], { answers: ['start'] }),
      (e: unknown) =>
        e instanceof Error &&
        /^Nothing to launch: all 2 date\(s\) were left out\. 2020-06-29: already has a live machine/.test(e.message),
    );
  });

  it('without a stack says so, and offers Set Up AWS Account or Launch Directly', async () => {
    writeFileSync(envPath, `${original.trimEnd()}\nSTACK_NAME=adatrap-miner-missing\n`);
    await services.config.reload();
    const outcome = await vscode.commands.executeCommand<LaunchRunResult | undefined>(COMMANDS.launchRun, {
      dates: '2020-07-01',
      answers: ['cancel'],
    });
    assert.ok(outcome, 'the launch failed (see the notification)');
    assert.equal(outcome.kind, 'cancelled');
    assert.equal(outcome.prompts.length, 1);
    assert.match(outcome.prompts[0]?.message ?? '', /^No batch workflow in this account: .*adatrap-miner-missing/);
    assert.match(outcome.prompts[0]?.detail ?? '', /Launch Directly starts the machines from this VS Code window/);
    assert.deepEqual(outcome.prompts[0]?.buttons, ['setUp', 'direct']);
  });

  it('after Set Up AWS Account deploys the missing stack, goes on and starts the batch through it', async () => {
    // Still STACK_NAME=adatrap-miner-missing (previous test); its day's machine stays busy until stopped.
    await sandboxControlFromEnv(EnvFile.parse(original).values()).addFaults({
      service: 's3',
      kind: 'slow',
      operation: 'GetObject',
      key: '2020-07-01.gps.gz',
      delayMs: 600_000,
    });
    const outcome = await vscode.commands.executeCommand<LaunchRunResult | undefined>(COMMANDS.launchRun, {
      dates: '2020-07-01',
      answers: ['setUp', 'start'],
    });
    try {
      assert.ok(outcome, 'the launch failed (see the notification)');
      assert.equal(outcome.kind, 'batch');
      if (outcome.kind !== 'batch') return;
      assert.deepEqual(
        outcome.prompts.map((p) => p.buttons),
        [['setUp', 'direct'], ['start']],
      );
      assert.match(outcome.executionArn, /:execution:adatrap-miner-missing-batches:2020-07-01_1d_/);
      assert.deepEqual(outcome.dates, ['2020-07-01']);
      const stopped = await batchesOf(services.config.aws()).stop(outcome.executionArn);
      assert.equal(stopped.stopped, true);
    } finally {
      // The second stack goes, whatever happened, so the suites after this one see the account as before.
      if (outcome?.kind === 'batch')
        await batchesOf(services.config.aws())
          .stop(outcome.executionArn)
          .catch(() => undefined);
      await vscode.commands.executeCommand(COMMANDS.deleteAwsStack, { confirmed: true });
    }
  });
});
