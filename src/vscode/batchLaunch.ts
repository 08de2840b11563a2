// The extension's one way to launch dates, for `Launch Run for Date(s)` and the calendar's Launch: ONE Step
// Functions execution of the stack's workflow (the batch goes on in AWS when VS Code closes; the Batches view
// and the calendar follow it from AWS). planBatch (src/aws/batchStart.ts) leaves out what must not start, a
// modal shows what the CLI prints before a batch (days, slots, machines, skipped days with their reasons, the
// cost estimate, cross-region warnings), then startBatch. Without a deployed workflow the modal says so and
// offers Set Up AWS Account (then the launch goes on) or Launch Directly (the caller's in-process path).
import * as vscode from 'vscode';
import {
  batchConfirmation,
  batchOutline,
  chosenInputLines,
  nothingLeftMessage,
  type SkippedDay,
} from '../core/batchConfirmation';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { DEFAULT_MAX_PARALLEL_RUNS } from '../core/launchLimits';
import { crossRegionWarnings } from '../aws/bucketRegions';
import { planBatch, startBatch } from '../aws/batchStart';
import { resolveStateMachine } from '../aws/batches';
import { estimateText } from '../aws/launchEstimate';
import { CloudFormationStacks } from '../aws/stacks';
import type { AwsSession } from './awsSession';
import { batchesOf } from './batchesModel';
import { logQuietFailure } from './notify';
import { extensionVersion, launcherDeps } from './runLauncher';
import type { AdatrapServices } from './services';
import { COMMANDS } from './commands/commandIds';
import type { SetupOutcome } from './commands/setupCommands';

/** A button of the launch's dialogs, by what it does (tests script the answers with these). */
type LaunchAnswer = 'start' | 'setUp' | 'direct' | 'cancel';

/** A dialog as it was shown: tests read what the user read. */
export interface LaunchPrompt {
  message: string;
  detail: string;
  buttons: LaunchAnswer[];
}

export type LaunchOutcome =
  | {
      kind: 'batch';
      executionArn: string;
      name: string;
      dates: string[];
      skipped: SkippedDay[];
      prompts: LaunchPrompt[];
    }
  /** No workflow and the user chose Launch Directly: the caller launches in-process. */
  | { kind: 'direct'; prompts: LaunchPrompt[] }
  | { kind: 'cancelled'; prompts: LaunchPrompt[] };

interface LaunchOptions {
  /** Answers to the dialogs in order, instead of showing them (other commands and tests). */
  answers?: readonly LaunchAnswer[];
  /** How many machines at once; the CLI's default (there is no setting for it). */
  maxParallel?: number;
}

/** How long the confirmation waits for the cost estimate before saying it is unknown. */
const CONFIRM_ESTIMATE_TIMEOUT_MS = 10_000;

/** Plain arguments of the launch commands: `{ dates: '2020-06-29..2020-06-30', answers: ['start'] }`. */
export function launchArgs(arg: unknown): { dates?: string; answers?: LaunchAnswer[] } {
  if (typeof arg !== 'object' || arg === null) return {};
  const { dates, answers } = arg as { dates?: unknown; answers?: unknown };
  const known: readonly unknown[] = ['start', 'setUp', 'direct', 'cancel'];
  return {
    ...(typeof dates === 'string' ? { dates } : {}),
    ...(Array.isArray(answers) && answers.every((a) => known.includes(a))
      ? { answers: answers as LaunchAnswer[] }
      : {}),
  };
}

/** Whether a workflow exists to start (STATE_MACHINE_ARN, or the stack's output); other failures propagate. */
async function hasWorkflow(session: AwsSession): Promise<boolean> {
  const { config } = session;
  try {
    await resolveStateMachine(config, new CloudFormationStacks(session.clients.cloudFormation));
    return true;
  } catch (e) {
    if (e instanceof UserError && e.message === t('batches.noStateMachine', { stack: config.stackName })) return false;
    throw e;
  }
}

class Dialogs {
  readonly prompts: LaunchPrompt[] = [];
  private readonly script: LaunchAnswer[] | undefined;

  constructor(answers: readonly LaunchAnswer[] | undefined) {
    this.script = answers ? [...answers] : undefined;
  }

  /** A modal with the buttons given; closing it (or Cancel) answers 'cancel'. */
  async ask(message: string, detail: string, buttons: Partial<Record<LaunchAnswer, string>>): Promise<LaunchAnswer> {
    const offered = Object.keys(buttons) as LaunchAnswer[];
    this.prompts.push({ message, detail, buttons: offered });
    if (this.script) {
      const answer = this.script.shift() ?? 'cancel';
      return offered.includes(answer) ? answer : 'cancel';
    }
    const labels = offered.map((a) => buttons[a] as string);
    const chosen = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...labels);
    return offered.find((a) => buttons[a] === chosen) ?? 'cancel';
  }
}

