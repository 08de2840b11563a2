// create-ec2-instance's batch path leaves out what must not start (planBatch, src/aws/batchStart.ts), through
// the built CLI: a date that already has a live machine is skipped with its reason on stderr, the others start,
// and a launch with nothing left exits non-zero without starting an execution.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { SEEDED_DAYS } from '../../../src/sandbox/seed';
import { requireBuilt, runCli } from '../../helpers/cli';

const [LIVE, FREE] = SEEDED_DAYS;

describe('create-ec2-instance skips a date with a live machine (batch path, through the CLI)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let cwd: string;
  let liveId = '';

  before(async function () {
    requireBuilt('cli.js', 'agent.js');
    cwd = await mkdtemp(join(tmpdir(), 'adatrap-batch-plan-cli-'));
    // The default idle launcher: machines stay running until terminated, so LIVE stays live.
    sandbox = await startSandbox({ msPerSecond: 5, timings: { pendingMs: 20, shuttingDownMs: 20 } });
    await writeFile(join(cwd, '.env'), sandbox.envText());
    const setup = await runCli(cwd, ['setup']);
    assert.equal(setup.code, 0, setup.stderr);
    const direct = await runCli(cwd, ['create-ec2-instance', LIVE, '--direct']);
    assert.equal(direct.code, 0, direct.stderr);
    liveId = direct.stdout.trim();
    assert.match(liveId, /^i-[0-9a-f]+$/);
  });

  after(async () => {
    await sandbox?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  const executions = (): number => sandbox.stepFunctions.allExecutions().length;

  it('a date with a live machine alone: skipped with its reason, nothing started, exit 1', async () => {
    const before = executions();
    const r = await runCli(cwd, ['create-ec2-instance', LIVE]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '', 'no execution ARN');
    assert.match(r.stderr, new RegExp(`^Skipped ${LIVE}: already has a live machine ${liveId}`, 'm'));
    assert.match(r.stderr, /^Nothing to launch: all 1 date\(s\) were left out\./m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(executions(), before, 'no execution was started');
  });

  it('--force does not override it, and a range starts the other dates only', async () => {
    const forced = await runCli(cwd, ['create-ec2-instance', LIVE, '--force']);
    assert.equal(forced.code, 1, forced.stderr);
    assert.match(forced.stderr, new RegExp(`^Skipped ${LIVE}: already has a live machine`, 'm'));

    const r = await runCli(cwd, ['create-ec2-instance', LIVE, '--to', FREE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^Skipped ${LIVE}: already has a live machine ${liveId}`, 'm'));
    assert.match(r.stderr, new RegExp(`^Starting one batch: 1 day\\(s\\) from ${FREE} to ${FREE}`, 'm'));
    const arn = r.stdout.trim();
    const execution = sandbox.stepFunctions.execution(arn);
    assert.ok(execution, `an execution ${arn}`);
    assert.deepEqual((JSON.parse(execution.input) as { dates: string[] }).dates, [FREE]);
    const stopped = await runCli(cwd, ['stop-batch', arn]);
    assert.equal(stopped.code, 0, stopped.stderr);
  });
});
