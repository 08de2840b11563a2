// Starting a batch = one Step Functions execution with the days (the workflow launches, watches and retries each
// machine; src/core/workflowDefinition.ts). What a launch needs before that is the same as a direct launch: the
// agent bundle and the pinned node.exe in EXECUTABLES_BUCKET (the launcher's deps), then the execution input the
// core builds (src/core/workflowInput.ts, which validates --max-parallel and the size limits).
//
// planBatch decides which dates go into a batch, the same way for the CLI, the extension and the calendar.
import { executionNameOf } from '../core/batchProgress';
import type { SkippedDay } from '../core/batchConfirmation';
import { batchDays, datesOfExecutionName } from '../core/batchView';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import type { DateReadiness } from '../core/preflight';
import { stackHealth } from '../core/stackHealth';
import { buildWorkflowInput, launchCandidates, type WorkflowInput } from '../core/workflowInput';
import type { Batches } from './batches';
import { launchPricing } from './launchPrices';
import { logLanguage, type LauncherDeps } from './launcher';
import { checkDates } from './preflight';
import { isLive } from './runs';
import type { CloudFormationStacks } from './stacks';

export type PlanDeps = Pick<LauncherDeps, 'config' | 'storage'> & {
  runs: Pick<LauncherDeps['runs'], 'list'>;
  batches: Pick<Batches, 'list' | 'describe'>;
  /** The deployed stack, checked before anything is planned (see stackGate). */
  stacks?: Pick<CloudFormationStacks, 'describe'>;
};

interface BatchPlan {
  /** The dates to start, in the order given, each once. */
  dates: string[];
  skipped: SkippedDay[];
  /** The pre-flight of every date asked for (empty with force). */
  readiness: DateReadiness[];
}

/**
 * The days of the running batches that are not over, by date (read from AWS: another window's batch counts).
 * Only batches whose range (from their name) meets the dates are described; a name not ours is read to be sure.
 */
async function busyDays(batches: PlanDeps['batches'], dates: readonly string[]): Promise<ReturnType<typeof batchDays>> {
  const sorted = [...dates].sort();
  const first = sorted[0] ?? '';
  const last = sorted[sorted.length - 1] ?? '';
  const running = (await batches.list({ status: 'RUNNING' })).filter((b) => {
    const named = datesOfExecutionName(b.name);
    return !named || (named.from <= last && named.to >= first);
  });
  return batchDays(await Promise.all(running.map((b) => batches.describe(b.executionArn))));
}

/**
 * A batch runs the deployed state machine, so a stack deployed by another version (its TemplateVersion output is
 * not the hash of the template this version would deploy for this .env: a different workflow definition, input
 * shape or machine policy) or one CloudFormation is still changing would start executions that fail on their
 * first state, each one a paid attempt at nothing. Refused here, before any confirmation, naming the fix.
 * STATE_MACHINE_ARN pointing elsewhere than the stack is the operator's own workflow: not ours to judge.
 */
async function stackGate(deps: PlanDeps): Promise<void> {
  if (!deps.stacks) return;
  const { config } = deps;
  // Unreadable (no cloudformation:DescribeStacks beside a STATE_MACHINE_ARN): the gate is a courtesy; without
  // STATE_MACHINE_ARN the same read fails again, with its own message, when the workflow is resolved.
  const deployed = await deps.stacks.describe(config.stackName).catch(() => undefined);
  if (!deployed) return;
  if (config.stateMachineArn && deployed.outputs.StateMachineArn !== config.stateMachineArn) return;
  const health = stackHealth(deployed, config.stackName, config);
  switch (health.kind) {
    case 'outdated':
    case 'updateRolledBack':
      throw new UserError(t('batchLaunch.stackOutdated', { stack: config.stackName }));
    case 'busy':
      throw new UserError(t('batchLaunch.stackBusy', { stack: config.stackName, status: health.status }));
    // Test Connection's own words for a stack only deleting or finishing a rollback gets out of.
    case 'createFailed':
      throw new UserError(t('stack.createFailed', { stack: config.stackName, status: health.status }));
    case 'rollbackFailed':
      throw new UserError(t('stack.rollbackFailed', { stack: config.stackName }));
    case 'deleteFailed':
      throw new UserError(t('stack.deleteFailed', { stack: config.stackName }));
    case 'missing':
    case 'unverified':
    case 'upToDate':
      return;
  }
}

