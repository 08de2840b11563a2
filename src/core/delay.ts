// The one timer that an AbortSignal cuts short. Polls (tails, searches, waits for a free slot) stop at once when
// the user cancels, and leave no timer or listener behind.

/** Resolves after `ms`, or as soon as `signal` aborts (at once if it already has). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return delayOr(ms, signal, undefined);
}

/** Resolves after `ms`; rejects with `abortError()` as soon as `signal` aborts (at once if it already has). */
export function delayOrAbort(ms: number, signal: AbortSignal | undefined, abortError: () => unknown): Promise<void> {
  return delayOr(ms, signal, abortError);
}

function delayOr(ms: number, signal: AbortSignal | undefined, abortError: (() => unknown) | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (): void => (abortError ? reject(abortError()) : resolve());
    if (signal?.aborted) return settle();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      settle();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
