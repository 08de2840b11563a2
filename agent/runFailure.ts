// A failure the agent can name: its `reason` is the sentence logged to both streams and recorded in the
// `adatrap:status` tag, in the run's language. Anything else that escapes is reported as unexpected.
import { tIn, type Lang, type MessageKey, type MessageParams } from '../src/core/i18n';
import { errorMessage } from '../src/core/errors';

export class RunFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RunFailure';
  }
}

/** Builds RunFailures in one language, so every step phrases its reasons the same way. */
export class Reasons {
  constructor(readonly lang: Lang) {}

  failure(key: MessageKey, params?: MessageParams): RunFailure {
    return new RunFailure(tIn(this.lang, key, params));
  }

  text(key: MessageKey, params?: MessageParams): string {
    return tIn(this.lang, key, params);
  }

  /** The sentence for any error: a RunFailure keeps its own, an AWS error names its service call. */
  of(e: unknown): string {
    if (e instanceof RunFailure) return e.reason;
    return tIn(this.lang, 'agent.reason.unexpected', { detail: errorMessage(e) });
  }
}

/** The AWS error name with its message (`AccessDenied: ...`), without request ids or stacks. */
export function awsErrorDetail(e: unknown): string {
  const err = e as { name?: string; message?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const status = err?.$metadata?.httpStatusCode;
  // A HEAD answer has no body, so the SDK can only say "Unknown": the status code is the real information.
  if ((err?.name === 'Unknown' || err?.message === 'UnknownError') && status)
    return status === 403 ? 'AccessDenied (HTTP 403)' : `HTTP ${status}`;
  const name = err?.name ?? err?.Code ?? 'Error';
  const message = err?.message && err.message !== name ? `: ${err.message}` : '';
  return `${name}${message}`;
}
