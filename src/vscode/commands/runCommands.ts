// Check inputs, launch runs, stop runs.
import * as vscode from 'vscode';
import { launchRange, logLanguage, type RangeEvent, type RangeSummary } from '../../aws/launcher';
import { checkDates } from '../../aws/preflight';
import { deadlineSchedules, dropDeadline } from '../../aws/deadlines';
import { Ec2Runs } from '../../aws/runs';
import { formatLogLine } from '../../core/logFormat';
import { tIn } from '../../core/i18n';
import type { DateReadiness } from '../../core/preflight';
import { UserError } from '../../core/errors';
import type { DateRange } from '../../core/dates';
import { DEFAULT_MAX_PARALLEL_RUNS as MAX_PARALLEL_RUNS } from '../../core/launchLimits';
import { datesOf, parseDatesInput, validateDatesInput } from '../dateInput';
import { extensionVersion, launcherDeps } from '../runLauncher';
import { logQuietFailure } from '../notify';
import type { RunView } from '../runsModel';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { dateOf, resolveRun } from './targets';
import { COMMANDS } from './commandIds';
import { launchArgs, launchDates, type LaunchOutcome, type LaunchPrompt } from '../batchLaunch';

/**
 * The dates a command acts on: those given (a date row of a view, or dates as typed, "2020-06-29..2020-07-01",
 * from another command or a test), else what the user types.
 */
async function askDates(title: string, arg: unknown): Promise<DateRange | undefined> {
  const given = typeof arg === 'string' ? arg : dateOf(arg);
  if (given) return parseDatesInput(given);
  const text = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('One date (2020-06-29) or a range (2020-06-29..2020-07-01 or "2020-06-29 2020-07-01").'),
    placeHolder: vscode.l10n.t('YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD'),
    validateInput: (value) => (value.trim() ? validateDatesInput(value) : vscode.l10n.t('Type a date or a range.')),
    ignoreFocusOut: true,
  });
  return text === undefined ? undefined : parseDatesInput(text);
}

async function runPreflight(services: AdatrapServices, range: DateRange): Promise<DateReadiness[]> {
  const session = services.config.aws();
  const dates = datesOf(range);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Checking the inputs of {0} date(s)…', dates.length),
    },
    () => checkDates(session.storage, session.config, dates),
  );
}

function problemsText(r: DateReadiness): string {
  return `${r.date}: ${r.problems.map((p) => p.message).join(' ')}`;
}

