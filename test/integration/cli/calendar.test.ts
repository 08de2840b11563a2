// `adatrap-miner calendar` as a user runs it: the bundled CLI (dist/cli.js, `npm run build`) against a sandbox
// whose seeded days are 2020-06-29..2020-07-01 (2020-07-02 lacks its transactions file).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateTagsCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { clientsFor, instanceTags, launchedId, runOne, type SandboxClients } from '../sandbox/clients';
import { requireBuilt, runCli } from '../../helpers/cli';

interface JsonDay {
  date: string;
  state: string;
  text: string;
  reason?: string;
  missing: { role: string; key?: string }[];
  runs: { instanceId: string }[];
  output: { key: string; size: number } | null;
}

describe('CLI: adatrap-miner calendar (against the sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: SandboxClients;
  let workspace: string;

  before(async function () {
    requireBuilt();
    sandbox = await startSandbox();
    clients = clientsFor(sandbox);
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-calendar-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());

    // 2020-06-29: a run that failed; 2020-06-30: a machine still running (the sandbox's idle launcher keeps it
    // so); 2020-07-01: an output nobody of ours is known to have written.
    const launch = (date: string): Promise<string> =>
      launchedId(
        runOne(clients.ec2, {
          InstanceType: 'm5.xlarge',
          KeyName: sandbox.env.KEY_PAIR,
          TagSpecifications: instanceTags({ 'adatrap:date': date }),
        }),
      );
    const failed = await launch('2020-06-29');
    await clients.ec2.send(
      new CreateTagsCommand({ Resources: [failed], Tags: [{ Key: 'adatrap:status', Value: 'failed: exit 3' }] }),
    );
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [failed] }));
    await launch('2020-06-30');
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: sandbox.env.OUTPUT_DATA_BUCKET_NAME,
        Key: '2020-07-01.zip',
        Body: Buffer.alloc(2048, 1),
      }),
    );
    // Its manifest names a machine EC2 no longer lists (as an hour after any run): two hours on-demand.
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: sandbox.env.OUTPUT_DATA_BUCKET_NAME,
        Key: '2020-07-01.manifest.json',
        Body: JSON.stringify({
          schema: 1,
          date: '2020-07-01',
          instanceId: 'i-0123456789abcdef0',
          machine: {
            instanceType: 'm5.xlarge',
            market: 'on-demand',
            launchedAt: '2020-07-01T10:00:00.000Z',
            endedAt: '2020-07-01T12:00:00.000Z',
          },
        }),
      }),
    );
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('reports each seeded day with its state as JSON', async () => {
    const june = await runCli(workspace, ['calendar', '2020-06', '--json']);
    assert.equal(june.code, 0, june.stderr);
    const days = (JSON.parse(june.stdout) as { days: JsonDay[] }).days;
    const byDate = new Map(days.map((d) => [d.date, d]));
    assert.equal(days.length, 30);
    assert.equal(byDate.get('2020-06-28')?.state, 'missingInputs');
    assert.equal(byDate.get('2020-06-29')?.state, 'failed');
    assert.equal(byDate.get('2020-06-29')?.reason, 'exit 3');
    assert.equal(byDate.get('2020-06-30')?.state, 'running');

    const july = await runCli(workspace, ['calendar', '2020-07', '--json']);
    assert.equal(july.code, 0, july.stderr);
    const julyDays = new Map((JSON.parse(july.stdout) as { days: JsonDay[] }).days.map((d) => [d.date, d]));
    assert.equal(julyDays.get('2020-07-01')?.state, 'earlierOutput');
    assert.equal(julyDays.get('2020-07-01')?.output?.size, 2048);
    const incomplete = julyDays.get('2020-07-02');
    assert.equal(incomplete?.state, 'missingInputs');
    assert.deepEqual(
      incomplete?.missing.map((m) => m.key),
      ['2020-07-02.trx.gz'],
    );
  });

  it('prints a Monday-first grid with a symbol per day, what to launch next and a legend', async () => {
    const r = await runCli(workspace, ['calendar', '2020-07']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'July 2020');
    assert.match(lines[1], /^\s+Mon\s+Tue\s+Wed\s+Thu\s+Fri\s+Sat\s+Sun$/);
    // 1 July 2020 was a Wednesday: the first row starts in the third column.
    assert.match(lines[2], /^ {12}\s+1 ◇\s+2 ○\s+3 ○/);
    assert.match(r.stdout, /2020-07-02 ○ missing: 2020-07-02\.trx\.gz/);
    // A run of days with the same gap is one line, not thirty.
    assert.match(r.stdout, /\n {2}2020-07-03 … 2020-07-31 ○ missing GPS, 1\.96, trx \(29 days\)\n/);
    assert.match(r.stdout, /Legend:\n {2}● ready to launch\n/);
    assert.match(r.stdout, /◇ output from an earlier run \(1\)/);
  });

  it('names failures and running machines, and says when nothing is ready', async () => {
    const r = await runCli(workspace, ['calendar', '2020-06']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 running, 1 failed/);
    assert.match(r.stdout, /2020-06-29 ✗ failed: exit 3/);
    assert.match(r.stdout, /Nothing is ready to launch\./);
  });

  it('gives the month the cost of its runs and each day the cost of its own, so far for a live machine', async () => {
    // Neither machine recorded a price at launch: both are priced from the sandbox's on-demand list price.
    const r = await runCli(workspace, ['calendar', '2020-06']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /\n1 running, 1 failed, 28 missing inputs\nCost of the runs of this month: USD \d+\.\d+ so far \(2 run\(s\)\)\.\n/,
    );
    assert.match(r.stdout, /2020-06-29 ✗ failed: exit 3 · USD \d+\.\d+\n/);
    const json = await runCli(workspace, ['calendar', '2020-06', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      cost: { usd: number; priced: number; unpriced: number; running: boolean };
      days: (JsonDay & { cost: { usd: number; priced: number } | null })[];
    };
    assert.equal(parsed.cost.priced, 2);
    assert.equal(parsed.cost.unpriced, 0);
    assert.equal(parsed.cost.running, true);
    const byDate = new Map(parsed.days.map((d) => [d.date, d]));
    const failed = byDate.get('2020-06-29')?.cost;
    const running = byDate.get('2020-06-30')?.cost;
    assert.ok(failed && running, 'both days carry their cost');
    assert.ok(failed.usd > 0 && running.usd > 0);
    assert.equal(
      Math.round((failed.usd + running.usd) * 1e9),
      Math.round(parsed.cost.usd * 1e9),
      'the month adds its days',
    );
    assert.equal(byDate.get('2020-06-28')?.cost, null);
    // July: no machine EC2 lists, but the manifest of 2020-07-01's output names the one that wrote it.
    const july = await runCli(workspace, ['calendar', '2020-07', '--json']);
    assert.equal(july.code, 0, july.stderr);
    const julyParsed = JSON.parse(july.stdout) as typeof parsed;
    assert.deepEqual(
      { ...julyParsed.cost, usd: undefined },
      { usd: undefined, priced: 1, unpriced: 0, running: false },
    );
    const first = julyParsed.days.find((d) => d.date === '2020-07-01');
    assert.equal(first?.cost?.usd, julyParsed.cost.usd);
    assert.ok(julyParsed.cost.usd > 0.5, `two hours of m5.xlarge Windows on-demand: ${julyParsed.cost.usd}`);
    // A month without any run of ours has no cost line at all.
    const august = await runCli(workspace, ['calendar', '2020-08']);
    assert.doesNotMatch(august.stdout, /Cost of the runs/);
  });

  it('speaks Spanish when asked', async () => {
    const r = await runCli(workspace, ['calendar', '2020-07'], { ADATRAP_LANG: 'es' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Julio de 2020\n/);
    assert.match(r.stdout, /Leyenda:/);
    assert.match(r.stdout, /falta: 2020-07-02\.trx\.gz/);
  });

  it('refuses a month that is not YYYY-MM with exit 2, naming it', async () => {
    const r = await runCli(workspace, ['calendar', '2020-13']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /2020-13 is not a month/);
    assert.equal(r.stdout, '');
  });
});
