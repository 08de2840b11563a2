import * as assert from 'node:assert/strict';
import {
  EVENT_OVERHEAD_BYTES,
  LogBatcher,
  MAX_MESSAGE_BYTES,
  PUT_LOG_EVENTS_LIMITS,
  eventBytes,
  fitMessage,
  splitIntoBatches,
  type PendingEvent,
} from '../../../src/aws/logBatcher';

const HOUR = 3_600_000;
const bytesOf = (batch: PendingEvent[]): number => batch.reduce((n, e) => n + eventBytes(e), 0);

describe('splitIntoBatches', () => {
  it('keeps each call within 10,000 events', () => {
    const events = Array.from({ length: 25_001 }, (_, i) => ({ timestamp: 1000 + i, message: 'x' }));
    const batches = splitIntoBatches(events);
    assert.deepEqual(
      batches.map((b) => b.length),
      [10_000, 10_000, 5_001],
    );
    assert.deepEqual(batches.flat(), events);
  });

  it('counts UTF-8 bytes plus 26 per event against 1,048,576 bytes', () => {
    // 'ñ' is two bytes in UTF-8: a length-based count would let these batches overflow.
    const message = 'ñ'.repeat(5000);
    const events = Array.from({ length: 300 }, (_, i) => ({ timestamp: i, message }));
    const batches = splitIntoBatches(events);
    const perEvent = 10_000 + EVENT_OVERHEAD_BYTES;
    const fit = Math.floor(PUT_LOG_EVENTS_LIMITS.maxBytes / perEvent);
    assert.equal(batches[0]?.length, fit);
    for (const b of batches) assert.ok(bytesOf(b) <= PUT_LOG_EVENTS_LIMITS.maxBytes);
    assert.equal(batches.flat().length, 300);
  });

  it('splits where a call would span more than 24 hours', () => {
    const events = [0, 1 * HOUR, 23 * HOUR, 24 * HOUR, 30 * HOUR, 49 * HOUR].map((h) => ({
      timestamp: h,
      message: String(h),
    }));
    const batches = splitIntoBatches(events);
    for (const b of batches) {
      const span = (b[b.length - 1]?.timestamp ?? 0) - (b[0]?.timestamp ?? 0);
      assert.ok(span < 24 * HOUR, `span ${span / HOUR} h`);
    }
    assert.deepEqual(
      batches.map((b) => b.length),
      [3, 2, 1],
    );
  });

  it('orders by time, keeping the order of lines with the same timestamp', () => {
    const events = [
      { timestamp: 5, message: 'c' },
      { timestamp: 1, message: 'a' },
      { timestamp: 5, message: 'd' },
      { timestamp: 1, message: 'b' },
    ];
    assert.deepEqual(
      splitIntoBatches(events)
        .flat()
        .map((e) => e.message),
      ['a', 'b', 'c', 'd'],
    );
  });
});

describe('fitMessage', () => {
  it('leaves normal lines alone and cuts oversized ones on a character boundary', () => {
    assert.equal(fitMessage('hola'), 'hola');
    const cut = fitMessage('é'.repeat(MAX_MESSAGE_BYTES));
    assert.ok(Buffer.byteLength(cut) <= MAX_MESSAGE_BYTES);
    assert.ok(!cut.includes('\uFFFD'));
    assert.match(cut, /é \[…\]$/);
  });
});

describe('LogBatcher', () => {
  const noSleep = async (): Promise<void> => undefined;
  const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

  it('sends on flush, in time order, in as few calls as the limits allow', async () => {
    const calls: PendingEvent[][] = [];
    const b = new LogBatcher(async (events) => void calls.push(events), { flushAfterMs: 0 });
    b.add('second', 2);
    b.add('first', 1);
    assert.equal(calls.length, 0, 'nothing before flush');
    await b.flush();
    assert.deepEqual(calls, [
      [
        { timestamp: 1, message: 'first' },
        { timestamp: 2, message: 'second' },
      ],
    ]);
  });

  it('retries throttled calls without losing or duplicating events', async () => {
    const delivered: string[] = [];
    let failures = 3;
    const b = new LogBatcher(
      async (events) => {
        if (failures-- > 0) throw throttled();
        delivered.push(...events.map((e) => e.message));
      },
      { flushAfterMs: 0, sleep: noSleep },
    );
    const messages = Array.from({ length: 12_000 }, (_, i) => `m${i}`);
    messages.forEach((m, i) => b.add(m, 1000 + i));
    await b.close();
    assert.deepEqual(delivered, messages);
  });

  it('keeps unsent events when a call fails for good, and sends them on the next flush', async () => {
    const delivered: string[] = [];
    let broken = true;
    const b = new LogBatcher(
      async (events) => {
        if (broken) throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
        delivered.push(...events.map((e) => e.message));
      },
      { flushAfterMs: 0, sleep: noSleep },
    );
    b.add('a', 1);
    b.add('b', 2);
    await assert.rejects(b.flush(), /denied/);
    assert.equal(b.pendingCount, 2);
    b.add('c', 3);
    broken = false;
    await b.close();
    assert.deepEqual(delivered, ['a', 'b', 'c']);
  });

  it('gives up after maxRetries on a throttling storm and keeps the events', async () => {
    let calls = 0;
    const b = new LogBatcher(
      async () => {
        calls++;
        throw throttled();
      },
      { flushAfterMs: 0, sleep: noSleep, maxRetries: 4 },
    );
    b.add('x', 1);
    await assert.rejects(b.flush(), /Rate exceeded/);
    assert.equal(calls, 5);
    assert.equal(b.pendingCount, 1);
  });

  it('flushes by itself shortly after the first line', async () => {
    const calls: PendingEvent[][] = [];
    const b = new LogBatcher(async (events) => void calls.push(events), { flushAfterMs: 20 });
    b.add('soon', 1);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls.length, 1);
    await b.close();
  });

  it('serializes flushes so events leave in order even when flushes overlap', async () => {
    const delivered: string[] = [];
    const b = new LogBatcher(
      async (events) => {
        await new Promise((r) => setTimeout(r, 5));
        delivered.push(...events.map((e) => e.message));
      },
      { flushAfterMs: 0 },
    );
    b.add('1', 1);
    const f1 = b.flush();
    b.add('2', 2);
    const f2 = b.flush();
    await Promise.all([f1, f2]);
    assert.deepEqual(delivered, ['1', '2']);
  });
});
