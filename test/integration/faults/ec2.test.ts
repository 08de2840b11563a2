// Fault matrix, EC2 through the built CLI: a launch or a stop that meets throttling, 5xx or a connection cut
// must end with exactly the machines the user asked for (one per date), never a second one billing unseen.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { fault, inject, startFaultEnv, type FaultEnv } from './faultKit';
import { requireBuilt, runCli } from '../../helpers/cli';

const DAY = '2020-06-29';

describe('fault matrix: EC2 launches and stops (the built CLI)', function () {
  this.timeout(90_000);
  let env: FaultEnv;
  let dir: string;

  beforeEach(async function () {
    requireBuilt();
    env = await startFaultEnv({ timings: { pendingMs: 50, shuttingDownMs: 50 } });
    dir = mkdtempSync(path.join(tmpdir(), 'adatrap-faults-ec2-'));
    writeFileSync(path.join(dir, '.env'), env.sb.envText());
  });

  afterEach(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function machinesFor(date: string): Promise<string[]> {
    const out = await env.clients.ec2.send(new DescribeInstancesCommand({}));
    return (out.Reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .filter((i) => (i.Tags ?? []).some((t) => t.Key === 'adatrap:date' && t.Value === date))
      .map((i) => i.InstanceId ?? '');
  }

  it('RunInstances throttled twice and a 5xx: one launch, one machine', async () => {
    const fired = inject(
      env.sb,
      fault('ec2', 'throttle', 'RunInstances', { count: 2 }),
      fault('ec2', 'internalError', 'RunInstances', { count: 1 }),
    );
    const r = await runCli(dir, ['create-ec2-instance', DAY, '--direct']);
    assert.equal(r.code, 0, r.stderr);
    fired();
    assert.deepEqual(await machinesFor(DAY), [r.stdout.trim()]);
  });

  it('the RunInstances answer cut after the machine was created: still exactly one machine', async () => {
    const fired = inject(env.sb, fault('ec2', 'reset', 'RunInstances', { afterBytes: 64, count: 1 }));
    const r = await runCli(dir, ['create-ec2-instance', DAY, '--direct']);
    fired();
    const machines = await machinesFor(DAY);
    assert.equal(
      machines.length,
      1,
      `machines launched for ${DAY}: ${machines.join(', ')}; CLI said: ${r.stdout}${r.stderr}`,
    );
    // The SDK's retry carried the same ClientToken: the answer names the machine that exists.
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(machines, [r.stdout.trim()]);
  });

  it('TerminateInstances throttled and 5xx: the stop still ends the machine', async () => {
    const launched = await runCli(dir, ['create-ec2-instance', DAY, '--direct']);
    assert.equal(launched.code, 0, launched.stderr);
    const id = launched.stdout.trim();
    const fired = inject(
      env.sb,
      fault('ec2', 'throttle', 'TerminateInstances', { count: 1 }),
      fault('ec2', 'internalError', 'TerminateInstances', { count: 1 }),
    );
    const r = await runCli(dir, ['stop-ec2-instance', id]);
    assert.equal(r.code, 0, r.stderr);
    fired();
    const out = await env.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    assert.match(out.Reservations?.[0]?.Instances?.[0]?.State?.Name ?? '', /shutting-down|terminated/);
  });
});
