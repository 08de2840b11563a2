// `execute-adatrap DATE [-d]`, shared by the agent bundle (on the machine, configured by the user data through
// ADATRAP_RUN_CONFIG) and the adatrap-miner CLI (on a workstation, configured by .env). Only a run started by
// the user data knows it owns its machine, so only that one tags and terminates an instance.
import { hostname } from 'node:os';
import { Command } from 'commander';
import { createClients, type ClientSettings } from '../src/aws/clients';
import { S3Storage } from '../src/aws/storage';
import { decodeRunConfig, type AgentRunConfig } from '../src/core/agentRunConfig';
import { parseIsoDate } from '../src/core/dates';
import { InputError, UserError } from '../src/core/errors';
import { setLanguage, t } from '../src/core/i18n';
import { resolveInstanceId } from './instanceControl';
import type { DiskSpace } from './daySteps';
import { runAgent, type AgentOutcome } from './runAgent';
import { splitCommand } from './runExecutable';
import { InterruptionWatch, WorkflowTask } from './workflowTask';

interface ExecuteOptions {
  debug?: boolean;
}

interface LocalRun {
  config: AgentRunConfig;
  /** The workstation's own credentials (from .env or a profile); a machine uses its instance profile. */
  client: ClientSettings;
}

/**
 * The run failed and the agent reported it (status tag, both streams). The agent bundle exits with
 * AGENT_EXIT.runFailedReported for it, so the user data keeps the agent's reason; the CLI exits 1 as for any failure.
 */
export class ReportedRunFailure extends UserError {}

/** Builds the run when ADATRAP_RUN_CONFIG is absent (the CLI reads .env); the agent has no fallback. */
type LocalConfigSource = (cmd: Command, date: string, debug: boolean) => Promise<LocalRun>;

export function registerExecuteAdatrap(program: Command, localConfig?: LocalConfigSource): Command {
  return program
    .command('execute-adatrap')
    .description(t('agent.cmd.executeAdatrap'))
    .argument('<date>', t('agent.cmd.date'))
    .option('-d, --debug', t('agent.cmd.debug'))
    .action(async (dateText: string, options: ExecuteOptions, cmd: Command) => {
      const date = parseIsoDate(dateText);
      const debug = options.debug === true;
      const fromUserData = process.env.ADATRAP_RUN_CONFIG;
      let config: AgentRunConfig;
      let client: ClientSettings | undefined;
      if (fromUserData) config = decodeRunConfig(fromUserData);
      else if (localConfig) ({ config, client } = await localConfig(cmd, date, debug));
      else throw new InputError(t('agent.config.missing'));
      if (config.date !== date) throw new InputError(t('agent.config.dateMismatch', { configured: config.date, date }));
      if (debug) config = { ...config, debug: true };
      // The user data records when the machine's own shutdown timer fires (workflow launches know no clock time
      // before the machine boots); that moment, not the launcher's estimate, is the deadline.
      const machineDeadline = fromUserData ? process.env.ADATRAP_DEADLINE : undefined;
      if (machineDeadline && !Number.isNaN(Date.parse(machineDeadline)))
        config = { ...config, deadline: new Date(machineDeadline).toISOString() };
      const outcome = await executeRun(config, fromUserData !== undefined, client ?? { region: config.region });
      if (!outcome.ok)
        throw new ReportedRunFailure(t('agent.cmd.failed', { reason: outcome.reason ?? outcome.status }));
      process.stdout.write(`${t('agent.cmd.localDone', { outcome: outcome.status })}\n`);
    });
}

/**
 * `free/total` bytes: the root volume a sandbox machine emulates (src/sandbox/agentLauncher.ts). A real machine
 * never has it and measures its disk with statfs.
 */
function sandboxDisk(value: string | undefined): { disk?: () => Promise<DiskSpace> } {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!m) return {};
  const space = { free: Number(m[1]), total: Number(m[2]) };
  return { disk: () => Promise.resolve(space) };
}

async function executeRun(config: AgentRunConfig, ownsMachine: boolean, client: ClientSettings): Promise<AgentOutcome> {
  setLanguage(config.language);
  const clients = createClients(client);
  try {
    const instanceId = ownsMachine || process.env.ADATRAP_INSTANCE_ID ? await resolveInstanceId() : undefined;
    const command = process.env.ADATRAP_EXECUTABLE_COMMAND?.trim();
    // Only a machine started by a batch execution has a task token; it also watches for Spot interruption.
    const token = ownsMachine ? process.env.ADATRAP_TASK_TOKEN?.trim() : undefined;
    const heartbeatMs =
      Number(process.env.ADATRAP_HEARTBEAT_MS) > 0 ? Number(process.env.ADATRAP_HEARTBEAT_MS) : undefined;
    const task = token ? new WorkflowTask(clients.sfn, token, heartbeatMs) : undefined;
    const interruption = token && instanceId ? new InterruptionWatch() : undefined;
    return await runAgent({
      task,
      interruption,
      config,
      workDir: process.env.ADATRAP_WORK_DIR || process.cwd(),
      storage: new S3Storage(clients.s3),
      logs: clients.logs,
      ec2: clients.ec2,
      instanceId,
      fallbackStream: `execute-adatrap-${hostname()}`,
      executableCommand: command ? splitCommand(command) : undefined,
      ...sandboxDisk(process.env.ADATRAP_SANDBOX_DISK),
    });
  } finally {
    clients.destroy();
  }
}
