// create-ec2-instance's batch path: ONE Step Functions execution for the dates (the workflow launches one machine
// per day, at most --max-parallel at once, retries interrupted days). The CLI returns with the execution ARN;
// `--wait` follows it (followBatch) until it ends. Nothing here keeps AWS state alive: killing the CLI leaves
// the execution running in AWS, where show-batch / stop-batch find it.
import { eachDate, type DateRange } from '../core/dates';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { batchConfirmation, chosenInputLines, nothingLeftMessage } from '../core/batchConfirmation';
import { isFinalExecution, type DayProgress } from '../core/batchProgress';
import { planBatch, startBatch as startWorkflow } from '../aws/batchStart';
import type { LauncherDeps } from '../aws/launcher';
import { launcherDeps } from '../aws/launcherDeps';
import type { BatchDetail, Batches } from '../aws/batches';
import { CloudFormationStacks } from '../aws/stacks';
import { costFromManifest } from '../aws/runCosts';
import { formatUsd, runCostText } from '../core/costEstimate';
import type { AwsContext } from './awsContext';
import { dayLine } from './batchText';
import { version as packageVersion } from '../../package.json';

interface BatchLaunchOptions {
  maxParallel: number;
  force: boolean;
  debug: boolean;
}

/**
 * The launcher's deps for a CLI command (src/aws/launcherDeps.ts, the same as the extension's): the CLI's version
 * for the agent, node.exe upload progress on stderr.
 */
export function cliLauncherDeps(aws: AwsContext): LauncherDeps {
  return launcherDeps({
    config: aws.config,
    clients: aws.clients,
    storage: aws.storage,
    logs: aws.logs,
    runs: aws.runs,
    // The estimate printed before the launch filled this cache: the launch prices its candidates from it.
    prices: aws.prices,
    version: packageVersion,
    onUpload: (message) => process.stderr.write(`${message}\n`),
  });
}

/**
 * planBatch (src/aws/batchStart.ts, as the extension does): the dates with a live machine or in a running batch
 * are left out, and those the pre-flight finds not ready unless --force; each one left out is a line on stderr,
 * and nothing left is an error. Then startBatch (agent bundle, runtime, StartExecution), summed up on stderr.
 */
export async function startBatch(
  aws: AwsContext,
  range: DateRange,
  options: BatchLaunchOptions,
): Promise<{ executionArn: string; name: string }> {
  const deps = {
    ...cliLauncherDeps(aws),
    batches: aws.batches,
    stacks: new CloudFormationStacks(aws.clients.cloudFormation),
  };
  const plan = await planBatch(deps, eachDate(range), { force: options.force });
  for (const s of plan.skipped) process.stderr.write(`${t('cli.launch.skipped', { ...s })}\n`);
  if (plan.dates.length === 0) throw new UserError(nothingLeftMessage(plan.skipped));
  return startWorkflow(deps, plan.dates, {
    maxParallel: options.maxParallel,
    debug: options.debug,
    onInput: (input) => {
      // The days left out are the lines above, each with its reason.
      const lines = [...batchConfirmation(input, []), ...chosenInputLines(plan.readiness, plan.dates)];
      for (const line of lines) process.stderr.write(`${line}\n`);
    },
  });
}

interface FollowOptions {
  pollMs: number;
  signal?: AbortSignal;
  onDay?: (day: DayProgress) => void;
}

/**
 * Polls the execution until it ends, reporting each day whose state changed. Resolves with the final detail,
 * or with the last one seen when the signal aborts (the batch goes on in AWS).
 */
async function followBatch(batches: Batches, executionArn: string, options: FollowOptions): Promise<BatchDetail> {
  const seen = new Map<string, string>();
  for (;;) {
    const detail = await batches.describe(executionArn);
    for (const day of detail.days) {
      const key = `${day.state}/${day.attempts}/${day.instanceId ?? ''}`;
      if (seen.get(day.date) === key) continue;
      seen.set(day.date, key);
      options.onDay?.(day);
    }
    if (isFinalExecution(detail.status) || options.signal?.aborted) return detail;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.pollMs);
      function done(): void {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', done);
        resolve();
      }
      options.signal?.addEventListener('abort', done, { once: true });
    });
    if (options.signal?.aborted) return detail;
  }
}

/** `--wait`: progress lines per day on stderr; Ctrl-C stops following only; the exit code is the batch's. */
export async function waitForBatch(aws: AwsContext, executionArn: string): Promise<void> {
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  let detail: BatchDetail;
  try {
    detail = await followBatch(aws.batches, executionArn, {
      pollMs: Number(process.env.ADATRAP_BATCH_POLL_MS) || 10_000,
      signal: abort.signal,
      onDay: (day) => process.stderr.write(`${dayLine(day)}\n`),
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (abort.signal.aborted) throw new UserError(t('batches.wait.detached', { arn: executionArn }));
  const s = detail.summary;
  process.stderr.write(
    `${t('batches.wait.ended', { status: detail.status, succeeded: s.counts.succeeded, total: s.total })}\n`,
  );
  for (const line of await outputCostLines(aws, detail)) process.stderr.write(`${line}\n`);
  if (!s.ok) {
    const bad = detail.days.filter((d) => d.state !== 'succeeded').map((d) => d.date);
    throw new UserError(t('batches.wait.notAllSucceeded', { count: bad.length, dates: bad.join(', ') }), 1);
  }
}

/**
 * Each succeeded day's output and what it cost, from the D.manifest.json its agent wrote (launch price x launch
 * to manifest, with the root volume), then the total. A manifest that cannot be read or holds no cost says so for
 * that day; it never changes the exit code.
 */
async function outputCostLines(aws: AwsContext, detail: BatchDetail): Promise<string[]> {
  const bucket = aws.config.outputBucket;
  const days = detail.days.filter((d) => d.state === 'succeeded');
  const costs = await Promise.all(
    days.map(async (d) => {
      const text = await aws.storage
        .getBytes(bucket, `${d.date}.manifest.json`)
        .then((b) => b.toString('utf8'))
        .catch(() => '');
      return costFromManifest(text);
    }),
  );
  if (days.length === 0) return [];
  const lines = days.map((d, i) => {
    const cost = costs[i];
    return t('batches.wait.dayCost', {
      date: d.date,
      output: `s3://${bucket}/${d.date}.zip`,
      cost: cost ? runCostText(cost) : t('batches.wait.noCost'),
    });
  });
  const priced = costs.filter((c) => c !== undefined);
  lines.push(
    t('batches.wait.totalCost', {
      usd: formatUsd(priced.reduce((sum, c) => sum + c.usd, 0)),
      priced: priced.length,
      total: days.length,
    }),
  );
  return lines;
}