/**
 * Launches the dates as one batch, asking first. Resolves with what happened; a launch that cannot start (no
 * date left, a configuration problem) is a UserError naming what to fix.
 */
export async function launchDates(
  services: AdatrapServices,
  dates: readonly string[],
  options: LaunchOptions = {},
): Promise<LaunchOutcome> {
  const dialogs = new Dialogs(options.answers);
  let session = services.config.aws();
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for the batch workflow…') },
    () => hasWorkflow(session),
  );
  if (!found) {
    const answer = await dialogs.ask(
      vscode.l10n.t('No batch workflow in this account: launches run through the stack {0}.', session.config.stackName),
      [
        vscode.l10n.t(
          'Set Up AWS Account deploys it (a few minutes), then this launch goes on as one batch that runs in AWS Step Functions, even with VS Code closed.',
        ),
        vscode.l10n.t(
          'Launch Directly starts the machines from this VS Code window instead: if VS Code closes, the dates not started yet are never launched.',
        ),
      ].join('\n\n'),
      { setUp: vscode.l10n.t('Set Up AWS Account'), direct: vscode.l10n.t('Launch Directly') },
    );
    if (answer === 'direct') return { kind: 'direct', prompts: dialogs.prompts };
    if (answer !== 'setUp') return { kind: 'cancelled', prompts: dialogs.prompts };
    // Scripted answers (tests) leave .env as it is: the stack's outputs are found through STACK_NAME anyway.
    const setup = await vscode.commands.executeCommand<SetupOutcome | undefined>(
      COMMANDS.setUpAwsAccount,
      ...(options.answers ? [{ writeEnv: false }] : []),
    );
    // The command showed why it failed; nothing is launched.
    if (!setup) return { kind: 'cancelled', prompts: dialogs.prompts };
    await services.config.reload();
    session = services.config.aws();
  }

  const batches = batchesOf(session);
  const deps = {
    ...launcherDeps(session, extensionVersion(services.context)),
    batches,
    stacks: new CloudFormationStacks(session.clients.cloudFormation),
  };
  const plan = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Checking {0} date(s): inputs, live machines and running batches…', dates.length),
    },
    () => planBatch(deps, dates),
  );
  if (plan.dates.length === 0) throw new UserError(nothingLeftMessage(plan.skipped));
  const maxParallel = options.maxParallel ?? DEFAULT_MAX_PARALLEL_RUNS;
  const [estimate, warnings] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Estimating the cost…') },
    () =>
      Promise.all([
        estimateText(
          { config: session.config, prices: session.prices, storage: session.storage },
          plan.dates.length,
          CONFIRM_ESTIMATE_TIMEOUT_MS,
        ),
        crossRegionWarnings(session.storage, session.config),
      ]),
  );
  const first = plan.dates[0] ?? '';
  const last = plan.dates[plan.dates.length - 1] ?? '';
  const detail = [
    ...batchConfirmation(batchOutline(session.config, plan.dates, maxParallel), plan.skipped),
    ...chosenInputLines(plan.readiness, plan.dates),
    '',
    ...estimate,
    ...(warnings.length > 0 ? ['', ...warnings] : []),
    '',
    vscode.l10n.t(
      'The batch runs in AWS Step Functions: it goes on if VS Code closes. The Batches view follows it; Stop Batch stops it and terminates its machines.',
    ),
  ].join('\n');
  const answer = await dialogs.ask(
    plan.dates.length === 1
      ? vscode.l10n.t('Start a batch for {0}?', first)
      : vscode.l10n.t('Start one batch of {0} dates ({1} … {2})?', plan.dates.length, first, last),
    detail,
    { start: vscode.l10n.t('Start Batch') },
  );
  if (answer !== 'start') return { kind: 'cancelled', prompts: dialogs.prompts };

  const started = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the batch…') },
    () => startBatch(deps, plan.dates, { maxParallel }),
  );
  // The Batches view (and through it the calendar) shows the execution now, not at the next poll.
  await services.trees.refreshBatches().catch(logQuietFailure);
  announce(services, started.executionArn, started.name, plan.dates.length, plan.skipped.length);
  return { kind: 'batch', ...started, dates: plan.dates, skipped: plan.skipped, prompts: dialogs.prompts };
}

function announce(services: AdatrapServices, executionArn: string, name: string, days: number, skipped: number): void {
  const show = vscode.l10n.t('Show in Batches View');
  const message =
    skipped > 0
      ? vscode.l10n.t('Batch {0} started: {1} date(s), {2} left out (see the confirmation).', name, days, skipped)
      : vscode.l10n.t('Batch {0} started: {1} date(s).', name, days);
  void vscode.window.showInformationMessage(message, show).then(async (answer) => {
    if (answer === show) await services.trees.revealBatch(executionArn).catch(logQuietFailure);
  });
}
