// The Run calendar's host: one webview panel showing a month, and the batch of runs launched from it. The batch
// belongs to this host (created once per extension activation), so it outlives the panel: close the panel,
// reopen it, and the batch is still there with its progress.
import * as vscode from 'vscode';
import { CalendarSource } from '../../aws/calendarSource';
import { costsOfMonthRuns, forgottenRuns, type ManifestCache } from '../../aws/monthCosts';
import type { RunInfo } from '../../aws/runs';
import { launchRange } from '../../aws/launcher';
import { checkDates } from '../../aws/preflight';
import { Ec2Runs } from '../../aws/runs';
import type { BatchDay } from '../../core/batchView';
import { priceMonth, type ForgottenRun, type MonthCalendar } from '../../core/calendar';
import type { RunCostView } from '../../core/costEstimate';
import { addMonths, monthOf, parseIsoDate, parseMonth, todayInSantiago, workMonth } from '../../core/dates';
import { InputError, UserError } from '../../core/errors';
import { locale } from '../../core/i18n';
import { DEFAULT_MAX_PARALLEL_RUNS } from '../../core/launchLimits';
import type { DateReadiness } from '../../core/preflight';
import { describeFailure, showFailure } from '../notify';
import { extensionVersion, launcherDeps } from '../runLauncher';
import type { AdatrapServices } from '../services';
import { BatchRunner, type BatchState } from './batchRunner';
import { batchNotes, batchView, calendarStrings, executionNotes } from './hostStrings';
import { legendItems, monthTitle, toMonthView } from './monthView';
import {
  // What the page sends the host:
  Ready,
  Navigate,
  RunDayAction,
  BatchControl,
  // what the host sends the page:
  Init,
  Loading,
  Month,
  LoadFailed,
  Batch,
  MAX_DAY_ACTION_DATES,
  type DayAction,
  type Navigation,
} from './protocol';
import { isIpcMessage, type IpcMessage } from '../webview/protocol';
import { webviewHtml } from '../webviewPage';
import { COMMANDS } from '../commands/commandIds';
import { launchDates } from '../batchLaunch';
import { downloadSummaryText } from '../commands/outputDownloadCommands';
import type { OutputDownloadSummary } from '../../aws/outputDownload';

export const CALENDAR_VIEW_TYPE = 'adatrap.calendar';
/** While a machine of the month runs, the grid follows it at this pace (only while the panel is visible). */
const LIVE_REFRESH_MS = 5_000;
/** Launched machines are looked up this often until they end, panel open or not. */
const FOLLOW_MS = 5_000;

/** The month the calendar showed last in this workspace. */
const LAST_MONTH_KEY = 'adatrap.calendar.lastMonth';

