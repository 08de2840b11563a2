// What a batch launch shows before it starts, in the CLI (stderr) and in the extension (the modal's detail):
// the days and the slots, the machines tried for each day, and the days left out with their reasons. The cost
// estimate and the cross-region warnings are separate lines the callers add (they need AWS calls).
import { t } from './i18n';
import type { DateReadiness } from './preflight';
import { DEFAULT_RETRIES, launchCandidates, type Candidate, type WorkflowConfigSource } from './workflowInput';

export interface SkippedDay {
  date: string;
  reason: string;
}

/** The parts of a workflow input a confirmation reads (a WorkflowInput fits). */
interface BatchOutline {
  dates: readonly string[];
  maxParallel: number;
  launch: { candidates: readonly Candidate[]; maxTries: number };
}

/** How many skipped days a confirmation names one by one; a year of back-fills would not fit a dialog. */
export const SKIPPED_SHOWN = 10;

/**
 * The outline of the batch a launch would start, without building its input (which needs the agent bundle
 * uploaded first): the same candidates and tries buildWorkflowInput gives with its default retries.
 */
export function batchOutline(
  config: Pick<WorkflowConfigSource, 'instanceType' | 'market'>,
  dates: readonly string[],
  maxParallel: number,
): BatchOutline {
  return {
    dates,
    maxParallel,
    launch: { candidates: launchCandidates(config.instanceType, config.market), maxTries: 1 + DEFAULT_RETRIES },
  };
}

function skippedLines(skipped: readonly SkippedDay[]): string[] {
  if (skipped.length === 0) return [];
  const shown = skipped.slice(0, SKIPPED_SHOWN).map((s) => t('batchLaunch.confirm.skippedDay', { ...s }));
  const more = skipped.length - shown.length;
  return [
    t('batchLaunch.confirm.skipped', { count: skipped.length }),
    ...shown,
    ...(more > 0 ? [t('batchLaunch.confirm.skippedMore', { count: more })] : []),
  ];
}

/** How many runs of dates sharing their inputs a confirmation names; the rest is "… and N more". */
export const INPUT_GROUPS_SHOWN = 5;

/**
 * What the pre-flight chose for the planned dates (service dictionary, service detail), so a wrong file is caught
 * before paying: consecutive dates with the same choice are one line (a year usually has a handful).
 */
export function chosenInputLines(readiness: readonly DateReadiness[], dates: readonly string[]): string[] {
  const planned = new Set(dates);
  const groups: { from: string; to: string; count: number; po: string; detail: string }[] = [];
  for (const r of readiness) {
    if (!planned.has(r.date)) continue;
    const po = r.po?.key ?? '—';
    const detail = r.serviceDetail?.key ?? '—';
    const last = groups[groups.length - 1];
    if (last && last.po === po && last.detail === detail) {
      last.to = r.date;
      last.count++;
    } else groups.push({ from: r.date, to: r.date, count: 1, po, detail });
  }
  if (groups.length === 0) return [];
  const shown = groups
    .slice(0, INPUT_GROUPS_SHOWN)
    .map((g) =>
      g.count === 1
        ? t('batchLaunch.confirm.inputsDay', { date: g.from, po: g.po, detail: g.detail })
        : t('batchLaunch.confirm.inputsDays', { ...g }),
    );
  const more = groups.length - shown.length;
  return [
    t('batchLaunch.confirm.inputs'),
    ...shown,
    ...(more > 0 ? [t('batchLaunch.confirm.skippedMore', { count: more })] : []),
  ];
}

/** The lines that sum a batch up before it starts. */
export function batchConfirmation(outline: BatchOutline, skipped: readonly SkippedDay[]): string[] {
  const dates = outline.dates;
  const candidates = outline.launch.candidates.map((c) => `${c.market} ${c.instanceType}`).join(', ');
  return [
    t('batches.confirm.days', {
      count: dates.length,
      from: dates[0] ?? '',
      to: dates[dates.length - 1] ?? '',
      max: Math.min(outline.maxParallel, dates.length),
    }),
    t('batches.confirm.machines', { candidates, tries: outline.launch.maxTries }),
    ...skippedLines(skipped),
  ];
}

/** Why a launch starts nothing: every date was left out (the first reason names what to fix). */
export function nothingLeftMessage(skipped: readonly SkippedDay[]): string {
  const first = skipped[0];
  return t('batchLaunch.nothingLeft', {
    count: skipped.length,
    first: first ? `${first.date}: ${first.reason}` : '',
  });
}
