// The one message protocol between the configuration editor's host and its webview. Both sides import this
// file, so it must stay free of `vscode` and of Node APIs: the webview bundle runs in a browser.
//
// Three kinds of messages, each declared once with a method name and a type guard (the GitLens shape):
// commands (webview -> host, fire and forget), requests (webview -> host, answered by a response carrying the
// same id) and notifications (host -> webview).

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

export type IpcResult<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: string };

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

function isRecord(p: unknown): p is Record<string, unknown> {
  return typeof p === 'object' && p !== null && !Array.isArray(p);
}

const noParams = (p: unknown): p is Record<string, never> => isRecord(p);
const stringProps =
  <K extends string>(...keys: K[]) =>
  (p: unknown): p is Record<K, string> =>
    isRecord(p) && keys.every((k) => typeof p[k] === 'string');

// ---------------------------------------------------------------------------------------------------------
// What the form shows. The host builds it from the document; the secret's value is never part of it.

export type GroupId = 'credentials' | 'machine' | 'logs' | 'buckets' | 'executable' | 'optional';
export type FieldKind = 'text' | 'region' | 'profile' | 'secret' | 'number';
export type AuthMode = 'keys' | 'profile';

export interface FieldView {
  readonly key: string;
  readonly label: string;
  readonly help: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Absent for the secret: the webview only learns whether it is set. */
  readonly value?: string;
  readonly isSet: boolean;
  /** The first validation problem of this key, in the user's language (the CLI's message). */
  readonly problem?: string;
  /** 'missing' (not filled in yet) reads as a to-do; 'invalid' (a wrong value) as an error. */
  readonly problemKind?: 'missing' | 'invalid';
  /** A process environment variable of the same name wins over the file; say so next to the field. */
  readonly overriddenByEnvironment: boolean;
}

export interface GroupView {
  readonly id: GroupId;
  readonly title: string;
  readonly description: string;
  readonly fields: readonly FieldView[];
}

export interface RegionOption {
  readonly code: string;
  readonly name: string;
}

export interface EditorState {
  readonly fileName: string;
  readonly authMode: AuthMode;
  readonly profiles: readonly string[];
  readonly regions: readonly RegionOption[];
  readonly groups: readonly GroupView[];
  /** Keys in the file that the form does not know; kept untouched, listed so nobody wonders where they went. */
  readonly otherKeys: readonly string[];
  readonly problemCount: number;
}

// ---------------------------------------------------------------------------------------------------------
// Test connection and input checks.

export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skipped';
/** Fixes the host can apply itself; the webview shows a button for each. */
export type CheckFix = 'createLogGroup' | 'createLogStream';

export interface CheckItem {
  readonly id: string;
  readonly status: CheckStatus;
  readonly title: string;
  /** What was found, or for a failure what to fix (naming the bucket, key or resource). */
  readonly detail: string;
  readonly fix?: CheckFix;
}

export interface ConnectionReport {
  readonly items: readonly CheckItem[];
}

export interface InputsReport {
  readonly date: string;
  readonly ready: boolean;
  readonly items: readonly CheckItem[];
}

// ---------------------------------------------------------------------------------------------------------
// Messages.

/** The webview announces it is listening; the host answers with strings and state (nothing is sent before). */
export const Ready = new IpcCommand<Record<string, never>>('ready', noParams);
/** Sets one key's value in the document (an empty value keeps the key, empty). */
export const SetValue = new IpcCommand<{ key: string; value: string }>('setValue', stringProps('key', 'value'));
/** Replaces a secret (the secret access key, the session token). Its value travels webview -> host only. */
export const ReplaceSecret = new IpcCommand<{ key: string; value: string }>(
  'replaceSecret',
  stringProps('key', 'value'),
);
export const ClearSecret = new IpcCommand<{ key: string }>('clearSecret', stringProps('key'));
export const SetAuthMode = new IpcCommand<{ mode: AuthMode }>(
  'setAuthMode',
  (p): p is { mode: AuthMode } => isRecord(p) && (p.mode === 'keys' || p.mode === 'profile'),
);
export const OpenAsText = new IpcCommand<Record<string, never>>('openAsText', noParams);

export const TestConnection = new IpcRequest<Record<string, never>, ConnectionReport>('testConnection', noParams);
export const CheckInputs = new IpcRequest<{ date: string }, InputsReport>('checkInputs', stringProps('date'));
export const ApplyFix = new IpcRequest<{ fix: CheckFix }, ConnectionReport>(
  'applyFix',
  (p): p is { fix: CheckFix } => isRecord(p) && (p.fix === 'createLogGroup' || p.fix === 'createLogStream'),
);

/** Everything the webview says to the user comes from the host, in the user's language. */
export const Strings = new IpcNotification<WebviewStrings>(
  'strings',
  (p): p is WebviewStrings => isRecord(p) && typeof p.title === 'string',
);
export const State = new IpcNotification<EditorState>(
  'state',
  (p): p is EditorState => isRecord(p) && Array.isArray(p.groups) && typeof p.authMode === 'string',
);

export interface WebviewStrings {
  readonly title: string;
  readonly problemsNone: string;
  readonly problemsOne: string;
  /** Contains {count}. */
  readonly problemsSome: string;
  readonly openAsText: string;
  readonly required: string;
  readonly optional: string;
  readonly authKeys: string;
  readonly authProfile: string;
  readonly authLegend: string;
  readonly authProfileHelp: string;
  readonly noProfilesFound: string;
  readonly chooseProfile: string;
  readonly chooseRegion: string;
  readonly secretSet: string;
  readonly secretNotSet: string;
  readonly secretReplace: string;
  readonly secretEnter: string;
  readonly secretClear: string;
  readonly secretSave: string;
  readonly secretCancel: string;
  readonly secretNewLabel: string;
  readonly overridden: string;
  readonly otherKeys: string;
  readonly testTitle: string;
  readonly testHelp: string;
  readonly testButton: string;
  readonly testRunning: string;
  readonly testAllGood: string;
  readonly testOneFailed: string;
  /** Contains {count}. */
  readonly testSomeFailed: string;
  readonly inputsTitle: string;
  readonly inputsHelp: string;
  readonly inputsDateLabel: string;
  readonly inputsButton: string;
  readonly inputsRunning: string;
  /** Contains {date}. */
  readonly inputsReady: string;
  /** Contains {date}. */
  readonly inputsNotReady: string;
  readonly fixCreateLogGroup: string;
  readonly fixCreateLogStream: string;
  readonly statusOk: string;
  readonly statusFail: string;
  readonly statusWarn: string;
  readonly statusSkipped: string;
  readonly requestFailed: string;
  readonly onThisPage: string;
  readonly searchPlaceholder: string;
  readonly searchNoResults: string;
  readonly goToProblem: string;
}

/** Fills {name} placeholders of host-provided strings on either side. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
