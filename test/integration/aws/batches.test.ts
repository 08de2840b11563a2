// The batches adapter (src/aws/batches.ts) against the sandbox's Step Functions and EC2, with real SDK clients:
// start an execution of the real workflow, list it, read per-day progress, stop it and its machines.
import * as assert from 'node:assert/strict';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { countingLoop } from '../../helpers/asl';
import { withWorkflow } from '../../helpers/workflowSandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { createBatches, resolveStateMachine, type Batches, type BatchDetail } from '../../../src/aws/batches';
import type { AdatrapConfig } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { buildWorkflowInput, EXECUTION_TAG } from '../../../src/core/workflowInput';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('aws batches (Step Functions executions) against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let config: AdatrapConfig;
  let batches: Batches;

  before(async () => {
    // Machines stay up (the default idle launcher): the days stay running until the test stops them.
    sandbox = await startSandbox({ msPerSecond: 5 });
    ({ clients, config } = await withWorkflow(sandbox));
    batches = createBatches(clients, config);
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
  });

  const inputFor = (dates: string[], maxParallel: number) =>
    buildWorkflowInput(config, {
      dates,
      maxParallel,
      agentSha256: 'a'.repeat(64),
      agentVersion: '0.1.0',
      language: 'en',
    });

  async function until(arn: string, check: (d: BatchDetail) => boolean): Promise<BatchDetail> {
    for (;;) {
      const d = await batches.describe(arn);
      if (check(d)) return d;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('starts one execution, lists it newest first, shows each day, and stops it with its machines', async () => {
    const first = await batches.start(inputFor(['2020-06-29'], 1));
    const { executionArn, name } = await batches.start(inputFor(['2020-06-29', '2020-06-30', '2020-07-01'], 2));
    assert.match(name, /^2020-06-29_2020-07-01_3d_\d{8}T\d{6}Z_[0-9a-f]{6}$/);
    assert.ok(executionArn.endsWith(`:${name}`));

    const listed = await batches.list();
    assert.deepEqual(
      listed.slice(0, 2).map((b) => b.executionArn),
      [executionArn, first.executionArn],
    );
    assert.equal((await batches.list({ limit: 1 })).length, 1);

    const running = await until(executionArn, (d) => d.days.filter((x) => x.state === 'running').length === 2);
    assert.deepEqual(
      running.days.map((d) => d.state),
      ['running', 'running', 'queued'],
    );
    const live = await batches.liveMachines(executionArn);
    assert.deepEqual(
      live.map((r) => r.instanceId).sort(),
      running.days
        .slice(0, 2)
        .map((d) => d.instanceId)
        .sort(),
    );
    const tagged = sandbox.state().instances.filter((i) => i.tags[EXECUTION_TAG] === name);
    assert.equal(tagged.length, 2, 'the workflow tags its machines with the execution name');

    const stopped = await batches.stop(executionArn);
    assert.equal(stopped.stopped, true);
    assert.deepEqual(stopped.terminated.sort(), live.map((r) => r.instanceId).sort());
    const after = await batches.describe(executionArn);
    assert.equal(after.status, 'ABORTED');
    assert.deepEqual(
      after.days.map((d) => d.state),
      ['stopped', 'stopped', 'stopped'],
    );
    assert.equal(after.summary.done, true);
    assert.equal(after.summary.ok, false);
    // What the polls above folded page by page equals one full read by an adapter that never saw it.
    assert.deepEqual(await createBatches(clients, config).describe(executionArn), after);
    assert.deepEqual(await batches.liveMachines(executionArn), []);
    // Stopping again changes nothing and says so.
    assert.deepEqual(await batches.stop(executionArn), { stopped: false, terminated: [] });
    await batches.stop(first.executionArn);
  });

  it('a poll reads only the events since the last one: one history page, not the whole history', async () => {
    // A long execution: ~6,000 events at once (a Pass/Choice loop), then a Wait that holds it running.
    const { stateMachineArn } = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: 'long-history',
        roleArn: 'arn:aws:iam::000000000000:role/adatrap-miner-workflow',
        definition: JSON.stringify(countingLoop(1500, { Hold: { Type: 'Wait', Seconds: 1_000_000, End: true } })),
      }),
    );
    const long = createBatches(clients, { ...config, stateMachineArn });
    const { executionArn = '' } = await clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'long-history-1', input: '{"n":0}' }),
    );
    const run = sandbox.stepFunctions.execution(executionArn);
    assert.ok(run);
    while (run.events.at(-1)?.type !== 'WaitStateEntered') await new Promise((r) => setTimeout(r, 20));
    const total = run.events.length;
    assert.ok(total > 5000, `a long history (${total} events)`);
    const pagesOf = async (describe: () => Promise<BatchDetail>): Promise<number> => {
      const before = sandbox.faults.count('sfn', 'GetExecutionHistory');
      await describe();
      return sandbox.faults.count('sfn', 'GetExecutionHistory') - before;
    };
    assert.equal(await pagesOf(() => long.describe(executionArn)), Math.ceil(total / 1000), 'the first read: all');
    assert.equal(await pagesOf(() => long.describe(executionArn)), 1, 'nothing new: one page');
    await long.stop(executionArn);
    await run.done;
    let last: BatchDetail | undefined;
    assert.equal(await pagesOf(async () => (last = await long.describe(executionArn))), 1, 'the end: one page');
    assert.equal(last?.status, 'ABORTED');
    // The execution ended: its fold is dropped, a later read is a full one again (and says the same).
    assert.equal(await pagesOf(() => long.describe(executionArn)), Math.ceil(run.events.length / 1000));
  });

  it('names the batch to fix when it does not exist', async () => {
    const arn = config.stateMachineArn!.replace(':stateMachine:', ':execution:') + ':nope';
    await assert.rejects(batches.describe(arn), (e: unknown) => e instanceof UserError && e.message.includes(arn));
  });

  it('without STATE_MACHINE_ARN nor a stack, points to adatrap-miner setup', async () => {
    const noStack = { describe: () => Promise.resolve(undefined) };
    await assert.rejects(
      resolveStateMachine({ stackName: 'adatrap-miner' }, noStack),
      (e: unknown) =>
        e instanceof UserError && /adatrap-miner setup/.test(e.message) && /STATE_MACHINE_ARN/.test(e.message),
    );
    const withStack = {
      describe: () => Promise.resolve({ status: 'CREATE_COMPLETE', outputs: { StateMachineArn: 'arn:from:stack' } }),
    };
    assert.equal(await resolveStateMachine({ stackName: 'adatrap-miner' }, withStack), 'arn:from:stack');
  });
});
