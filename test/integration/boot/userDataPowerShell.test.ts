// The generated user data, run in a real PowerShell (pwsh 7.6.9, installed by the test prerequisites) against the
// sandbox, through the stand-ins of src/sandbox/windows: success and every boot failure path. The machine's
// node.exe is a small stand-in file here (its hash pinned for the test); the real pinned runtime is checked in
// test/integration/runtime/nodeRuntime.test.ts.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { Ec2Runs } from '../../../src/aws/runs';
import { S3Storage } from '../../../src/aws/storage';
import { loadConfig, type AdatrapConfig } from '../../../src/core/config';
import { buildLaunchPlan } from '../../../src/core/launchPlan';
import { agentBundleKey, runtimeKey } from '../../../src/core/nodeRuntime';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import {
  RECORD_FILE,
  bootPowerShellMachine,
  findPwsh,
  locateStandIn,
} from '../../../src/sandbox/windows/powershellMachine';

const REPO = join(__dirname, '..', '..', '..', '..');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const FAKE_NODE = Buffer.from('stands for node.exe in these tests');

interface Boot {
  code: number | null;
  output: string;
  record: string[];
  tags: Record<string, string>;
  general: string[];
  root: string;
}

describe('user data in a real PowerShell (boot paths)', function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let clients: AwsClients;
  let storage: S3Storage;
  let config: AdatrapConfig;
  let pwsh: string;
  const roots: string[] = [];
  let boots = 0;

  before(async () => {
    const found = findPwsh();
    assert.ok(found, 'pwsh is installed by the test prerequisites (scripts/test-deps.mjs)');
    pwsh = found;
    assert.ok(existsSync(locateStandIn(join(REPO, 'dist'))), 'dist/aws-tools-standin.js is built by scripts/build.mjs');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    sb = await startSandbox({ timings: { pendingMs: 10, shuttingDownMs: 10 } });
    const loaded = loadConfig('', sb.env).config;
    assert.ok(loaded);
    config = loaded;
    clients = createClients({ ...config, region: 'us-east-1' });
    storage = new S3Storage(clients.s3);
    await storage.upload(config.executablesBucket, runtimeKey(sha(FAKE_NODE)), FAKE_NODE);
  });

  after(async () => {
    clients?.destroy();
    await sb?.close();
    if (!process.env.KEEP_MACHINES) for (const r of roots) await rm(r, { recursive: true, force: true });
  });

  /** Uploads `agent` (unless told not to), launches an idle sandbox instance with the real plan, boots its user data. */
  async function boot(
    agent: string,
    options: { upload?: string | false; overrides?: Partial<AdatrapConfig> } = {},
  ): Promise<Boot> {
    const agentSha = sha(agent);
    if (options.upload !== false)
      await storage.upload(config.executablesBucket, agentBundleKey(agentSha), Buffer.from(options.upload ?? agent));
    // Each boot its own general stream (created first, as the launcher does), so counts belong to one boot.
    const runConfigSource = { ...config, generalLogStream: `general-${++boots}`, ...options.overrides };
    await new CloudWatchLogs(clients.logs).ensureStream(config.logGroup, runConfigSource.generalLogStream);
    const prepared = buildLaunchPlan(runConfigSource, {
      date: '2020-06-29',
      agentSha256: agentSha,
      agentVersion: 'test',
      language: 'es',
      runtime: { s3Key: runtimeKey(sha(FAKE_NODE)), sha256: sha(FAKE_NODE) },
    });
    const id = await new Ec2Runs(clients.ec2).launch(prepared.plan);
    const root = await mkdtemp(join(tmpdir(), 'adatrap-machine-'));
    roots.push(root);
    const child = await bootPowerShellMachine({
      pwsh,
      root,
      userData: prepared.userData,
      standInScript: locateStandIn(join(REPO, 'dist')),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: sb.env.AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: sb.env.AWS_SECRET_ACCESS_KEY,
        AWS_ENDPOINT_URL: sb.endpoint,
        AWS_EC2_METADATA_DISABLED: 'true',
        ADATRAP_INSTANCE_ID: id,
      },
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('close', r));
    const record = existsSync(join(root, RECORD_FILE))
      ? (await readFile(join(root, RECORD_FILE), 'utf8')).split(/\r?\n/).filter(Boolean)
      : [];
    const described = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const tags = Object.fromEntries(
      (described.Reservations?.[0]?.Instances?.[0]?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']),
    );
    const general = await generalLines(runConfigSource.generalLogStream);
    return { code, output, record, tags, general, root };
  }

  async function generalLines(stream: string): Promise<string[]> {
    try {
      const out = await clients.logs.send(
        new GetLogEventsCommand({ logGroupName: config.logGroup, logStreamName: stream, startFromHead: true }),
      );
      return (out.events ?? []).map((e) => e.message ?? '');
    } catch {
      return [];
    }
  }

  const EXIT_OK = "require('fs').writeFileSync('ran.txt', process.cwd() + '|' + process.argv.slice(2).join(' '));";

  it('succeeds: deadline first, Defender exclusion, time zone, startup task, verified runtime and agent, run', async () => {
    const b = await boot(EXIT_OK);
    assert.equal(b.code, 0, b.output);
    assert.match(b.record[0], /^shutdown\.exe \/s \/f \/t \d+ \/d p:4:1 \/c "ADATRAP Miner: hard deadline"$/);
    assert.ok(b.record.includes('Add-MpPreference -ExclusionPath C:\\adatrap-miner'), b.record.join('\n'));
    assert.ok(b.record.includes('Set-TimeZone -Id Pacific SA Standard Time'));
    assert.ok(b.record.some((l) => /^schtasks\.exe \/Create \/F \/TN "ADATRAP Miner deadline" \/SC ONSTART /.test(l)));
    const ran = await readFile(join(b.root, 'adatrap-miner', 'ran.txt'), 'utf8');
    assert.equal(ran, `${join(b.root, 'adatrap-miner')}|execute-adatrap 2020-06-29`);
    assert.deepEqual(b.record.slice(-2), [
      'shutdown.exe /a',
      'shutdown.exe /s /f /t 0 /d p:4:1 /c "ADATRAP Miner: run ended"',
    ]);
    assert.equal(b.tags['adatrap:status'], 'running', 'a successful boot leaves the status to the agent');
  });

  it('does not fail the boot when the agent writes to stderr (the SDK warns on start)', async () => {
    const b = await boot("process.stderr.write('NodeVersionSupportWarning: something\\n'); process.exit(0);");
    assert.equal(b.tags['adatrap:status'], 'running', b.output);
    assert.equal(b.general.length, 0, b.general.join('\n'));
    assert.equal(
      await readFile(join(b.root, 'adatrap-miner', 'agent.err.txt'), 'utf8'),
      'NodeVersionSupportWarning: something\n',
      "the agent's stderr is kept on the machine",
    );
  });

  it('records a non-zero agent exit as a failed run (tag and general log stream)', async () => {
    const b = await boot('process.exit(7);');
    assert.match(b.tags['adatrap:status'], /^failed: el agente terminó con código 7/);
    assert.equal(b.general.length, 1);
    assert.match(b.general[0], /\tERROR: La máquina para 2020-06-29 no pudo iniciar el agente.*código 7/);
    assert.equal(b.record.at(-1), 'shutdown.exe /s /f /t 0 /d p:4:1 /c "ADATRAP Miner: run ended"');
  });

  it("keeps the agent's own reason when it reported the failed run (exit 3)", async () => {
    const b = await boot('process.exit(3);');
    assert.equal(b.tags['adatrap:status'], 'running');
    assert.equal(b.general.length, 0);
  });

  it('refuses an agent whose SHA-256 does not match, and never runs it', async () => {
    const b = await boot('process.exit(0);', { upload: "require('fs').writeFileSync('ran.txt', 'tampered');" });
    assert.match(b.tags['adatrap:status'], /^failed: SHA-256 mismatch: s3:\/\/.*\/agent\/agent-[0-9a-f]{64}\.js/);
    assert.ok(!existsSync(join(b.root, 'adatrap-miner', 'ran.txt')));
    assert.ok(!existsSync(join(b.root, 'adatrap-miner', 'agent.js')), 'the mismatching file is removed');
    assert.ok(!b.record.some((l) => l.startsWith('node.exe')));
  });

  it('fails clearly when the agent is not in the bucket', async () => {
    const b = await boot('process.exit(0); // never uploaded', { upload: false });
    assert.match(b.tags['adatrap:status'], /^failed: s3:\/\/.*\/agent\/agent-[0-9a-f]{64}\.js: .*NoSuchKey/);
    assert.match(b.general[0], /ERROR: La máquina para 2020-06-29 no pudo iniciar el agente/);
  });

  it('carries non-ASCII values intact through the cp1252 reading (Ñ, á, typographic quotes)', async () => {
    const stream = 'Señal “general” ‘á’';
    const b = await boot('process.exit(9);', { overrides: { generalLogStream: stream } });
    assert.match(b.tags['adatrap:status'], /código 9/);
    assert.equal((await generalLines(stream)).length, 1, 'the failure went to the stream with its exact name');
  });

  it('re-arms the deadline at boot with the time left (the startup task script)', async () => {
    const b = await boot(EXIT_OK, { overrides: { maxRunHours: 1 } });
    const first = Number(/\/t (\d+) /.exec(b.record[0])?.[1]);
    assert.ok(first > 3500 && first <= 3600, `first arm ${first} s`);
    const task = await readFile(join(b.root, 'adatrap-miner', 'deadline.ps1'), 'utf8');
    const armedUntil = Date.parse(/Parse\('([^']+)'/.exec(task)?.[1] ?? '');
    assert.ok(
      Math.abs(armedUntil - Date.now() - 3600_000) < 120_000,
      `deadline.ps1 fires at ${new Date(armedUntil).toISOString()}`,
    );
    // What the task does after a reboot: run deadline.ps1 in a fresh PowerShell, shutdown.exe recorded.
    const child = await import('node:child_process');
    const rec = join(b.root, 'rearm.txt');
    const out = child.spawnSync(
      pwsh,
      [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `function shutdown.exe { Add-Content -LiteralPath '${rec}' -Value ($args -join ' ') }; . '${join(b.root, 'adatrap-miner', 'deadline.ps1')}'`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(out.status, 0, out.stderr);
    const rearmed = (await readFile(rec, 'utf8')).trim();
    const left = Number(/\/t (\d+) /.exec(rearmed)?.[1]);
    assert.ok(left > 3400 && left <= first, `re-armed with ${left} s: ${rearmed}`);
  });
});
