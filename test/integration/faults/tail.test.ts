// Fault matrix, live tail: a session whose connection drops, StartLiveTail denied (polling instead), and
// throttled catch-up reads. Whatever happens, the tail shows every line once, in order.
import * as assert from 'node:assert/strict';
import type { TailItem } from '../../../src/aws/logs';
import type { FaultSpec } from '../../../src/sandbox';
import { fault, inject, numberedLines, startFaultEnv, type FaultEnv } from './faultKit';

const STREAM = 'i-0tail00000000000';

interface Seen {
  events: string[];
  items: TailItem[];
}

describe('fault matrix: live tail', function () {
  this.timeout(30_000);
  let env: FaultEnv;

  beforeEach(async () => {
    env = await startFaultEnv({ seed: false, liveTailIntervalMs: 100 });
    env.sb.logs.createGroup(env.config.logGroup);
    env.sb.logs.createStream(env.config.logGroup, STREAM);
  });

  afterEach(async () => {
    await env?.close();
  });

  /** Writes the lines in small batches while the tail runs, as an agent does. */
  async function write(lines: string[], perBatch: number, gapMs: number): Promise<void> {
    for (let i = 0; i < lines.length; i += perBatch) {
      const now = Date.now();
      env.sb.logs.put(
        env.config.logGroup,
        STREAM,
        lines.slice(i, i + perBatch).map((message, j) => ({ timestamp: now + j, message })),
      );
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  /** Follows the stream until `want` events arrived, then a little longer so a late duplicate would show. */
  async function follow(want: number, run: () => Promise<void>, pollOnly = false): Promise<Seen> {
    const abort = new AbortController();
    const seen: Seen = { events: [], items: [] };
    const deadline = setTimeout(() => abort.abort(), 20_000);
    const tail = (async () => {
      for await (const item of env.logs.tail(env.config.logGroup, STREAM, {
        startTime: Date.now() - 1_000,
        signal: abort.signal,
        pollIntervalMs: 100,
        pollOnly,
      })) {
        seen.items.push(item);
        if (item.kind === 'event') {
          seen.events.push(item.event.message);
          if (seen.events.length === want) setTimeout(() => abort.abort(), 600);
        }
      }
    })();
    // The first live session (or first poll) must be up before lines are written, as when a user clicks Tail.
    const until = Date.now() + 5_000;
    while (!seen.items.some((i) => i.kind === 'mode') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    await run();
    await tail;
    clearTimeout(deadline);
    return seen;
  }

  /** Follows `lines` written `perBatch` every `gapMs` while `faults` are in force; each fault must have fired. */
  async function followThrough(
    faults: FaultSpec[],
    lines: string[],
    writing: { perBatch: number; gapMs: number; pollOnly?: boolean },
  ): Promise<Seen> {
    const fired = inject(env.sb, ...faults);
    const seen = await follow(lines.length, () => write(lines, writing.perBatch, writing.gapMs), writing.pollOnly);
    fired();
    return seen;
  }

  it('the live session drops twice: after reconnecting, every line once, in order', async () => {
    const lines = numberedLines('drop', 60);
    const seen = await followThrough(
      [fault('logs', 'dropTail', 'StartLiveTail', { afterUpdates: 3, count: 2 })],
      lines,
      { perBatch: 5, gapMs: 120 },
    );
    assert.deepEqual(seen.events, lines);
    assert.ok(
      seen.items.some((i) => i.kind === 'reconnecting'),
      'the drop was not noticed',
    );
  });

  it('StartLiveTail denied: falls back to polling and still shows every line once, in order', async () => {
    const lines = numberedLines('denied', 40);
    const seen = await followThrough([fault('logs', 'denied', 'StartLiveTail')], lines, { perBatch: 4, gapMs: 80 });
    assert.deepEqual(seen.events, lines);
    const modes = seen.items.filter((i): i is Extract<TailItem, { kind: 'mode' }> => i.kind === 'mode');
    assert.equal(modes.at(-1)?.mode, 'polling');
    assert.match(modes.at(-1)?.reason ?? '', /AccessDenied/);
  });

  it('StartLiveTail answered without an event stream: polls at once, no reconnect attempts, every line once', async () => {
    const lines = numberedLines('plain', 20);
    const seen = await followThrough([fault('logs', 'notEventStream', 'StartLiveTail')], lines, {
      perBatch: 4,
      gapMs: 60,
    });
    assert.deepEqual(seen.events, lines);
    const firstEvent = seen.items.findIndex((i) => i.kind === 'event');
    const before = seen.items.slice(0, firstEvent);
    assert.ok(
      before.some((i) => i.kind === 'mode' && i.mode === 'polling'),
      `no switch to polling before the first event: ${JSON.stringify(before)}`,
    );
    assert.equal(seen.items.filter((i) => i.kind === 'reconnecting').length, 0);
  });

  it('StartLiveTail answered without an event stream, lines already written: polling is said before any line', async () => {
    // Lines the stream holds before the tail starts are shown by the first catch-up read: they must not be shown
    // under a live session that is not one (the answer is known not to be Live Tail only at its first frame).
    const history = numberedLines('before', 8);
    const now = Date.now();
    env.sb.logs.put(
      env.config.logGroup,
      STREAM,
      history.map((message, j) => ({ timestamp: now - 200 + j, message })),
    );
    const lines = numberedLines('after', 8);
    const fired = inject(env.sb, fault('logs', 'notEventStream', 'StartLiveTail'));
    const seen = await follow(history.length + lines.length, () => write(lines, 4, 60));
    fired();
    assert.deepEqual(seen.events, [...history, ...lines]);
    const firstEvent = seen.items.findIndex((i) => i.kind === 'event');
    assert.deepEqual(
      seen.items.slice(0, firstEvent).map((i) => (i.kind === 'mode' ? i.mode : i.kind)),
      ['polling'],
      'the tail said live (or nothing) before showing the first line',
    );
  });

  it('a dropped session whose catch-up reads are throttled: every line once, in order', async () => {
    const lines = numberedLines('catchup', 50);
    const seen = await followThrough(
      [
        fault('logs', 'dropTail', 'StartLiveTail', { afterUpdates: 2, count: 1 }),
        fault('logs', 'throttle', 'GetLogEvents', { probability: 0.5, seed: 2, count: 2 }),
      ],
      lines,
      { perBatch: 5, gapMs: 100 },
    );
    assert.deepEqual(seen.events, lines);
  });

  it('polling only (no live tail at all) under 5xx: every line once, in order', async () => {
    const lines = numberedLines('poll', 30);
    const seen = await followThrough(
      [fault('logs', 'internalError', 'GetLogEvents', { probability: 0.5, seed: 9, count: 2 })],
      lines,
      { perBatch: 3, gapMs: 60, pollOnly: true },
    );
    assert.deepEqual(seen.events, lines);
  });
});
