// Issue 2's "Done when", command by command: the bundled CLI against the sandbox on a random port.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { productClients } from '../../helpers/sandboxClients';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CLI, requireBuilt, runCli } from '../../helpers/cli';
import { spawn } from 'node:child_process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEEDED = '2020-06-30';
const INCOMPLETE = '2020-07-02';

describe('CLI commands against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let workspace: string;

  before(async function () {
    requireBuilt('cli.js', 'agent.js');
    sandbox = await startSandbox();
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-cli-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());
    clients = productClients(sandbox);
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(workspace, args);

  describe('check-inputs', () => {
    it('passes for a seeded date with a table naming its PO and service detail', async () => {
      const r = await cli('check-inputs', SEEDED);
      assert.equal(r.code, 0, r.stderr);
      const row = r.stdout.split('\n').find((l) => l.startsWith(SEEDED)) ?? '';
      assert.match(row, /ready/);
      assert.match(row, /2020-06-30\.po\.zip/);
      assert.match(row, /Diccionario-DetalleServicioZP_\d{8}_\d{8}\.csv\.gz/);
    });

    it('fails for a date missing a file, naming the file and its bucket', async () => {
      const r = await cli('check-inputs', INCOMPLETE);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(`${INCOMPLETE}\\.trx\\.gz is missing from bucket ${sandbox.env.TRANSACTION_BUCKET_NAME}`),
      );
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line on stderr');
    });

    it('checks a range with one listing per bucket, not one per day', async () => {
      sandbox.faults.resetCounts();
      const r = await cli('check-inputs', '2020-06-29', '--to', INCOMPLETE);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^2020-07-02 is not ready: 2020-07-02\.trx\.gz is missing/);
      for (const d of ['2020-06-29', '2020-06-30', '2020-07-01']) assert.match(r.stdout, new RegExp(`${d}\\s+ready`));
      // Six buckets are listed once each (plus paging, which these small buckets never need).
      assert.equal(sandbox.faults.count('s3', 'ListObjectsV2'), 6);
    });

    it("--json gives each date's readiness and problems for scripts, with the same exit code", async () => {
      const r = await cli('check-inputs', '2020-07-01', '--to', INCOMPLETE, '--json');
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stdout.startsWith('['), r.stderr);
      const days = JSON.parse(r.stdout) as Array<{ date: string; ready: boolean; problems: Array<{ key?: string }> }>;
      assert.deepEqual(
        days.map((d) => [d.date, d.ready]),
        [
          ['2020-07-01', true],
          [INCOMPLETE, false],
        ],
      );
      assert.deepEqual(
        days[1]?.problems.map((p) => p.key),
        [`${INCOMPLETE}.trx.gz`],
      );
    });

    it('fails for an unseeded date naming each missing daily file', async () => {
      const r = await cli('check-inputs', '2020-08-15');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /2020-08-15\.gps\.gz is missing/);
    });
  });

  describe('bad input exits 2 with no AWS call', () => {
    it('names an impossible date', async () => {
      sandbox.faults.resetCounts();
      const r = await cli('check-inputs', '2021-02-30');
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim(), '2021-02-30 is not a calendar date.');
      assert.equal(sandbox.faults.totalRequests(), 0);
    });

    it('names a missing configuration key', async () => {
      const dir = mkdtempSync(path.join(workspace, 'nokey-'));
      const env = sandbox
        .envText()
        .split('\n')
        .filter((l) => !l.startsWith('GPS_BUCKET_NAME='))
        .join('\n');
      writeFileSync(path.join(dir, '.env'), env);
      sandbox.faults.resetCounts();
      for (const args of [['check-inputs', SEEDED], ['create-ec2-instance', SEEDED], ['list-runs']]) {
        const r = await runCli(dir, args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /GPS_BUCKET_NAME/);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
      assert.equal(sandbox.faults.totalRequests(), 0);
    });

    it('names a configuration file that cannot be read, and a folder without .env', async () => {
      sandbox.faults.resetCounts();
      const missing = await cli('--config', 'nothere.env', 'list-runs');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nothere\.env/);
      const empty = mkdtempSync(path.join(workspace, 'empty-'));
      const bare = await runCli(empty, ['list-runs']);
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /REGION_NAME/);
      assert.equal(sandbox.faults.totalRequests(), 0);
    });

    it('rejects a reversed range and a bad --max-parallel', async () => {
      sandbox.faults.resetCounts();
      const reversed = await cli('create-ec2-instance', '2020-07-01', '--to', '2020-06-29');
      assert.equal(reversed.code, 2);
      assert.match(reversed.stderr, /2020-06-29/);
      const parallel = await cli('create-ec2-instance', '2020-06-29', '--to', '2020-07-01', '--max-parallel', '0');
      assert.equal(parallel.code, 2);
      assert.match(parallel.stderr, /--max-parallel/);
      assert.equal(sandbox.faults.totalRequests(), 0);
    });

    it('never prints the secret key, even with --verbose', async () => {
      const dir = mkdtempSync(path.join(workspace, 'badregion-'));
      writeFileSync(path.join(dir, '.env'), sandbox.envText().replace(/REGION_NAME=.*/, 'REGION_NAME=not a region'));
      const r = await runCli(dir, ['--verbose', 'list-runs']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /REGION_NAME/);
      assert.ok(!(r.stdout + r.stderr).includes(sandbox.env.AWS_SECRET_ACCESS_KEY ?? '<none>'));
    });
  });

  describe('create-key-pair', () => {
    it('saves the key once with mode 0600; a second call fails and leaves the first file untouched', async () => {
      const first = await cli('create-key-pair', 'team-key');
      assert.equal(first.code, 0, first.stderr);
      const pem = path.join(workspace, 'team-key.pem');
      const content = readFileSync(pem, 'utf8');
      assert.match(content, /^-----BEGIN RSA PRIVATE KEY-----/);
      assert.equal(statSync(pem).mode & 0o777, 0o600);

      sandbox.faults.resetCounts();
      const second = await cli('create-key-pair', 'team-key');
      assert.equal(second.code, 1);
      assert.match(second.stderr, /team-key\.pem already exists/);
      assert.equal(sandbox.faults.count('ec2', 'CreateKeyPair'), 0, 'refused before calling AWS');
      assert.equal(readFileSync(pem, 'utf8'), content);
      assert.equal(statSync(pem).mode & 0o777, 0o600);
    });

    it('reports a key pair that already exists in AWS and leaves no empty .pem behind', async () => {
      const r = await cli('create-key-pair', 'team-key-2');
      assert.equal(r.code, 0, r.stderr);
      rmSync(path.join(workspace, 'team-key-2.pem'));
      const again = await cli('create-key-pair', 'team-key-2');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /Key pair "team-key-2" already exists in us-east-1/);
      assert.equal(existsSync(path.join(workspace, 'team-key-2.pem')), false);
    });
  });

  describe('runs: create-ec2-instance, list-runs, get-log-stream, stop-ec2-instance', () => {
    let instanceId = '';

    it('create-ec2-instance prints the instance id of a seeded date', async () => {
      const r = await cli('create-ec2-instance', SEEDED, '--direct');
      assert.equal(r.code, 0, r.stderr);
      instanceId = r.stdout.trim();
      assert.match(instanceId, /^i-[0-9a-f]{17}$/);
    });

    it('refuses a second live run for the same date and a date that is not ready', async () => {
      const again = await cli('create-ec2-instance', SEEDED, '--direct');
      assert.equal(again.code, 1);
      assert.match(again.stderr, new RegExp(`already has a live run: ${instanceId}`));
      const notReady = await cli('create-ec2-instance', INCOMPLETE, '--direct');
      assert.equal(notReady.code, 1);
      assert.match(notReady.stderr, /2020-07-02\.trx\.gz is missing/);
    });

    it('list-runs shows it with its date and state', async () => {
      const table = await cli('list-runs');
      assert.equal(table.code, 0, table.stderr);
      const row = table.stdout.split('\n').find((l) => l.startsWith(instanceId)) ?? '';
      assert.match(row, new RegExp(`${instanceId}\\s+${SEEDED}\\s+(pending|running)`));
      const json = await cli('list-runs', '--json');
      const runs = JSON.parse(json.stdout) as Array<{ instanceId: string; date: string; launchTime: string }>;
      const run = runs.find((x) => x.instanceId === instanceId);
      assert.equal(run?.date, SEEDED);
      assert.ok(!Number.isNaN(Date.parse(run?.launchTime ?? '')));
    });

    it('get-log-stream returns the instance stream in order, across pages', async () => {
      // More than one GetLogEvents page (10,000 events) after the launcher's own "instance created" line.
      const logs = new CloudWatchLogs(clients.logs);
      const base = Date.now() + 1000;
      const events = Array.from({ length: 12_345 }, (_, i) => ({
        timestamp: base + Math.floor(i / 10),
        message: `line ${i}`,
      }));
      await logs.put(sandbox.env.LOG_GROUP ?? '', instanceId, events);
      sandbox.faults.resetCounts();
      const r = await cli('get-log-stream', instanceId, '-o', 'run');
      assert.equal(r.code, 0, r.stderr);
      assert.ok(sandbox.faults.count('logs', 'GetLogEvents') >= 3, 'two full pages and the caught-up call');
      const lines = readFileSync(path.join(workspace, 'run.log'), 'utf8').trimEnd().split('\n');
      assert.match(lines[0] ?? '', /\tINFO: Instance created successfully\.$/);
      assert.deepEqual(
        lines.slice(1),
        events.map((e) => e.message),
      );
    });

    it('get-log-stream honours -s and -e as whole Santiago days', async () => {
      const logs = new CloudWatchLogs(clients.logs);
      // 2020-06-30 in Santiago (UTC-4 in winter) runs from 04:00Z on the 30th to 04:00Z on July 1st.
      await logs.put(sandbox.env.LOG_GROUP ?? '', 'window-test', [
        { timestamp: Date.parse('2020-06-30T03:59:59.999Z'), message: 'before' },
        { timestamp: Date.parse('2020-06-30T04:00:00.000Z'), message: 'first' },
        { timestamp: Date.parse('2020-07-01T03:59:59.999Z'), message: 'last' },
        { timestamp: Date.parse('2020-07-01T04:00:00.000Z'), message: 'after' },
      ]);
      const r = await cli('get-log-stream', 'window-test', '-s', '2020-06-30', '-e', '2020-06-30');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trimEnd().split('\n'), ['first', 'last']);
    });

    it('get-log-stream on an unknown stream fails clearly and does not overwrite an existing OUT.log', async () => {
      const unknown = await cli('get-log-stream', 'i-0000000000000dead');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /Log stream i-0000000000000dead does not exist in log group/);
      writeFileSync(path.join(workspace, 'keep.log'), 'results\n');
      const clash = await cli('get-log-stream', instanceId, '-o', 'keep');
      assert.equal(clash.code, 1);
      assert.equal(readFileSync(path.join(workspace, 'keep.log'), 'utf8'), 'results\n');
    });

    it('get-log-stream --follow prints new events live until interrupted', async () => {
      const logs = new CloudWatchLogs(clients.logs);
      const fresh = ['follow one', 'follow two', 'follow three'];
      const child = spawn(process.execPath, [CLI, 'get-log-stream', 'follow-test', '--follow'], {
        cwd: workspace,
        env: { PATH: process.env.PATH, HOME: workspace, AWS_EC2_METADATA_DISABLED: 'true', ADATRAP_LANG: 'en' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const live = new Promise<void>((resolve) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          // Live or polling, the tail has started once it says how it follows.
          if (stderr.includes('Following')) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await live;
      // The stream does not exist when the tail starts, as for a run whose machine has not written yet.
      await logs.put(
        sandbox.env.LOG_GROUP ?? '',
        'follow-test',
        fresh.map((message, i) => ({ timestamp: Date.now() + i, message })),
      );
      const deadline = Date.now() + 15_000;
      while (stdout.trimEnd().split('\n').length < fresh.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      assert.deepEqual(stdout.trimEnd().split('\n'), fresh);
    });

    it('stop-ec2-instance terminates it and logs before and after to the general stream', async () => {
      const r = await cli('stop-ec2-instance', instanceId);
      assert.equal(r.code, 0, r.stderr);
      const listed = await cli('list-runs', '--json');
      const run = (JSON.parse(listed.stdout) as Array<{ instanceId: string; state: string }>).find(
        (x) => x.instanceId === instanceId,
      );
      assert.match(run?.state ?? '', /^(shutting-down|terminated)$/);
      const general = await cli('get-log-stream', sandbox.env.GENERAL_LOG_STREAM ?? '');
      const lines = general.stdout.trimEnd().split('\n');
      const i = lines.findIndex((l) => l.includes(`Terminating instance ${instanceId}`));
      assert.ok(i >= 0, general.stdout);
      assert.match(lines[i + 1] ?? '', new RegExp(`Instance ${instanceId} terminated`));
      assert.match(lines[i] ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\tINFO: /);
    });

    it('stop-ec2-instance leaves a machine that is not an ADATRAP run alone unless --force', async () => {
      const launched = await clients.ec2.send(
        new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, InstanceType: 'm5.xlarge', MinCount: 1, MaxCount: 1 }),
      );
      const other = launched.Instances?.[0]?.InstanceId ?? '';
      const refused = await cli('stop-ec2-instance', other);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`${other} is not an ADATRAP run`));
      assert.equal(sandbox.state().instances.find((x) => x.instanceId === other)?.state, 'running');
      const forced = await cli('stop-ec2-instance', other, '--force');
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(
        sandbox.state().instances.find((x) => x.instanceId === other)?.state ?? '',
        /^(shutting-down|terminated)$/,
      );
    });

    it('create-ec2-instance --to launches a range keeping at most N live runs, skipping a date that is not ready', async () => {
      const liveNow = (): string[] =>
        sandbox
          .state()
          .instances.filter((x) => x.state === 'pending' || x.state === 'running')
          .map((x) => x.instanceId);
      assert.deepEqual(liveNow(), [], 'no machine left from earlier tests');
      let maxLive = 0;
      let freed = false;
      const r = await runCli(
        workspace,
        ['create-ec2-instance', '2020-06-29', '--to', INCOMPLETE, '--max-parallel', '2', '--direct'],
        { ADATRAP_SLOT_POLL_MS: '100' },
        (text) => {
          maxLive = Math.max(maxLive, liveNow().length);
          // The sandbox's idle machines never end by themselves: end one when the command waits for a slot.
          if (text.includes('Waiting for a free slot') && !freed) {
            freed = true;
            void clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [liveNow()[0] ?? ''] }));
          }
        },
      );
      assert.equal(r.code, 1, 'one date was not launched');
      assert.match(r.stderr, /Skipped 2020-07-02: 2020-07-02 is not ready to run: 2020-07-02\.trx\.gz is missing/);
      assert.ok(freed, 'the third date had to wait for a slot');
      assert.ok(maxLive <= 2, `at most 2 live runs (saw ${maxLive})`);
      const launched = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[0]);
      assert.deepEqual(launched, ['2020-06-29', '2020-06-30', '2020-07-01']);
      assert.match(r.stderr, /1 date\(s\) were not launched: 2020-07-02/);
    });
  });
});
