// The one message base of every webview (the GitLens shape): both the host and the page import it, so it stays
// free of `vscode` and Node APIs. Each webview declares only its own messages on it (configEditor/protocol.ts,
// calendar/protocol.ts), each with a runtime guard: nothing from postMessage is trusted before it passes one.
//
// Three kinds: commands (page -> host, fire and forget), requests (page -> host, answered by a response carrying
// the same id) and notifications (host -> page). The page starts with a `ready` command; the host sends nothing
// before it (a message posted to a page that is not listening yet is lost).

export interface IpcMessage<P = unknown> {
  readonly id: string;
  readonly method: string;
  readonly params: P;
}

/** Guards anything arriving over postMessage before it is trusted as a protocol message. */
export function isIpcMessage(value: unknown): value is IpcMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.method === 'string' && 'params' in v;
}

abstract class IpcCall<P> {
  constructor(
    readonly method: string,
    private readonly checkParams: (params: unknown) => params is P,
  ) {}

  is(message: IpcMessage): message is IpcMessage<P> {
    return message.method === this.method && this.checkParams(message.params);
  }

  message(id: string, params: P): IpcMessage<P> {
    return { id, method: this.method, params };
  }
}

export class IpcCommand<P> extends IpcCall<P> {}
export class IpcNotification<P> extends IpcCall<P> {}

type IpcResult<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: string };

export class IpcRequest<P, R> extends IpcCall<P> {
  /** The answer carries the request's id, so the sender can resolve the promise it is holding. */
  readonly response: IpcNotification<IpcResult<R>>;

  constructor(method: string, checkParams: (params: unknown) => params is P) {
    super(method, checkParams);
    this.response = new IpcNotification<IpcResult<R>>(
      `${method}/response`,
      isResult as (p: unknown) => p is IpcResult<R>,
    );
  }
}

/**
 * The sending side of requests: each gets a fresh id, and the response carrying that id settles its promise.
 * A response nobody waits for (a reloaded page, a duplicate) is ignored.
 */
export class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<string, (result: IpcResult<unknown>) => void>();

  constructor(private readonly post: (message: IpcMessage) => void) {}

  send<P, R>(request: IpcRequest<P, R>, params: P): Promise<R> {
    const id = this.newId();
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, (result) => (result.ok ? resolve(result.value as R) : reject(new Error(result.error))));
      this.post(request.message(id, params));
    });
  }

  /** Settles the request this message answers; false when the message is not an awaited response. */
  settle(message: IpcMessage): boolean {
    const settle = message.method.endsWith('/response') ? this.waiting.get(message.id) : undefined;
    if (!settle || !isResult(message.params)) return false;
    this.waiting.delete(message.id);
    settle(message.params as IpcResult<unknown>);
    return true;
  }

  get size(): number {
    return this.waiting.size;
  }

  newId(): string {
    return String(this.nextId++);
  }
}

function isResult(p: unknown): boolean {
  if (!isRecord(p)) return false;
  return p.ok === true ? 'value' in p : p.ok === false && typeof p.error === 'string';
}

export function isRecord(p: unknown): p is Record<string, unknown> {
  return typeof p === 'object' && p !== null && !Array.isArray(p);
}

/** Guards for messages without parameters, and with string parameters only. */
export const noParams = (p: unknown): p is Record<string, never> => isRecord(p);
export const stringProps =
  <K extends string>(...keys: K[]) =>
  (p: unknown): p is Record<K, string> =>
    isRecord(p) && keys.every((k) => typeof p[k] === 'string');

/** Fills {name} placeholders of host-provided strings on either side. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
