import * as assert from 'node:assert/strict';
import { TailCursor } from '../../../src/aws/tailCursor';

const ev = (timestamp: number, message: string) => ({ timestamp, message });

describe('TailCursor', () => {
  it('shows each event once when a re-read overlaps what was shown', () => {
    const c = new TailCursor(0, { overlapMs: 10 });
    c.newPass();
    assert.deepEqual(
      [ev(1, 'a'), ev(5, 'b'), ev(20, 'c')].map((e) => c.accept(e)),
      [true, true, true],
    );
    assert.equal(c.resumeFrom(), 10);
    c.newPass();
    // The re-read starts at 10: 'c' again, then a new line.
    assert.deepEqual(
      [ev(20, 'c'), ev(21, 'd')].map((e) => c.accept(e)),
      [false, true],
    );
  });

  it('keeps identical lines at the same millisecond distinct', () => {
    const c = new TailCursor(0);
    c.newPass();
    assert.deepEqual(
      [ev(7, 'tick'), ev(7, 'tick')].map((e) => c.accept(e)),
      [true, true],
    );
    c.newPass();
    // A re-read sees the two again, plus a third identical line that arrived since.
    assert.deepEqual(
      [ev(7, 'tick'), ev(7, 'tick'), ev(7, 'tick')].map((e) => c.accept(e)),
      [false, false, true],
    );
  });

  it('accepts a late event older than the newest one (live tail order is by arrival)', () => {
    const c = new TailCursor(0, { overlapMs: 1000 });
    c.newPass();
    assert.ok(c.accept(ev(500, 'new')));
    assert.ok(c.accept(ev(400, 'late')));
    c.newPass();
    assert.equal(c.accept(ev(400, 'late')), false);
  });

  it('ignores events before the start time', () => {
    const c = new TailCursor(100);
    assert.equal(c.resumeFrom(), 100);
    assert.equal(c.accept(ev(99, 'old')), false);
    assert.ok(c.accept(ev(100, 'first')));
  });

  it('forgets old keys so a long tail keeps flat memory', () => {
    const c = new TailCursor(0, { overlapMs: 10, memoryMs: 100 });
    c.newPass();
    for (let i = 0; i < 50_000; i++) c.accept(ev(i, `line ${i}`));
    const shown = (c as unknown as { shown: Map<string, number> }).shown.size;
    assert.ok(shown <= 200, `remembers ${shown} keys`);
  });
});