export class CalendarHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private month: string;
  private calendar: MonthCalendar | undefined;
  private loadSeq = 0;
  /** The month was not chosen (nothing remembered, no run known yet): the first load looks for where the work is. */
  private findWorkMonth = false;
  /** That search while it runs: every load meanwhile (a refresh, a batch change) waits for it, a navigation drops it. */
  private workMonthSearch: Promise<string> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** The running batches have been listed once since the panel opened (after a reload nothing else may list them). */
  private batchesListed = false;
  /** The last prices of the shown month's runs: the next load shows them at once instead of a blank cost line. */
  private costs:
    { month: string; byRun: ReadonlyMap<string, RunCostView>; forgotten: readonly ForgottenRun[] } | undefined;
  /** Day manifests read for the runs EC2 no longer lists (each read once while it is unchanged). */
  private readonly manifests: ManifestCache = new Map();
  private readonly batch = new BatchRunner();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: AdatrapServices) {
    const remembered = services.context.workspaceState.get<unknown>(LAST_MONTH_KEY);
    this.month = typeof remembered === 'string' && /^\d{4}-\d{2}$/.test(remembered) ? remembered : '';
    const sub = this.batch.onDidChange((state) => {
      this.postBatch();
      if (state?.finished) void this.services.trees.refreshRuns().catch(() => undefined);
      // A launch or an ending changes the month: show it without waiting for the next tick.
      this.scheduleRefresh(500);
    });
    this.disposables.push({ dispose: () => sub.dispose() }, { dispose: () => this.batch.dispose() });
    this.disposables.push(services.config.onDidChange(() => this.scheduleRefresh(0)));
    // A batch's days change as AWS runs it (the Batches model polls it while it runs, view hidden or not).
    let shownDays = '';
    this.disposables.push(
      services.batches.onDidChange(() => {
        const days = JSON.stringify([...services.batches.activeDays.values()].map((d) => [d.date, d.state]));
        if (days !== shownDays) this.scheduleRefresh(500);
        shownDays = days;
      }),
    );
  }

  /** Shows the panel (creating it once) on `month`, or on the month shown last. */
  open(month?: string): void {
    if (month) {
      this.month = month;
      this.findWorkMonth = false;
      this.workMonthSearch = undefined;
    } else if (!this.month) {
      // Nothing remembered: open where the work is (the newest run's day), not on an empty current month.
      this.month = this.defaultMonth();
    }
    if (this.panel) {
      this.panel.reveal();
      if (month) void this.load();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      CALENDAR_VIEW_TYPE,
      vscode.l10n.t('Run Calendar'),
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  /** After a window reload VS Code hands back the panel it kept; the webview's saved state says which month. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = (state as { month?: unknown } | undefined)?.month;
    if (typeof saved === 'string' && /^\d{4}-\d{2}$/.test(saved)) this.month = saved;
    else if (!this.month) this.month = this.defaultMonth();
    if (this.panel) {
      panel.dispose();
      this.panel.reveal();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
  }

  /** The newest run's month; with no run known, the current month until the first load finds the inputs. */
  private defaultMonth(): string {
    const dates = this.services.runs.runs.map((run) => run.date);
    this.findWorkMonth = !dates.some((d) => d !== undefined);
    return workMonth(dates);
  }

  /** No run known when the panel opened: the runs now listed, else the first day with inputs (one listing). */
  private async workMonthNow(): Promise<string> {
    const source = this.source();
    await this.services.trees.refreshRuns().catch(() => undefined);
    const dates = this.services.runs.runs.map((run) => run.date);
    if (dates.some((d) => d !== undefined)) return workMonth(dates);
    return workMonth([], todayInSantiago(), await source.firstInputDate().catch(() => undefined));
  }

  private mediaRoots(): [vscode.Uri, vscode.Uri] {
    const extensionUri = this.services.context.extensionUri;
    return [
      vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'calendar'),
      vscode.Uri.joinPath(extensionUri, 'media', 'calendar'),
    ];
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: this.mediaRoots(), retainContextWhenHidden: false };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const mediaRoots = this.mediaRoots();
    const webview = panel.webview;
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaRoots[0], 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaRoots[1], 'main.css')).toString(),
      lang: locale(),
      title: vscode.l10n.t('Run Calendar'),
    });
    this.panelDisposables = [
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.scheduleRefresh(0);
      }),
      panel.onDidDispose(() => this.onPanelClosed()),
    ];
  }

  /** For tests and other commands: what the calendar shows now. */
  get shown(): { month: string; calendar?: MonthCalendar; batch?: BatchState; notes: Map<string, string> } {
    return { month: this.month, calendar: this.calendar, batch: this.batch.state, notes: this.notes() };
  }

  /** Each day's batch line: the calendar's own batch, then the days running executions hold. */
  private notes(): Map<string, string> {
    const notes = executionNotes(this.services.batches.activeDays, batchNotes(this.batch.state));
    // A queued cell already says it waits in a batch, and its details name the batch.
    for (const day of this.calendar?.days ?? []) if (day.kind === 'queued') notes.delete(day.date);
    return notes;
  }

  dispose(): void {
    this.panel?.dispose();
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }

  private onPanelClosed(): void {
    this.panel = undefined;
    this.batchesListed = false;
    clearTimeout(this.refreshTimer);
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
  }

  private post(message: IpcMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Messages are checked (shape by the guards, months and dates parsed here); a failure is one notification. */
  private async onMessage(message: unknown): Promise<void> {
    if (!isIpcMessage(message)) return;
    try {
      if (Ready.is(message)) {
        this.post(Init.message(message.id, { strings: calendarStrings(), locale: locale(), legend: legendItems() }));
        this.postBatch();
        await this.load();
      } else if (BatchControl.is(message)) {
        if (message.params.op === 'cancel') this.batch.cancel();
        else this.batch.clear();
      } else if (Navigate.is(message)) {
        this.navigate(message.params.to, message.params.month);
      } else if (RunDayAction.is(message)) {
        const { action, dates } = message.params;
        try {
          const text = await this.runAction(action, actionDates(dates));
          this.post(RunDayAction.response.message(message.id, { ok: true, value: { message: text } }));
        } catch (e) {
          // The webview shows the same sentence a notification would.
          this.post(RunDayAction.response.message(message.id, { ok: false, error: describeError(e) }));
        }
      }
    } catch (e) {
      await showFailure(e);
    }
  }

  private navigate(to: Navigation, month?: string): void {
    this.findWorkMonth = false;
    this.workMonthSearch = undefined;
    if (to === 'month' && month) this.month = parseMonth(month);
    else if (to === 'previous') this.month = addMonths(this.month, -1);
    else if (to === 'next') this.month = addMonths(this.month, 1);
    else if (to === 'today') this.month = monthOf(todayInSantiago());
    void this.load();
  }

  private scheduleRefresh(delayMs: number): void {
    if (!this.panel) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load(), delayMs);
  }

  /** Reads the month (one listing per bucket) and shows it; a newer load wins over a slower older one. */
  private async load(): Promise<void> {
    if (!this.panel) return;
    clearTimeout(this.refreshTimer);
    const seq = ++this.loadSeq;
    if (this.findWorkMonth) {
      this.findWorkMonth = false;
      const fallback = this.month;
      this.workMonthSearch = this.workMonthNow().catch(() => fallback);
    }
    const search = this.workMonthSearch;
    if (search) {
      const found = await search;
      // Unless the user navigated meanwhile (their month wins), the found month is the one every load shows: a
      // refresh that started during the search must not show the empty current month instead.
      if (this.workMonthSearch === search) {
        this.workMonthSearch = undefined;
        this.month = found;
      }
      if (seq !== this.loadSeq) return;
    }
    const month = this.month;
    void this.services.context.workspaceState.update(LAST_MONTH_KEY, month);
    const title = monthTitle(month);
    if (this.calendar?.month !== month) this.post(Loading.message('0', { month, title }));
    try {
      const { calendar: read, runs } = await this.source().read(month);
      if (seq !== this.loadSeq) return;
      const known = this.costs?.month === month ? this.costs : undefined;
      const calendar = known ? priceMonth(read, known.byRun, known.forgotten) : read;
      this.showMonth(calendar);
      const live = calendar.days.some((d) => d.kind === 'running' || d.kind === 'queued') || this.batch.active;
      if (live && this.panel?.visible) this.scheduleRefresh(LIVE_REFRESH_MS);
      // The grid is up; the cost follows when the prices answer (cached by the session after the first time).
      void this.priceShownMonth(seq, read, runs);
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.post(LoadFailed.message('0', { month, title, error: describeError(e) }));
    }
  }

  private showMonth(calendar: MonthCalendar): void {
    this.calendar = calendar;
    this.post(
      Month.message(
        '0',
        toMonthView(calendar, Date.now(), (time) => vscode.l10n.t('updated {0}', time), this.notes()),
      ),
    );
  }

  private async priceShownMonth(seq: number, read: MonthCalendar, runs: readonly RunInfo[]): Promise<void> {
    let byRun: Map<string, RunCostView>;
    let forgotten: ForgottenRun[];
    try {
      const session = this.services.config.aws();
      const earlier = await forgottenRuns(session.storage, session.config.outputBucket, read, runs, {
        cache: this.manifests,
      });
      byRun = await costsOfMonthRuns(read.month, [...runs, ...earlier.runs], session.prices, session.config);
      forgotten = earlier.forgotten;
    } catch {
      // A price never fails the calendar: the month stays shown without its cost line.
      return;
    }
    if (seq !== this.loadSeq || !this.panel) return;
    this.costs = { month: read.month, byRun, forgotten };
    this.showMonth(priceMonth(read, byRun, forgotten));
  }

  private source(): CalendarSource {
    const session = this.services.config.aws();
    return new CalendarSource(session.storage, new Ec2Runs(session.clients.ec2), session.config, () =>
      this.batchDays(),
    );
  }

  /**
   * The days running batches hold, from the Batches model (which polls them while they run). Listed once when
   * the panel opens: after a window reload the model may not have listed anything yet (its view hidden).
   */
  private async batchDays(): Promise<BatchDay[]> {
    if (!this.batchesListed) {
      this.batchesListed = true;
      await this.services.trees.refreshBatches().catch(() => undefined);
    }
    return [...this.services.batches.activeDays.values()];
  }

  private postBatch(): void {
    const state = this.batch.state;
    this.post(Batch.message('0', { batch: state ? batchView(state) : null }));
  }

  private async runAction(action: DayAction, dates: string[]): Promise<string> {
    switch (action) {
      case 'checkInputs':
        return this.checkInputs(dates);
      case 'launch':
        return this.launch(dates);
      case 'openLogs':
        return this.openLogs(dates);
      case 'openOutputs':
        return this.openOutputs(dates);
      case 'downloadOutputs':
        return this.downloadOutputs(dates);
    }
  }

  private async checkInputs(dates: string[]): Promise<string> {
    // The Check Inputs command with the dates as typed: the same pre-flight, notification and report.
    const readiness =
      (await vscode.commands.executeCommand<DateReadiness[] | undefined>(COMMANDS.checkInputs, rangeText(dates))) ?? [];
    this.scheduleRefresh(0);
    const notReady = readiness.filter((r) => !r.ready);
    return notReady.length === 0
      ? vscode.l10n.t('All inputs are in place for {0}.', rangeText(dates))
      : vscode.l10n.t('{0} of {1} date(s) are not ready.', notReady.length, readiness.length);
  }

  /** One batch through Step Functions (src/vscode/batchLaunch.ts); without a workflow, Launch Directly if chosen. */
  private async launch(dates: string[]): Promise<string> {
    const outcome = await launchDates(this.services, dates);
    // The Batches model's change redraws the month with the batch's days (queued or running).
    if (outcome.kind === 'batch')
      return vscode.l10n.t('Batch {0} started: {1} date(s).', outcome.name, outcome.dates.length);
    if (outcome.kind === 'cancelled') return vscode.l10n.t('Launch cancelled.');
    return this.launchDirectly(dates);
  }

  /** Machines started from this window, followed in the calendar's batch panel; they stop launching if it closes. */
  private async launchDirectly(dates: string[]): Promise<string> {
    if (this.batch.active)
      throw new UserError(
        vscode.l10n.t(
          'A batch launched from the calendar is still in progress: wait for it to end before launching another.',
        ),
      );
    const session = this.services.config.aws();
    const readiness = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Checking the inputs of {0} date(s)…', dates.length),
      },
      () => checkDates(session.storage, session.config, dates),
    );
    // A day whose machine is still alive is not launched twice; the launcher would refuse it anyway.
    const liveDates = new Set(this.calendar?.days.filter((d) => d.kind === 'running').map((d) => d.date));
    const ready = readiness.filter((r) => r.ready && !liveDates.has(r.date)).map((r) => r.date);
    const skipped = readiness
      .filter((r) => !r.ready || liveDates.has(r.date))
      .map((r) => ({
        date: r.date,
        reason: r.ready
          ? vscode.l10n.t('a run of this date is still alive')
          : r.problems.map((p) => p.message).join(' '),
      }));
    if (ready.length === 0)
      throw new UserError(
        vscode.l10n.t(
          'Nothing to launch: {0}',
          skipped
            .slice(0, 3)
            .map((s) => `${s.date}: ${s.reason}`)
            .join(' '),
        ),
      );

    const maxParallel = DEFAULT_MAX_PARALLEL_RUNS;
    const machines = vscode.l10n.t(
      '{0} machine(s) of type {1}, one per date, at most {2} at a time.',
      ready.length,
      session.config.instanceType,
      Math.min(maxParallel, ready.length),
    );
    const direct = vscode.l10n.t(
      'Launched directly from this VS Code window: if it closes, the dates not started yet are never launched.',
    );
    const detail = skipped.length
      ? `${machines}\n\n${vscode.l10n.t('Skipped (not ready):')}\n${skipped.map((s) => `${s.date}: ${s.reason}`).join('\n')}\n\n${direct}`
      : `${machines}\n\n${direct}`;
    const launchLabel = vscode.l10n.t('Launch');
    const question =
      ready.length === 1
        ? vscode.l10n.t('Launch the run for {0}?', ready[0])
        : vscode.l10n.t('Launch runs for {0} dates ({1} … {2})?', ready.length, ready[0], ready[ready.length - 1]);
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, launchLabel);
    if (answer !== launchLabel) return vscode.l10n.t('Launch cancelled.');

    const deps = launcherDeps(session, extensionVersion(this.services.context));
    this.batch.start(ready, skipped, {
      launchRange: (range, options) => launchRange(deps, range, options),
      listRuns: () => deps.runs.list(),
      maxParallel,
      slotPollMs: FOLLOW_MS,
      followMs: FOLLOW_MS,
    });
    void this.services.trees.refreshRuns().catch(() => undefined);
    return vscode.l10n.t('Launching {0} run(s); progress shows in the batch panel.', ready.length);
  }

  private async openLogs(dates: string[]): Promise<string> {
    const days = (this.calendar?.days ?? []).filter(
      (d) => dates.includes(d.date) && (d.runs.length > 0 || d.output?.hasManifest),
    );
    if (days.length === 0)
      throw new UserError(
        vscode.l10n.t('No run of ours is known for {0}: there is no log stream to open.', rangeText(dates)),
      );
    const source = this.source();
    // Each opens an editor; a handful is what anyone reads at once.
    const ids = await Promise.all(
      days.slice(0, MAX_OPENED).map(async (d) => d.runs[0]?.instanceId ?? (await source.manifestInstanceId(d.date))),
    );
    const opened = ids.filter((id): id is string => id !== undefined);
    if (opened.length === 0)
      throw new UserError(
        vscode.l10n.t('No run of ours is known for {0}: there is no log stream to open.', rangeText(dates)),
      );
    for (const instanceId of opened) await vscode.commands.executeCommand(COMMANDS.openLogStream, instanceId);
    return vscode.l10n.t('Opened the log stream(s) {0}.', opened.join(', '));
  }

  private async openOutputs(dates: string[]): Promise<string> {
    const days = (this.calendar?.days ?? []).filter((d) => dates.includes(d.date) && d.output);
    if (days.length === 0)
      throw new UserError(vscode.l10n.t('No outputs for {0} in the output bucket.', rangeText(dates)));
    const opened = days.slice(0, MAX_OPENED).map((d) => d.date);
    for (const date of opened) await vscode.commands.executeCommand(COMMANDS.openRunOutputs, { date });
    return vscode.l10n.t('Opened the outputs of {0}.', opened.join(', '));
  }

  /** The selected days that have outputs, through Download Outputs (folder prompt, progress, resume, no clobber). */
  private async downloadOutputs(dates: string[]): Promise<string> {
    const withOutput = (this.calendar?.days ?? []).filter((d) => dates.includes(d.date) && d.output).map((d) => d.date);
    if (withOutput.length === 0)
      throw new UserError(vscode.l10n.t('No outputs for {0} in the output bucket.', rangeText(dates)));
    const summary = await vscode.commands.executeCommand<OutputDownloadSummary | undefined>(COMMANDS.downloadOutputs, {
      dates: withOutput,
    });
    return summary ? downloadSummaryText(summary) : '';
  }
}

const MAX_OPENED = 3;

function rangeText(dates: readonly string[]): string {
  const first = dates[0];
  const last = dates[dates.length - 1];
  return first === last ? first : `${first}..${last}`;
}

/** The dates of a day action, parsed (a date that is not one is an InputError naming it), sorted, at most a year. */
function actionDates(dates: readonly string[]): string[] {
  if (dates.length > MAX_DAY_ACTION_DATES) {
    throw new InputError(
      vscode.l10n.t('Select at most {0} days at a time ({1} were selected).', MAX_DAY_ACTION_DATES, dates.length),
    );
  }
  return [...new Set(dates.map(parseIsoDate))].sort();
}

function describeError(e: unknown): string {
  return e instanceof UserError ? e.message : describeFailure(e);
}
