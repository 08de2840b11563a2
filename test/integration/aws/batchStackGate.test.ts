// planBatch's stack gate (src/aws/batchStart.ts) against the sandbox's CloudFormation: a batch is refused before
// any confirmation when the deployed stack is not the one this version would deploy for this .env (its workflow
// would fail every day), or while CloudFormation is changing it; a stack that matches, or a STATE_MACHINE_ARN
// that is the operator's own workflow, plans as usual.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { productSetup } from '../../helpers/sandboxClients';
import { createBatches } from '../../../src/aws/batches';
import { planBatch, type PlanDeps } from '../../../src/aws/batchStart';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { Ec2Runs } from '../../../src/aws/runs';
import { deployAdatrapStack } from '../../../src/aws/stackSetup';
import { CloudFormationStacks } from '../../../src/aws/stacks';
import { S3Storage } from '../../../src/aws/storage';
import type { AdatrapConfig } from '../../../src/core/config';
import { setLanguage } from '../../../src/core/i18n';

describe('planBatch refuses a batch on a stack that cannot run it', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let config: AdatrapConfig;
  let stacks: CloudFormationStacks;

  const depsFor = (c: AdatrapConfig, s: PlanDeps['stacks'] | null = stacks): PlanDeps => ({
    config: c,
    storage: new S3Storage(clients.s3),
    runs: new Ec2Runs(clients.ec2),
    batches: createBatches(clients, c),
    ...(s ? { stacks: s } : {}),
  });

  before(async () => {
    setLanguage('en');
    sandbox = await startSandbox({ msPerSecond: 5 });
    ({ config, clients } = productSetup(sandbox));
    stacks = new CloudFormationStacks(clients.cloudFormation);
    const setup = await deployAdatrapStack(stacks, new CloudWatchLogs(clients.logs), config, { pollMs: 20 });
    assert.equal(setup.action, 'created');
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
  });

  it('plans on the stack this version deploys for this .env', async () => {
    const plan = await planBatch(depsFor(config), ['2020-06-29']);
    assert.deepEqual(plan.dates, ['2020-06-29']);
  });

  it('refuses, naming the stack and setup, when the .env no longer matches the deployed stack', async () => {
    // Another output bucket changes the machines' policy, so the deployed template is not this one.
    const moved = { ...config, outputBucket: `${config.outputBucket}-moved` };
    await assert.rejects(planBatch(depsFor(moved), ['2020-06-29']), (e: Error) => {
      assert.match(e.message, new RegExp(`^The stack ${config.stackName} was deployed by another version`));
      assert.match(e.message, /adatrap-miner setup/);
      return true;
    });
    // Nothing said about the stack without it: the caller that passes no stacks reader gets the plan.
    assert.deepEqual((await planBatch(depsFor(moved, null), ['2020-06-29'])).dates, ['2020-06-29']);
  });

  it('refuses while CloudFormation is changing the stack', async () => {
    const busy: PlanDeps['stacks'] = {
      describe: async (name) => ({ ...(await stacks.describe(name))!, status: 'UPDATE_IN_PROGRESS' }),
    };
    await assert.rejects(planBatch(depsFor(config, busy), ['2020-06-29']), /is UPDATE_IN_PROGRESS: launch again/);
  });

  it("leaves an operator's own workflow (STATE_MACHINE_ARN not the stack's) alone", async () => {
    const own = {
      ...config,
      outputBucket: `${config.outputBucket}-moved`,
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:their-own',
    };
    const plan = await planBatch({ ...depsFor(own), batches: createBatches(clients, config) }, ['2020-06-29']);
    assert.deepEqual(plan.dates, ['2020-06-29']);
  });
});
