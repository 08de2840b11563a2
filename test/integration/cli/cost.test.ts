// Cost through the CLI on the sandbox: the estimate before a launch (from the sandbox's fixed prices, computed
// here from the same table), the cost of a finished run in list-runs, unknown prices that never block a
// launch, the median of earlier runs' manifests, and the cross-region transfer warning.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { EBS_USD_PER_GB_MONTH, onDemandPrice } from '../../../src/sandbox/ec2/prices';
import { formatRate, HOURS_PER_MONTH, DEFAULT_ROOT_VOLUME_GB } from '../../../src/core/costEstimate';
import { setLanguage } from '../../../src/core/i18n';
import { requireBuilt, runCli } from '../../helpers/cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const DAY = '2020-06-30';

describe('cost through the CLI', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let workspace: string;
  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(workspace, args);

  before(async () => {
    requireBuilt('cli.js', 'agent.js');
    setLanguage('en');
    sandbox = await startSandbox();
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-cost-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());
  });
  after(async () => {
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });
  afterEach(() => sandbox.faults.clear());

  const type = (): string => sandbox.env.INSTANCE_TYPE ?? '';
  const od = (): number => onDemandPrice(type(), 'windows', 'us-east-1') ?? NaN;

  it('shows the estimate before launching: MAX_RUN_HOURS without earlier runs, Spot and on-demand bounds', async () => {
    const r = await cli('create-ec2-instance', DAY, '--direct');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Estimated cost: 1 machine\(s\) × 4 h \(MAX_RUN_HOURS: no earlier run measured\)/);
    assert.match(r.stderr, /on Spot \(m5\.xlarge at USD 0\.\d{4}\/h\)/);
    const fallback = r.stderr.split('\n').find((l) => l.includes('falls back to on-demand')) ?? '';
    assert.ok(fallback.includes(`${type()} at ${formatRate(od())}/h`), fallback);
    assert.match(r.stdout.trim(), /^i-[0-9a-f]+$/);
    await cli('stop-ec2-instance', r.stdout.trim());
  });

  it("list-runs gives a finished run's cost: launch to termination × the price it ran at, plus the root volume", async () => {
    const launched = await cli('create-ec2-instance', '2020-07-01', '--direct');
    assert.equal(launched.code, 0, launched.stderr);
    const id = launched.stdout.trim();
    assert.equal((await cli('stop-ec2-instance', id)).code, 0);
    let run: { state: string; launchTime: string; endedAt?: string; cost?: Record<string, unknown> } | undefined;
    for (let i = 0; i < 50; i++) {
      const list = await cli('list-runs', '--json');
      assert.equal(list.code, 0, list.stderr);
      run = (JSON.parse(list.stdout) as Array<typeof run & { instanceId: string }>).find((x) => x.instanceId === id);
      if (run?.state === 'terminated') break;
    }
    assert.equal(run?.state, 'terminated');
    assert.ok(run?.endedAt, 'termination time from StateTransitionReason');
    const seconds = Math.max(60, Math.ceil((Date.parse(run.endedAt) - Date.parse(run.launchTime)) / 1000));
    const hours = seconds / 3600;
    const volume = (hours * DEFAULT_ROOT_VOLUME_GB * (EBS_USD_PER_GB_MONTH.gp3 ?? NaN)) / HOURS_PER_MONTH;
    assert.equal(run.cost?.market, 'on-demand');
    assert.equal(run.cost?.usdPerHour, od());
    assert.ok(Math.abs(Number(run.cost?.usd) - (hours * od() + volume)) < 1e-9, JSON.stringify(run.cost));
    const table = await cli('list-runs');
    const row = table.stdout.split('\n').find((l) => l.startsWith(id)) ?? '';
    assert.match(table.stdout.split('\n')[0] ?? '', /Cost/);
    assert.match(row, /USD \d+\.\d{4}/);
  });

  it('a missing pricing permission leaves the estimate unknown, naming it, and the launch goes on', async () => {
    sandbox.faults.add({ service: 'pricing', kind: 'denied' });
    const r = await cli('create-ec2-instance', '2020-06-29', '--direct');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /needs pricing:GetProducts/);
    assert.match(r.stdout.trim(), /^i-[0-9a-f]+$/);
    await cli('stop-ec2-instance', r.stdout.trim());
  });

  it('expected hours are the median of the manifests earlier runs left in the output bucket', async () => {
    const bucket = sandbox.env.OUTPUT_DATA_BUCKET_NAME ?? '';
    const manifest = (date: string, hours: number): string =>
      JSON.stringify({
        schema: 1,
        date,
        startedAt: '2020-07-01T04:00:00.000Z',
        finishedAt: new Date(Date.parse('2020-07-01T04:00:00.000Z') + hours * 3_600_000).toISOString(),
      });
    await sandbox.s3.putBuffer(bucket, '2020-06-01.manifest.json', Buffer.from(manifest('2020-06-01', 1.5)));
    await sandbox.s3.putBuffer(bucket, '2020-06-02.manifest.json', Buffer.from(manifest('2020-06-02', 2.5)));
    await sandbox.s3.putBuffer(bucket, '2020-06-03.manifest.json', Buffer.from(manifest('2020-06-03', 9)));
    try {
      const r = await cli('create-ec2-instance', '2020-06-29', '--to', '2020-06-30', '--max-parallel', '4', '--direct');
      assert.match(r.stderr, /2 machine\(s\) × 2\.5 h \(median of 3 earlier runs\)/);
      for (const line of r.stdout.trim().split('\n')) await cli('stop-ec2-instance', line.split('\t')[1] ?? '');
    } finally {
      for (const d of ['2020-06-01', '2020-06-02', '2020-06-03']) await sandbox.s3.delete(bucket, `${d}.manifest.json`);
    }
  });
});

describe('cross-region buckets', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let workspace: string;

  before(async () => {
    requireBuilt('cli.js');
    sandbox = await startSandbox({ s3: { bucketRegions: { 'adatrap-sandbox-gps': 'sa-east-1' } } });
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-cost-region-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());
  });
  after(async () => {
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('check-inputs warns once that the GPS bucket is in another region, naming both regions', async () => {
    assert.equal(sandbox.env.GPS_BUCKET_NAME, 'adatrap-sandbox-gps');
    const r = await runCli(workspace, ['check-inputs', DAY]);
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('not in REGION_NAME'));
    assert.deepEqual(warnings, [
      'Bucket adatrap-sandbox-gps (GPS_BUCKET_NAME) is in sa-east-1, not in REGION_NAME us-east-1: every run transfers its data between regions, which AWS bills per GB and is slower.',
    ]);
  });
});
