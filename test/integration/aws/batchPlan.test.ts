// planBatch (src/aws/batchStart.ts) against the sandbox with real SDK clients: which dates a batch launch starts
// and why the others are left out, for a date with a live machine, a date a running batch still holds, and a
// date whose inputs are not ready; --force skips the pre-flight but never the first two.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { withWorkflow } from '../../helpers/workflowSandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { createBatches, type Batches } from '../../../src/aws/batches';
import { planBatch, type PlanDeps } from '../../../src/aws/batchStart';
import { launchDate } from '../../../src/aws/launcher';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { Ec2Runs } from '../../../src/aws/runs';
import { S3Storage } from '../../../src/aws/storage';
import {
  batchConfirmation,
  batchOutline,
  chosenInputLines,
  nothingLeftMessage,
} from '../../../src/core/batchConfirmation';
import type { AdatrapConfig } from '../../../src/core/config';
import { setLanguage } from '../../../src/core/i18n';
import { buildWorkflowInput } from '../../../src/core/workflowInput';

describe('planBatch: the dates a batch launch starts, against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let config: AdatrapConfig;
  let batches: Batches;
  let deps: PlanDeps;
  let batchArn = '';
  let directId = '';

  before(async () => {
    setLanguage('en');
    // Machines stay up (the default idle launcher): the batch's first day keeps its slot until the test stops it.
    sandbox = await startSandbox({ msPerSecond: 5 });
    ({ clients, config } = await withWorkflow(sandbox));
    batches = createBatches(clients, config);
    const storage = new S3Storage(clients.s3);
    const runs = new Ec2Runs(clients.ec2);
    deps = { config, storage, runs, batches };

    // 2020-06-30 has a machine launched directly (outside any batch).
    directId = (
      await launchDate(
        {
          config,
          storage,
          runs,
          logs: new CloudWatchLogs(clients.logs),
          logLanguage: 'en',
          agentBundle: async () => ({ sha256: 'a'.repeat(64), version: 'test' }),
        },
        '2020-06-30',
      )
    ).instanceId;
    // A running batch of 2020-07-02 and 2020-07-01 through one slot: 07-02 gets the machine, 07-01 waits queued.
    const input = buildWorkflowInput(config, {
      dates: ['2020-07-02', '2020-07-01'],
      maxParallel: 1,
      agentSha256: 'a'.repeat(64),
      agentVersion: '0.1.0',
      language: 'en',
    });
    batchArn = (await batches.start(input)).executionArn;
    for (;;) {
      const d = await batches.describe(batchArn);
      if (d.days[0]?.state === 'running' && d.days[0].instanceId) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  });

  after(async () => {
    if (batchArn) await batches.stop(batchArn).catch(() => undefined);
    if (directId) await new Ec2Runs(clients.ec2).terminate(directId).catch(() => undefined);
    clients?.destroy();
    await sandbox?.close();
  });

  const asked = ['2020-06-29', '2020-06-30', '2020-07-01', '2020-07-02', '2020-07-03', '2020-06-29'];

  it('keeps the ready free date and skips the others, each with its reason', async () => {
    const plan = await planBatch(deps, asked, { force: false });
    assert.deepEqual(plan.dates, ['2020-06-29']);
    assert.deepEqual(
      plan.skipped.map((s) => s.date),
      ['2020-06-30', '2020-07-01', '2020-07-02', '2020-07-03'],
    );
    const reason = (date: string) => plan.skipped.find((s) => s.date === date)?.reason ?? '';
    assert.match(reason('2020-06-30'), new RegExp(`^already has a live machine ${directId} \\((pending|running)\\)`));
    assert.match(reason('2020-07-01'), /^already queued in the running batch 2020-07-01_2020-07-02_2d_/);
    // 07-02's batch machine is a live machine of ours like any other: that reason comes first.
    assert.match(reason('2020-07-02'), /^already has a live machine i-[0-9a-f]+ /);
    assert.match(reason('2020-07-03'), /^not ready: .*2020-07-03/);
    // Each date once, with its pre-flight.
    assert.deepEqual(
      plan.readiness.map((r) => [r.date, r.ready]),
      [
        ['2020-06-29', true],
        ['2020-06-30', true],
        ['2020-07-01', true],
        ['2020-07-02', false],
        ['2020-07-03', false],
      ],
    );
  });

  it('with force skips the pre-flight but still skips the live and the batched dates', async () => {
    const plan = await planBatch(deps, asked, { force: true });
    assert.deepEqual(plan.dates, ['2020-06-29', '2020-07-03']);
    assert.deepEqual(
      plan.skipped.map((s) => s.date),
      ['2020-06-30', '2020-07-01', '2020-07-02'],
    );
    assert.deepEqual(plan.readiness, []);
  });

  it('sums the plan up for the confirmation, skipped days with their reasons', async () => {
    const plan = await planBatch(deps, asked, { force: false });
    const lines = batchConfirmation(batchOutline({ ...config, market: 'spot' }, plan.dates, 4), plan.skipped);
    assert.equal(lines[0], 'Starting one batch: 1 day(s) from 2020-06-29 to 2020-06-29, at most 1 machine(s) at once.');
    assert.match(lines[1] ?? '', /^Machines: spot \S+, on-demand \S+ \(in that order\); each day tried at most 3 time/);
    assert.equal(lines[2], 'Not in the batch (4 date(s)):');
    assert.match(lines[3] ?? '', /^ {2}2020-06-30: already has a live machine/);
    assert.equal(lines.length, 7);
    // The seed's 2020-06-29 takes the dictionary valid from 2020-06-01 (the next one starts 2020-06-30).
    assert.deepEqual(
      chosenInputLines(plan.readiness, plan.dates).map((l) => l.replace(/service detail \S+$/, 'service detail …')),
      ['Inputs the pre-flight chose:', '  2020-06-29: service dictionary 2020-06-01.po.zip, service detail …'],
    );
    const none = await planBatch(deps, ['2020-06-30'], { force: true });
    assert.deepEqual(none.dates, []);
    assert.match(nothingLeftMessage(none.skipped), /^Nothing to launch: all 1 date\(s\) were left out\. 2020-06-30: /);
  });
});
