// The calendar's UI words, in VS Code's display language (vscode.l10n); the webview receives them ready-made.
import * as vscode from 'vscode';
import type { BatchItem, BatchState } from './batchRunner';
import type { BatchView, CalendarStrings } from './protocol';
import type { BatchDay } from '../../core/batchView';

export function calendarStrings(): CalendarStrings {
  return {
    title: vscode.l10n.t('Run Calendar'),
    previous: vscode.l10n.t('‹ Previous'),
    next: vscode.l10n.t('Next ›'),
    today: vscode.l10n.t('This month'),
    refresh: vscode.l10n.t('Refresh'),
    goToMonth: vscode.l10n.t('Go to month'),
    loading: vscode.l10n.t('Reading the buckets and runs…'),
    legend: vscode.l10n.t('Legend'),
    // {dates} is "first – last"; {count} the number of days (a single day shows its date alone).
    actionsFor: vscode.l10n.t('{dates} ({count} days)'),
    noSelection: vscode.l10n.t('Select a day (click, or arrows then Enter); Shift extends to a range.'),
    checkInputs: vscode.l10n.t('Check Inputs'),
    launch: vscode.l10n.t('Launch…'),
    openLogs: vscode.l10n.t('Open Logs'),
    openOutputs: vscode.l10n.t('Open Outputs'),
    downloadOutputs: vscode.l10n.t('Download Outputs…'),
    batchTitle: vscode.l10n.t('Batch'),
    batchCancel: vscode.l10n.t('Stop Launching'),
    batchDismiss: vscode.l10n.t('Dismiss'),
    gridHelp: vscode.l10n.t(
      'Arrow keys move, Enter or Space selects, Shift+arrows extend the selection, Page Up/Down change month.',
    ),
    working: vscode.l10n.t('Working…'),
  };
}

function itemText(item: BatchItem): string {
  switch (item.status) {
    case 'queued':
      return vscode.l10n.t('queued');
    case 'waiting':
      return vscode.l10n.t('waiting for a free slot ({0} machines alive)', item.detail ?? '');
    case 'skipped':
      return vscode.l10n.t('skipped: {0}', item.detail ?? '');
    case 'launching':
      return vscode.l10n.t('starting…');
    case 'running':
      return vscode.l10n.t('running on {0}', item.instanceId ?? '');
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'failed':
      return vscode.l10n.t('failed: {0}', item.detail ?? '');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
  }
}

export function batchView(state: BatchState): BatchView {
  const count = (...statuses: BatchItem['status'][]) => state.items.filter((i) => statuses.includes(i.status)).length;
  const first = state.dates[0] ?? '';
  const last = state.dates[state.dates.length - 1] ?? '';
  const range = first === last ? first : `${first} … ${last}`;
  return {
    title: state.finished ? vscode.l10n.t('Batch {0}: done', range) : vscode.l10n.t('Batch {0}: in progress', range),
    finished: state.finished,
    summary: vscode.l10n.t(
      '{0} to start, {1} running, {2} succeeded, {3} failed, {4} skipped',
      count('queued', 'waiting', 'launching'),
      count('running'),
      count('succeeded'),
      count('failed', 'cancelled'),
      count('skipped'),
    ),
    items: state.items.map((i) => ({ date: i.date, status: i.status, text: itemText(i) })),
  };
}

/** What the cell itself cannot show yet: a day still waiting its turn, skipped, or refused before any machine. */
const NOTED: ReadonlySet<BatchItem['status']> = new Set(['queued', 'waiting', 'launching', 'skipped', 'cancelled']);

/** The batch line of the days whose cell would not otherwise tell they are part of a batch. */
export function batchNotes(state: BatchState | undefined): Map<string, string> {
  const notes = new Map<string, string>();
  if (!state || state.finished) return notes;
  for (const item of state.items) {
    if (NOTED.has(item.status) || (item.status === 'failed' && !item.instanceId))
      notes.set(item.date, vscode.l10n.t('batch: {0}', itemText(item)));
  }
  return notes;
}

/**
 * The line of each day a running batch (a Step Functions execution) holds: queued for a slot, or running. Read
 * from AWS through the Batches model, so it is there again after a window reload. The in-process batch's own
 * line, when it has one for the day, comes first.
 */
export function executionNotes(days: ReadonlyMap<string, BatchDay>, base: Map<string, string>): Map<string, string> {
  const notes = new Map(base);
  for (const day of days.values()) {
    if (notes.has(day.date)) continue;
    notes.set(
      day.date,
      day.kind === 'queued'
        ? vscode.l10n.t('in a batch: queued')
        : day.state === 'running'
          ? vscode.l10n.t('in a batch: running')
          : day.state === 'launching'
            ? vscode.l10n.t('in a batch: starting…')
            : vscode.l10n.t('in a batch: waiting to retry'),
    );
  }
  return notes;
}
