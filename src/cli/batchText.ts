// How batches and their days read in the terminal (list-batches, show-batch, create-ec2-instance --wait).
import { t, type MessageKey } from '../core/i18n';
import type { DayProgress, DayState } from '../core/batchProgress';
import type { BatchDetail, BatchInfo } from '../aws/batches';
import { renderTable } from './table';

const STATE_KEYS: Record<DayState, MessageKey> = {
  queued: 'batches.state.queued',
  launching: 'batches.state.launching',
  running: 'batches.state.running',
  retrying: 'batches.state.retrying',
  interrupted: 'batches.state.interrupted',
  succeeded: 'batches.state.succeeded',
  failed: 'batches.state.failed',
  stopped: 'batches.state.stopped',
};

const stateWord = (s: DayState): string => t(STATE_KEYS[s]);

const when = (d: Date | undefined): string => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '');

/** One progress line: `2020-06-30  running (try 2)  i-0abc…  reason`. */
export function dayLine(day: DayProgress): string {
  const tries = day.attempts > 1 ? ` ${t('batches.try', { n: day.attempts })}` : '';
  return [day.date, `${stateWord(day.state)}${tries}`, day.instanceId ?? '', day.reason ?? '']
    .filter(Boolean)
    .join('  ');
}

export function batchesTable(batches: readonly BatchInfo[]): string {
  return renderTable(
    [t('batches.col.status'), t('batches.col.started'), t('batches.col.name'), t('batches.col.arn')],
    batches.map((b) => [b.status, when(b.startDate), b.name, b.executionArn]),
  );
}

export function batchDetailText(d: BatchDetail): string {
  const s = d.summary;
  const head = [
    `${t('batches.col.arn')}: ${d.executionArn}`,
    `${t('batches.col.status')}: ${d.status}  ${t('batches.counts', { succeeded: s.counts.succeeded, failed: s.counts.failed, active: s.active, queued: s.counts.queued, total: s.total })}`,
    `${t('batches.col.started')}: ${when(d.startDate)}${d.stopDate ? `  ${t('batches.col.ended')}: ${when(d.stopDate)}` : ''}`,
    ...(d.error || d.cause ? [`${d.error ?? ''} ${d.cause ?? ''}`.trim()] : []),
  ];
  const table = renderTable(
    [
      t('batches.col.date'),
      t('batches.col.state'),
      t('batches.col.tries'),
      t('batches.col.instance'),
      t('batches.col.reason'),
    ],
    d.days.map((day) => [day.date, stateWord(day.state), String(day.attempts), day.instanceId ?? '', day.reason ?? '']),
  );
  return `${head.join('\n')}\n\n${table}`;
}

/** JSON for --json: dates as ISO strings, nothing secret (the input's user data is never included). */
export function batchDetailJson(d: BatchDetail): unknown {
  return {
    executionArn: d.executionArn,
    name: d.name,
    status: d.status,
    startDate: d.startDate?.toISOString(),
    stopDate: d.stopDate?.toISOString(),
    error: d.error,
    cause: d.cause,
    summary: d.summary,
    days: d.days.map((day) => ({
      ...day,
      startedAt: day.startedAt?.toISOString(),
      endedAt: day.endedAt?.toISOString(),
    })),
  };
}
