// What `adatrap-miner setup` and the extension's "Set Up AWS Account" both do: deploy (create or update) the
// STACK_NAME stack for this configuration, creating the log group and general stream only when they do not
// exist outside the stack (an update keeps what the creation decided), and the `.env` lines its outputs fill in.
import type { AdatrapConfig } from '../core/config';
import {
  MANAGES_LOG_GROUP_OUTPUT,
  MANAGES_LOG_STREAM_OUTPUT,
  STACK_OUTPUTS,
  stackTemplate,
  type StackOptions,
} from '../core/stackTemplate';
import type { Logs } from './logs';
import type { CloudFormationStacks, DeployAction, StackEvent, StackState } from './stacks';

interface SetupResult {
  action: DeployAction;
  state: StackState;
  /** The `.env` keys the stack's outputs fill in, with their values, in the order of STACK_OUTPUTS. */
  envValues: [key: string, value: string][];
}

/** Whether the log group and the general stream exist outside the stack (then the stack must not create them). */
async function existingLogs(logs: Logs, config: AdatrapConfig): Promise<{ group: boolean; stream: boolean }> {
  try {
    return { group: true, stream: await logs.streamExists(config.logGroup, config.generalLogStream) };
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return { group: false, stream: false };
    throw e;
  }
}

export async function deployAdatrapStack(
  stacks: CloudFormationStacks,
  logs: Logs,
  config: AdatrapConfig,
  options: { onEvent?: (e: StackEvent) => void; onStart?: (update: boolean) => void; pollMs?: number } = {},
): Promise<SetupResult> {
  const stackName = config.stackName;
  const current = await stacks.describe(stackName);
  const found = await existingLogs(logs, config);
  const stackOptions: StackOptions = {
    stackName,
    createLogGroup: current?.outputs[MANAGES_LOG_GROUP_OUTPUT] === 'true' || !found.group,
    createLogStream: current?.outputs[MANAGES_LOG_STREAM_OUTPUT] === 'true' || !found.stream,
  };
  const template = stackTemplate(config, stackOptions);
  options.onStart?.(current !== undefined);
  const { action, state } = await stacks.deploy(stackName, JSON.stringify(template), {
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  });
  return { action, state, envValues: envValuesFor(state.outputs) };
}

function envValuesFor(outputs: Record<string, string>): [string, string][] {
  return Object.entries(STACK_OUTPUTS)
    .filter(([output]) => outputs[output] !== undefined)
    .map(([output, key]) => [key, outputs[output] as string]);
}

/** `KEY=value` lines, as `setup` prints them. */
export function envLinesFor(outputs: Record<string, string>): string[] {
  return envValuesFor(outputs).map(([key, value]) => `${key}=${value}`);
}