/**
 * Which of the dates a batch should start: never a date that has a live machine of ours or that a running batch
 * still holds (a second machine for the same day overwrites the first one's results), even with force; and,
 * unless force, only dates whose inputs the pre-flight finds ready.
 *
 * Best effort for the last few seconds: ListExecutions and DescribeInstances are eventually consistent (Step
 * Functions API reference, ListExecutions: "results are best effort and may not reflect very recent updates"),
 * so a batch or a machine started an instant ago elsewhere may not be seen yet. The sandbox answers at once.
 */
export async function planBatch(
  deps: PlanDeps,
  dates: readonly string[],
  options: { force?: boolean } = {},
): Promise<BatchPlan> {
  const wanted = [...new Set(dates)];
  const [, readiness, runs, busy] = await Promise.all([
    stackGate(deps),
    options.force ? Promise.resolve([]) : checkDates(deps.storage, deps.config, wanted),
    deps.runs.list(),
    busyDays(deps.batches, wanted),
  ]);
  const ready = new Map(readiness.map((r) => [r.date, r]));
  const plan: BatchPlan = { dates: [], skipped: [], readiness };
  for (const date of wanted) {
    const live = runs.find((r) => r.date === date && isLive(r));
    const inBatch = busy.get(date);
    const r = ready.get(date);
    const reason = live
      ? t('batchLaunch.skip.liveRun', { instanceId: live.instanceId, state: live.state })
      : inBatch
        ? t('batchLaunch.skip.inBatch', {
            state: t(`batches.state.${inBatch.state}` as const),
            name: executionNameOf(inBatch.executionArn),
          })
        : r && !r.ready
          ? t('batchLaunch.skip.notReady', { problems: r.problems.map((p) => p.message).join(' ') })
          : undefined;
    if (reason) plan.skipped.push({ date, reason });
    else plan.dates.push(date);
  }
  return plan;
}

type BatchStartDeps = Pick<
  LauncherDeps,
  'config' | 'agentBundle' | 'runtime' | 'logLanguage' | 'extraTags' | 'exeTimeoutSeconds' | 'prices'
> & {
  batches: Batches;
};

interface BatchStartOptions {
  maxParallel: number;
  debug?: boolean;
  now?: Date;
  /** Told the execution input just before StartExecution: the CLI sums the launch up from it on stderr. */
  onInput?: (input: WorkflowInput) => void;
}

export async function startBatch(
  deps: BatchStartDeps,
  dates: readonly string[],
  options: BatchStartOptions,
): Promise<{ executionArn: string; name: string }> {
  const { config } = deps;
  const pricing = launchPricing(deps.prices, {
    region: config.region,
    candidates: launchCandidates(config.instanceType, config.market),
    ...(config.subnetId ? { subnetId: config.subnetId } : {}),
    ...(config.rootVolumeGb !== undefined ? { rootVolumeGb: config.rootVolumeGb } : {}),
  });
  const bundle = await deps.agentBundle();
  await deps.runtime?.();
  const runPricing = await pricing;
  const input = buildWorkflowInput(deps.config, {
    dates: [...dates],
    maxParallel: options.maxParallel,
    agentSha256: bundle.sha256,
    agentVersion: bundle.version,
    language: deps.logLanguage ?? logLanguage(),
    ...(options.debug !== undefined ? { debug: options.debug } : {}),
    ...(deps.extraTags ? { extraTags: deps.extraTags } : {}),
    ...(deps.exeTimeoutSeconds !== undefined ? { exeTimeoutSeconds: deps.exeTimeoutSeconds } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(runPricing ? { pricing: runPricing } : {}),
  });
  options.onInput?.(input);
  return deps.batches.start(input, options.now ? { now: options.now } : {});
}
