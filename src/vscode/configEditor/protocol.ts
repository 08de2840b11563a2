// The configuration editor's messages between its host and its webview, on the shared base of
// src/vscode/webview/protocol.ts (ids, request/response, ready handshake, runtime guards). Both sides import
// this file, so it stays free of `vscode` and Node APIs: the webview bundle runs in a browser.
import { IpcCommand, IpcNotification, IpcRequest, isRecord, noParams, stringProps } from '../webview/protocol';

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

interface RegionOption {
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

type CheckStatus = 'ok' | 'fail' | 'warn' | 'skipped';
/** Fixes the host can apply itself; the webview shows a button for each. */
type CheckFix = 'createLogGroup' | 'createLogStream';

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
