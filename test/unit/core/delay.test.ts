// The abortable delay every poll uses: a cancel ends the wait at once (resolving or with the caller's error),
// and a finished wait leaves no abort listener behind.
import * as assert from 'node:assert/strict';
import { delay, delayOrAbort } from '../../../src/core/delay';

describe('core/delay', () => {
  it('resolves when the signal aborts, long before the delay would end', async () => {
    const controller = new AbortController();
    const waiting = delay(600_000, controller.signal);
    controller.abort();
    await waiting; // the 60 s mocha timeout would fail this if the timer were still the only way out
  });

  it('resolves at once for a signal that has already aborted', async () => {
    await delay(600_000, AbortSignal.abort());
  });

  it('rejects with the caller’s error on abort, and resolves after the delay otherwise', async () => {
    const controller = new AbortController();
    const waiting = delayOrAbort(600_000, controller.signal, () => new Error('cancelled by the user'));
    controller.abort();
    await assert.rejects(waiting, /cancelled by the user/);
    await delayOrAbort(1, new AbortController().signal, () => new Error('never'));
  });

  it('removes its abort listener when the time is up', async () => {
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => {
      added++;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => {
      removed++;
      remove(...args);
    };
    await delay(1, signal);
    assert.deepEqual([added, removed], [1, 1]);
  });
});
