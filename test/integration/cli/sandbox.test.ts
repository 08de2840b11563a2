import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CLI, requireBuilt, runCli } from '../../helpers/cli';
import { sandboxControl } from '../../../src/sandbox/control';

describe('adatrap-miner sandbox', function () {
  this.timeout(20_000);
  let dir: string;

  before(function () {
    requireBuilt();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says it is a simulator, prints the .env and AWS_ENDPOINT_URL, shows machine activity, and stops cleanly on SIGTERM', async () => {
    await writeFile(path.join(dir, '.env'), '# my comment\nOTHER=kept\nREGION_NAME=sa-east-1\n');
    const child = start(['sandbox', '--port', '0', '--write-env', '.env', '--data', 'data', '--trace-requests'], dir);
    const output = await waitForOutput(child, /Ready\./);
    assert.match(output, /SIMULATOR/);
    const endpoint = /^export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
    assert.ok(endpoint, output);
    assert.match(output, /^AWS_ACCESS_KEY_ID=AKIASANDBOX/m);
    assert.match(output, /^OUTPUT_DATA_BUCKET_NAME=adatrap-sandbox-output$/m);

    const token = /^SANDBOX_CONTROL_TOKEN=([\w-]{32})$/m.exec(output)?.[1];
    assert.ok(token, 'the banner prints the control token');
    assert.equal((await fetch(`${endpoint}/_sandbox/state`)).status, 401, 'the control API needs the token');
    const state = await sandboxControl(endpoint, token).state();
    assert.equal(state.endpoint, endpoint);
    const env = await readFile(path.join(dir, '.env'), 'utf8');
    assert.match(env, /^# my comment\nOTHER=kept\nREGION_NAME=us-east-1\n/);
    assert.match(env, new RegExp(`^AWS_ENDPOINT_URL=${endpoint}$`, 'm'));
    assert.ok(existsSync(path.join(dir, 'data', 'buckets')), '--data holds the objects');

    const ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint,
      credentials: {
        accessKeyId: /^AWS_ACCESS_KEY_ID=(.*)$/m.exec(output)?.[1] ?? '',
        secretAccessKey: /^AWS_SECRET_ACCESS_KEY=(.*)$/m.exec(output)?.[1] ?? '',
      },
    });
    try {
      const run = await ec2.send(
        new RunInstancesCommand({
          ImageId: /^AMI_ID=(.*)$/m.exec(output)?.[1],
          MinCount: 1,
          MaxCount: 1,
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'adatrap:date', Value: '2020-06-30' }] }],
        }),
      );
      const id = run.Instances?.[0]?.InstanceId ?? '';
      await waitForOutput(child, new RegExp(`machine ${id} \\(2020-06-30\\): running`));
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
      await waitForOutput(child, new RegExp(`machine ${id} \\(2020-06-30\\): terminated`));
      assert.match(stdoutOf(child), /ec2 RunInstances {2}-> 200 \(\d+ ms\)/);
      assert.match(stdoutOf(child), /ec2 TerminateInstances {2}-> 200/);
    } finally {
      ec2.destroy();
    }

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.match(stdoutOf(child), /Sandbox stopped\./);
    await assert.rejects(sandboxControl(endpoint, token).state(), 'the port is released');
  });

  it('refuses a bad port with exit 2 and one line naming it', async () => {
    const r = await runCli(dir, ['sandbox', '--port', 'abc']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /"abc"/);
  });

  it('reports a port already in use as one clear line, exit 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await runCli(dir, ['sandbox', '--port', String(port), '--no-seed']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`Port ${port} .*already in use`));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      blocker.close();
    }
  });
});

const outputs = new WeakMap<ChildProcessWithoutNullStreams, { text: string }>();

function start(args: string[], cwd: string): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, AWS_EC2_METADATA_DISABLED: 'true', ADATRAP_LANG: 'en' },
  });
  const out = { text: '' };
  outputs.set(child, out);
  child.stdout.on('data', (d: Buffer) => (out.text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.text += d.toString()));
  return child;
}

function stdoutOf(child: ChildProcessWithoutNullStreams): string {
  return outputs.get(child)?.text ?? '';
}

async function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (!pattern.test(stdoutOf(child))) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stdoutOf(child)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`timed out waiting for ${pattern}: ${stdoutOf(child)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return stdoutOf(child);
}
