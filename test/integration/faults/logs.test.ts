// Fault matrix, CloudWatch Logs: writes and exports under throttling storms, 5xx and connection resets.
// Nothing may be lost or doubled: every event arrives once, in order, or the command fails and says so.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FaultSpec } from '../../../src/sandbox';
import { fault, inject, numberedLines, startFaultEnv, type FaultEnv } from './faultKit';
import { requireBuilt, runCli } from '../../helpers/cli';

const BASE_TIME = Date.UTC(2020, 5, 29, 12, 0, 0);

describe('fault matrix: CloudWatch Logs', function () {
  this.timeout(60_000);
  let env: FaultEnv;
  let dir: string;

  beforeEach(async () => {
    env = await startFaultEnv({ seed: false });
    env.sb.logs.createGroup(env.config.logGroup);
    dir = mkdtempSync(path.join(tmpdir(), 'adatrap-faults-logs-'));
  });

  afterEach(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function readAll(stream: string): Promise<string[]> {
    const out: string[] = [];
    for await (const e of env.logs.read(env.config.logGroup, stream)) out.push(e.message);
    return out;
  }

  /** Events a millisecond apart, spread so the batcher needs several PutLogEvents calls. */
  function events(lines: string[]): Array<{ timestamp: number; message: string }> {
    return lines.map((message, i) => ({ timestamp: BASE_TIME + i, message }));
  }

  it('a throttling storm on PutLogEvents: a 25,000-event write lands exactly once, in order', async () => {
    const lines = numberedLines('storm', 25_000);
    const fired = inject(env.sb, fault('logs', 'throttle', 'PutLogEvents', { count: 2 }));
    await env.logs.put(env.config.logGroup, 'storm', events(lines));
    fired();
    assert.deepEqual(await readAll('storm'), lines);
  });

  it('5xx on PutLogEvents and a reset while the batch is uploaded: every event once, in order', async () => {
    const lines = numberedLines('five', 12_000);
    const fired = inject(
      env.sb,
      fault('logs', 'internalError', 'PutLogEvents', { count: 2 }),
      fault('logs', 'reset', 'PutLogEvents', { during: 'upload', afterBytes: 4096, count: 1 }),
    );
    await env.logs.put(env.config.logGroup, 'five', events(lines));
    fired();
    assert.deepEqual(await readAll('five'), lines);
  });

  it('a batcher fed line by line through a storm keeps every line once and in order', async () => {
    const lines = numberedLines('fed', 3_000);
    const fired = inject(env.sb, fault('logs', 'throttle', 'PutLogEvents', { probability: 0.7, seed: 5, count: 3 }));
    const batcher = env.logs.batcher(env.config.logGroup, 'fed', { flushAfterMs: 20, retryBaseMs: 20 });
    for (const [i, line] of lines.entries()) {
      batcher.add(line, BASE_TIME + i);
      if (i % 500 === 0) await new Promise((r) => setTimeout(r, 30));
    }
    await batcher.close();
    fired();
    assert.deepEqual(await readAll('fed'), lines);
  });

  describe('export with get-log-stream (the built CLI)', () => {
    const lines = numberedLines('export', 30_000);

    beforeEach(async function () {
      requireBuilt();
      env.sb.logs.createStream(env.config.logGroup, 'run');
      // Straight into the store: the export is under test here, not the write.
      for (let i = 0; i < lines.length; i += 5_000) {
        env.sb.logs.put(env.config.logGroup, 'run', events(lines).slice(i, i + 5_000));
      }
    });

    /** Exports the run with `get-log-stream` while `faults` are in force; each fault must have fired. */
    async function exportThrough(
      ...faults: FaultSpec[]
    ): Promise<{ code: number | null; stderr: string; file: string }> {
      const fired = inject(env.sb, ...faults);
      const r = await runCli(dir, ['get-log-stream', 'run', '-o', 'run'], env.sb.env);
      fired();
      return { code: r.code, stderr: r.stderr, file: path.join(dir, 'run.log') };
    }

    it('throttling and 5xx on GetLogEvents and DescribeLogStreams: the file holds every event once, in order', async () => {
      const r = await exportThrough(
        fault('logs', 'throttle', 'DescribeLogStreams', { count: 1 }),
        fault('logs', 'throttle', 'GetLogEvents', { probability: 0.5, seed: 3, count: 3 }),
        fault('logs', 'internalError', 'GetLogEvents', { count: 1 }),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(readFileSync(r.file, 'utf8').split('\n'), [...lines, '']);
    });

    it('a connection cut in the middle of a page: the page is read again, the file holds every event once', async () => {
      const r = await exportThrough(fault('logs', 'reset', 'GetLogEvents', { afterBytes: 200_000, count: 1 }));
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(readFileSync(r.file, 'utf8').split('\n'), [...lines, '']);
    });

    it('GetLogEvents refused (access denied): exit 1, one line naming the call, no empty or partial file', async () => {
      const r = await exportThrough(fault('logs', 'denied', 'GetLogEvents'));
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /GetLogEvents/);
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr);
      // A half-written file would pass for a complete log.
      assert.equal(existsSync(r.file), false, 'a partial export was left behind');
    });
  });
});
