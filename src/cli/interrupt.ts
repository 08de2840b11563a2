// Ctrl+C (SIGINT) and SIGTERM stop long CLI work by aborting its signal, so it ends cleanly (a StopQuery sent, a
// tail closed, what was printed kept) instead of the process dying mid-request. One way for every command.
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(abort.signal);
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
