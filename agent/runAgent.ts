// One run from start to end (SYSTEM.md steps 1 and 7 around processDay): announce, process, then whatever
// happened, record the outcome on both streams and in the `adatrap:status` tag and end the machine. Each
// cleanup step has its own timeout and its own catch, so no failure of logging or tagging can keep a paid
// machine alive.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Storage } from '../src/aws/storage';
import type { AgentRunConfig } from '../src/core/agentRunConfig';
import { tIn } from '../src/core/i18n';
import { formatLogLine } from '../src/core/logFormat';
import { InstanceControl, shutdownWindows, statusTagValue } from './instanceControl';
import type { DiskSpace } from './daySteps';
import { processDay, type DayResult } from './processDay';
import { Reasons, awsErrorDetail } from './runFailure';
import { RunLog, withTimeout } from './runLog';
import { failureError, type InterruptionNotice, type InterruptionWatch, type WorkflowTask } from './workflowTask';

interface AgentRun {
  config: AgentRunConfig;
  workDir: string;
  storage: Storage;
  logs: CloudWatchLogsClient;
  ec2: EC2Client;
  /** Known on EC2 and in the sandbox; absent when someone runs the pipeline on a workstation. */
  instanceId?: string;
  /** Stream name when there is no instance (a workstation run). */
  fallbackStream: string;
  executableCommand?: string[];
  exeEnv?: NodeJS.ProcessEnv;
  /** The work folder's disk, when something other than statfs knows it (the sandbox's emulated volume). */
  disk?: () => Promise<DiskSpace>;
  echo?: (line: string) => void;
  /** A workflow launch: the task token's heartbeats and final report (agent/workflowTask.ts). */
  task?: WorkflowTask;
  /** Spot machines: the interruption notice ends the day as interrupted (retried by the workflow). */
  interruption?: InterruptionWatch;
}

export interface AgentOutcome {
  ok: boolean;
  interrupted?: boolean;
  reason?: string;
  status: string;
  result?: DayResult;
}

const CLEANUP_TIMEOUT_MS = 30_000;

export async function runAgent(run: AgentRun): Promise<AgentOutcome> {
  const { config } = run;
  const lang = config.language;
  const reasons = new Reasons(lang);
  const echo = run.echo ?? ((line: string) => process.stdout.write(`${line}\n`));
  const label = run.instanceId ?? run.fallbackStream;
  const log = new RunLog({
    logs: run.logs,
    group: config.logGroup,
    instanceStream: label,
    generalStream: config.generalLogStream,
    language: lang,
    echo,
  });
  const started = Date.now();
  let outcome: AgentOutcome;
  try {
    await log.open();
    const startKey = config.debug ? 'agent.startedDebug' : 'agent.started';
    log.info(
      tIn(lang, startKey, {
        date: config.date,
        instance: label,
        agentVersion: config.agentVersion,
        exeVersion: config.executableVersion,
      }),
      'both',
    );
    if (run.instanceId) await reportTerminatePermission(new InstanceControl(run.instanceId, run.ec2), log, lang);
    run.task?.start();
    run.interruption?.start();
    const day = processDay({
      config,
      workDir: run.workDir,
      storage: run.storage,
      log,
      reasons,
      instanceLabel: label,
      executableCommand: run.executableCommand,
      exeEnv: run.exeEnv,
      ...(run.disk ? { disk: run.disk } : {}),
    });
    // The notice leaves about two minutes: report now, while the machine still runs; the day is abandoned.
    const notice = run.interruption
      ? run.interruption.notice.then((n) => ({ interrupted: n }))
      : new Promise<{ interrupted: InterruptionNotice }>(() => undefined);
    day.catch(() => undefined);
    const first = await Promise.race([day.then((result) => ({ result })), notice]);
    if ('interrupted' in first) {
      const reason = tIn(lang, 'orch.agent.interrupted', { time: first.interrupted.time });
      outcome = { ok: false, interrupted: true, reason, status: statusTagValue({ ok: false, reason }) };
    } else outcome = { ok: true, status: statusTagValue({ ok: true }), result: first.result };
  } catch (e) {
    const reason = reasons.of(e);
    outcome = { ok: false, reason, status: statusTagValue({ ok: false, reason }) };
  }

  run.interruption?.stop();
  if (run.task) await withTimeout(reportToWorkflow(run.task, outcome, config.date, run.instanceId), CLEANUP_TIMEOUT_MS);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  try {
    if (outcome.ok) log.info(tIn(lang, 'agent.succeeded', { date: config.date, instance: label, seconds }), 'both');
    else
      log.error(
        tIn(lang, 'agent.failed', { date: config.date, instance: label, reason: outcome.reason ?? '' }),
        'both',
      );
    if (run.instanceId) log.info(tIn(lang, 'agent.terminating', { instance: run.instanceId }), 'both');
    else log.info(tIn(lang, 'agent.noInstanceToTerminate'));
  } catch (e) {
    echo(formatLogLine('ERROR', awsErrorDetail(e), new Date()));
  }
  await withTimeout(log.close(), CLEANUP_TIMEOUT_MS);
  if (run.instanceId) await endInstance(new InstanceControl(run.instanceId, run.ec2), outcome.status, lang, echo);
  return outcome;
}

/** The day's result for the workflow: small (the batch's output holds one per day), no secret. */
async function reportToWorkflow(task: WorkflowTask, outcome: AgentOutcome, date: string, instanceId?: string) {
  if (!outcome.ok) return task.fail(failureError(outcome.interrupted === true), outcome.reason ?? outcome.status);
  const manifest = outcome.result?.manifest;
  const published = outcome.result?.published;
  return task.succeed({
    date,
    status: outcome.status,
    ...(instanceId ? { instanceId } : {}),
    ...(published ? { zipKey: published.zipKey, manifestKey: published.manifestKey } : {}),
    ...(manifest ? { startedAt: manifest.startedAt, finishedAt: manifest.finishedAt } : {}),
  });
}

/** A policy that cannot end the machine is said at once, on both streams; the run goes on (the deadline ends it). */
async function reportTerminatePermission(instance: InstanceControl, log: RunLog, lang: AgentRunConfig['language']) {
  await withTimeout(
    instance.checkTerminatePermission().then((check) => {
      if (check.allowed) return;
      const key = check.denied ? 'machine.terminateDenied' : 'machine.terminateCheckFailed';
      log.error(tIn(lang, key, { instance: instance.instanceId, detail: check.detail }), 'both');
    }),
    CLEANUP_TIMEOUT_MS,
  );
}

async function endInstance(
  instance: InstanceControl,
  status: string,
  lang: AgentRunConfig['language'],
  echo: (line: string) => void,
): Promise<void> {
  await withTimeout(
    instance.tagStatus(status).catch((e: unknown) => {
      echo(
        formatLogLine(
          'ERROR',
          tIn(lang, 'agent.tagFailed', { instance: instance.instanceId, reason: awsErrorDetail(e) }),
          new Date(),
        ),
      );
    }),
    CLEANUP_TIMEOUT_MS,
  );
  let terminated = false;
  await withTimeout(
    instance.terminate().then(
      () => {
        terminated = true;
      },
      (e: unknown) => {
        echo(
          formatLogLine(
            'ERROR',
            tIn(lang, 'agent.terminateFailed', { instance: instance.instanceId, reason: awsErrorDetail(e) }),
            new Date(),
          ),
        );
      },
    ),
    CLEANUP_TIMEOUT_MS,
  );
  if (!terminated) shutdownWindows();
}
