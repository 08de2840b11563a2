// The Run calendar's messages between its host and its webview, on the shared base of
// src/vscode/webview/protocol.ts. Both sides import this file, so it stays free of `vscode` and Node APIs.
// The guards check shapes only; the host parses what it acts on (months, dates) inside its error handling.
import { IpcCommand, IpcNotification, IpcRequest, isRecord, noParams } from '../webview/protocol';

// ---------------------------------------------------------------------------------------------------------
// What the webview shows. The host builds every text, in the user's language; the webview only lays it out.

/** Mirrors src/core/calendar.ts DayKind (the webview must not import the core). */
type CellKind =
  | 'ready'
  | 'running'
  | 'queued'
  | 'failed'
  | 'missingInputs'
  | 'notProcessable'
  | 'succeeded'
  | 'earlierOutput'
  | 'future';

export interface CellView {
  readonly date: string;
  readonly dayOfMonth: number;
  /** 0 = Monday … 6 = Sunday. */
  readonly column: number;
  readonly kind: CellKind;
  readonly symbol: string;
  /** A few words: "ready", "running 12 min", "OK 3.2 MB", "failed: exit 3". */
  readonly text: string;
  /** Full sentences: the tooltip, the details pane and the screen reader's label. */
  readonly details: readonly string[];
  readonly isToday: boolean;
  readonly hasRun: boolean;
  /** A run of ours is listed, or the output's manifest names the machine that wrote it. */
  readonly hasLogs: boolean;
  readonly hasOutput: boolean;
  /** Part of the batch in progress: the batch status line for this day. */
  readonly batch?: string;
}

export interface LegendItem {
  readonly kind: CellKind;
  readonly symbol: string;
  readonly label: string;
}

export interface MonthView {
  readonly month: string;
  /** "July 2020" / "julio de 2020". */
  readonly title: string;
  readonly cells: readonly CellView[];
  readonly summary: string;
  /** What the month's runs cost ("n unpriced" included); absent before they are priced or without runs. */
  readonly cost?: string;
  readonly next: string;
  /** When the listings were read, for "updated 12:03". */
  readonly updated: string;
}

type BatchItemStatus =
  'queued' | 'waiting' | 'skipped' | 'launching' | 'running' | 'succeeded' | 'failed' | 'cancelled';

interface BatchItemView {
  readonly date: string;
  readonly status: BatchItemStatus;
  readonly text: string;
}

export interface BatchView {
  readonly title: string;
  readonly finished: boolean;
  readonly summary: string;
  readonly items: readonly BatchItemView[];
}

export interface CalendarStrings {
  readonly title: string;
  readonly previous: string;
  readonly next: string;
  readonly today: string;
  readonly refresh: string;
  readonly goToMonth: string;
  readonly loading: string;
  readonly legend: string;
  readonly actionsFor: string;
  readonly noSelection: string;
  readonly checkInputs: string;
  readonly launch: string;
  readonly openLogs: string;
  readonly openOutputs: string;
  readonly downloadOutputs: string;
  readonly batchTitle: string;
  readonly batchCancel: string;
  readonly batchDismiss: string;
  readonly gridHelp: string;
  readonly working: string;
}

export interface CalendarInit {
  readonly strings: CalendarStrings;
  /** BCP 47 locale for Intl (weekday names, dates) in the webview. */
  readonly locale: string;
  readonly legend: readonly LegendItem[];
}

// ---------------------------------------------------------------------------------------------------------
// Messages.

export type Navigation = 'previous' | 'next' | 'today' | 'refresh' | 'month';

/** A day action covers at most a year of days (the host refuses more, saying so). */
export const MAX_DAY_ACTION_DATES = 366;
export type DayAction = 'checkInputs' | 'launch' | 'openLogs' | 'openOutputs' | 'downloadOutputs';

interface NavigateParams {
  readonly to: Navigation;
  /** For `month`: where to go, YYYY-MM. */
  readonly month?: string;
}

const isNavigation = (p: unknown): p is NavigateParams =>
  isRecord(p) &&
  (p.to === 'previous' ||
    p.to === 'next' ||
    p.to === 'today' ||
    p.to === 'refresh' ||
    (p.to === 'month' && typeof p.month === 'string' && /^\d{4}-\d{2}$/.test(p.month)));

const isDayActionParams = (p: unknown): p is { action: DayAction; dates: string[] } =>
  isRecord(p) &&
  (p.action === 'checkInputs' ||
    p.action === 'launch' ||
    p.action === 'openLogs' ||
    p.action === 'openOutputs' ||
    p.action === 'downloadOutputs') &&
  Array.isArray(p.dates) &&
  p.dates.length > 0 &&
  p.dates.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));

/** The webview listens: the host answers with Init, then the month and any batch (nothing is sent before). */
export const Ready = new IpcCommand<Record<string, never>>('ready', noParams);
export const Navigate = new IpcCommand<NavigateParams>('navigate', isNavigation);
/** Stops launching the batch's days not started yet (machines already running go on), or dismisses a finished batch. */
export const BatchControl = new IpcCommand<{ op: 'cancel' | 'dismiss' }>(
  'batchControl',
  (p): p is { op: 'cancel' | 'dismiss' } => isRecord(p) && (p.op === 'cancel' || p.op === 'dismiss'),
);
/** Resolves once the host has done (or refused) the action; the outcome also shows in the grid and notifications. */
export const RunDayAction = new IpcRequest<{ action: DayAction; dates: string[] }, { message: string }>(
  'dayAction',
  isDayActionParams,
);

export const Init = new IpcNotification<CalendarInit>(
  'init',
  (p): p is CalendarInit => isRecord(p) && isRecord(p.strings) && Array.isArray(p.legend),
);
export const Loading = new IpcNotification<{ month: string; title: string }>(
  'loading',
  (p): p is { month: string; title: string } => isRecord(p) && typeof p.month === 'string',
);
export const Month = new IpcNotification<MonthView>(
  'month',
  (p): p is MonthView => isRecord(p) && Array.isArray(p.cells) && typeof p.month === 'string',
);
export const LoadFailed = new IpcNotification<{ month: string; title: string; error: string }>(
  'loadFailed',
  (p): p is { month: string; title: string; error: string } => isRecord(p) && typeof p.error === 'string',
);
export const Batch = new IpcNotification<{ batch: BatchView | null }>(
  'batch',
  (p): p is { batch: BatchView | null } => isRecord(p) && 'batch' in p,
);