function readinessReport(readiness: readonly DateReadiness[]): string {
  const lines = [`# ${vscode.l10n.t('Input check')}`, ''];
  for (const r of readiness) {
    lines.push(`## ${r.date}: ${r.ready ? vscode.l10n.t('ready') : vscode.l10n.t('not ready')}`);
    if (r.po) lines.push(`- ${vscode.l10n.t('Service dictionary')}: ${r.po.key}`);
    if (r.serviceDetail) lines.push(`- ${vscode.l10n.t('Service detail')}: ${r.serviceDetail.key}`);
    for (const p of r.problems) lines.push(`- ⚠ ${p.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function showReport(readiness: readonly DateReadiness[]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: readinessReport(readiness) });
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function checkInputs(services: AdatrapServices, arg: unknown): Promise<DateReadiness[] | undefined> {
  const range = await askDates(vscode.l10n.t('Check Inputs for Date(s)'), arg);
  if (!range) return undefined;
  const readiness = await runPreflight(services, range);
  const notReady = readiness.filter((r) => !r.ready);
  const details = vscode.l10n.t('Show Details');
  // The command resolves with the result at once; the notification stays for the user to open the report.
  const shown =
    notReady.length === 0
      ? vscode.window.showInformationMessage(
          vscode.l10n.t('All inputs are in place for {0}.', readiness.map((r) => r.date).join(', ')),
          details,
        )
      : vscode.window.showWarningMessage(
          vscode.l10n.t(
            '{0} of {1} date(s) are not ready. {2}',
            notReady.length,
            readiness.length,
            notReady.slice(0, 2).map(problemsText).join(' '),
          ),
          details,
        );
  void shown.then(async (answer) => {
    if (answer === details) await showReport(readiness);
  });
  return readiness;
}

/** Shows what the pre-flight found and how many machines will start; resolves to the dates to launch. */
async function confirmLaunch(
  services: AdatrapServices,
  readiness: readonly DateReadiness[],
): Promise<string[] | undefined> {
  const ready = readiness.filter((r) => r.ready).map((r) => r.date);
  const notReady = readiness.filter((r) => !r.ready);
  if (ready.length === 0) {
    throw new UserError(vscode.l10n.t('Nothing to launch: {0}', notReady.slice(0, 3).map(problemsText).join(' ')));
  }
  const { instanceType } = services.config.aws().config;
  const machines =
    ready.length === 1
      ? vscode.l10n.t('One machine of type {0}.', instanceType)
      : vscode.l10n.t(
          '{0} machine(s) of type {1}, one per date, at most {2} at a time.',
          ready.length,
          instanceType,
          Math.min(MAX_PARALLEL_RUNS, ready.length),
        );
  // What the pre-flight chose for each date, so a wrong dictionary or detail file is caught before paying.
  const chosen = readiness
    .filter((r) => r.ready)
    .slice(0, 5)
    .map((r) =>
      vscode.l10n.t(
        '{0}: inputs found; service dictionary {1}, service detail {2}',
        r.date,
        r.po?.key ?? '—',
        r.serviceDetail?.key ?? '—',
      ),
    );
  if (ready.length > 5) chosen.push(vscode.l10n.t('… and {0} more ready dates', ready.length - 5));
  const skipped = notReady.length
    ? `\n\n${vscode.l10n.t('Skipped (not ready):')}\n${notReady.map(problemsText).join('\n')}`
    : '';
  const direct = vscode.l10n.t(
    'Launched directly from this VS Code window: if it closes, the dates not started yet are never launched.',
  );
  const detail = `${machines}\n\n${chosen.join('\n')}${skipped}\n\n${direct}`;
  const launch = vscode.l10n.t('Launch');
  const answer = await vscode.window.showWarningMessage(
    ready.length === 1
      ? vscode.l10n.t('Launch the run for {0}?', ready[0])
      : vscode.l10n.t('Launch runs for {0} dates ({1} … {2})?', ready.length, ready[0], ready[ready.length - 1]),
    { modal: true, detail },
    launch,
  );
  return answer === launch ? ready : undefined;
}

function progressText(e: RangeEvent): string | undefined {
  switch (e.type) {
    case 'launching':
      return vscode.l10n.t('starting {0} ({1}/{2})', e.date, e.index, e.total);
    case 'launched':
      return vscode.l10n.t('{0} started as {1}', e.date, e.instanceId);
    case 'waiting':
      return vscode.l10n.t('{0} waits for a free slot ({1}/{2} machines alive)', e.date, e.live, e.maxParallel);
    case 'failed':
      return vscode.l10n.t('{0} failed: {1}', e.date, e.message);
    case 'skipped':
      return vscode.l10n.t('{0} skipped', e.date);
    case 'checked':
      return undefined;
  }
}

/** A launch: one batch through Step Functions, or (no workflow, the user's choice) the machines started from here. */
export type LaunchRunResult =
  LaunchOutcome | { kind: 'directLaunched'; prompts: LaunchPrompt[]; summary: RangeSummary };

async function launchRun(services: AdatrapServices, arg: unknown): Promise<LaunchRunResult | undefined> {
  const args = launchArgs(arg);
  const range = await askDates(vscode.l10n.t('Launch Run for Date(s)'), args.dates ?? arg);
  if (!range) return undefined;
  const outcome = await launchDates(services, datesOf(range), args.answers ? { answers: args.answers } : {});
  if (outcome.kind !== 'direct') return outcome;
  const summary = await launchDirectly(services, range);
  return summary ? { kind: 'directLaunched', prompts: outcome.prompts, summary } : undefined;
}

/** Launch Directly: the machines start from this window, at most MAX_PARALLEL_RUNS alive (launchRange). */
async function launchDirectly(services: AdatrapServices, range: DateRange): Promise<RangeSummary | undefined> {
  const readiness = await runPreflight(services, range);
  const dates = await confirmLaunch(services, readiness);
  if (!dates) return undefined;
  const deps = launcherDeps(services.config.aws(), extensionVersion(services.context));
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Launching runs'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      // Collected from the events, so a cancelled launch still reports the machines it had already started.
      const result: RangeSummary = { launched: [], skipped: [], failed: [] };
      const onEvent = (e: RangeEvent): void => {
        const message = progressText(e);
        if (message) progress.report({ message });
        if (e.type === 'launched') {
          result.launched.push({
            date: e.date,
            instanceId: e.instanceId,
            ...(e.deadlineWarning ? { deadlineWarning: e.deadlineWarning } : {}),
          });
          void services.trees.refreshRuns();
        } else if (e.type === 'skipped') result.skipped.push({ date: e.date, reason: e.reason });
        else if (e.type === 'failed') result.failed.push({ date: e.date, message: e.message });
      };
      // Not-ready dates were shown and left out; the launcher checks each remaining date again and keeps the cap.
      try {
        for (const part of contiguous(dates)) {
          await launchRange(deps, part, {
            maxParallel: MAX_PARALLEL_RUNS,
            signal: controller.signal,
            pollIntervalMs: 5000,
            onEvent,
          });
        }
      } catch (e) {
        if (!controller.signal.aborted || result.launched.length === 0) throw e;
      }
      return result;
    },
  );
  await services.trees.refreshRuns();
  const first = summary.launched[0];
  // Revealing is a courtesy: a view that cannot show the row must not turn a launch into a failure.
  if (first) await services.trees.revealRun(first.instanceId).catch(logQuietFailure);
  void services.trees.refreshLogs();
  await reportLaunch(summary);
  return summary;
}

/** Consecutive dates as ranges, so a range with a gap (a skipped date) is launched in order without it. */
function contiguous(dates: readonly string[]): DateRange[] {
  const ranges: DateRange[] = [];
  for (const date of [...dates].sort()) {
    const last = ranges[ranges.length - 1];
    if (last && datesOf({ from: last.to, to: date }).length === 2) last.to = date;
    else ranges.push({ from: date, to: date });
  }
  return ranges;
}

async function reportLaunch(summary: RangeSummary): Promise<void> {
  const problems = [
    ...summary.skipped.map((s) => s.reason),
    ...summary.failed.map((f) => vscode.l10n.t('{0}: {1}', f.date, f.message)),
  ];
  if (summary.launched.length === 0) throw new UserError(vscode.l10n.t('No run was launched. {0}', problems.join(' ')));
  const tail = vscode.l10n.t('Tail Log Stream');
  const launched = summary.launched.map((l) => `${l.date} (${l.instanceId})`).join(', ');
  const message = problems.length
    ? vscode.l10n.t('Launched {0}. Not launched: {1}', launched, problems.join(' '))
    : vscode.l10n.t('Launched {0}.', launched);
  // The same warning for every machine of a launch (no SCHEDULER_ROLE_ARN, no permission): shown once.
  for (const warning of new Set(summary.launched.flatMap((l) => (l.deadlineWarning ? [l.deadlineWarning] : []))))
    void vscode.window.showWarningMessage(warning);
  const show = problems.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, tail).then(async (answer) => {
    if (answer === tail) await vscode.commands.executeCommand(COMMANDS.tailLogStream, summary.launched[0].instanceId);
  });
}

async function stopRun(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const run = await resolveRun(services, arg, (r) => r.live, vscode.l10n.t('Stop which run?'));
  if (!run) return undefined;
  const confirm = vscode.l10n.t('Terminate');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Stop the run of {0} ({1})?', run.date ?? run.instanceId, run.instanceId),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The machine is terminated: its work so far is lost and it writes no outputs. Its logs stay.',
      ),
    },
    confirm,
  );
  if (answer !== confirm) return undefined;
  const state = await terminate(services, run);
  await services.trees.refreshRuns();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The run of {0} ({1}) is being terminated ({2}).', run.date ?? run.instanceId, run.instanceId, state),
  );
  return state;
}

/** Terminates and notes it in the general stream before and after, as the CLI's stop command does. */
async function terminate(services: AdatrapServices, run: RunView): Promise<string> {
  const session = services.config.aws();
  const { logGroup, generalLogStream } = session.config;
  const lang = logLanguage();
  const note = (key: 'aws.log.terminating' | 'aws.log.terminated', state?: string) => {
    const now = new Date();
    return session.logs.put(logGroup, generalLogStream, [
      {
        timestamp: now.getTime(),
        message: formatLogLine('INFO', tIn(lang, key, { instanceId: run.instanceId, state: state ?? '' }), now),
      },
    ]);
  };
  await note('aws.log.terminating').catch(() => undefined);
  const state = await new Ec2Runs(session.clients.ec2).terminate(run.instanceId);
  const deadlineWarning = await dropDeadline(deadlineSchedules(session.config, session.clients), run.instanceId);
  if (deadlineWarning) void vscode.window.showWarningMessage(deadlineWarning);
  await note('aws.log.terminated', state).catch(() => undefined);
  return state;
}

export const runCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.checkInputs]: (arg?: unknown) => checkInputs(services, arg),
    [COMMANDS.launchRun]: (arg?: unknown) => launchRun(services, arg),
    [COMMANDS.stopRun]: (arg?: unknown) => stopRun(services, arg),
  }),
};
