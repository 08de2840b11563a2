// What Test Connection says about the deployed CloudFormation stack: missing, broken (a state CloudFormation
// only gets out of by deleting it or continuing its rollback), busy, outdated (its TemplateVersion output is not
// the hash of the template this version would deploy for this .env), or up to date. Stack statuses and what
// each allows: CloudFormation API Reference, "Stack" (StackStatus) and "ContinueUpdateRollback" / "RollbackStack".
import type { RunConfigSource } from './agentRunConfig';
import {
  MANAGES_LOG_GROUP_OUTPUT,
  MANAGES_LOG_STREAM_OUTPUT,
  TEMPLATE_VERSION_OUTPUT,
  stackTemplate,
  versionOf,
} from './stackTemplate';

export interface DeployedStack {
  status: string;
  outputs: Record<string, string>;
}

export type StackHealth =
  | { kind: 'missing' }
  /** CREATE_FAILED / ROLLBACK_*: a creation that failed; only deleting the stack helps. */
  | { kind: 'createFailed'; status: string }
  /** UPDATE_ROLLBACK_FAILED: ContinueUpdateRollback first, then setup again. */
  | { kind: 'rollbackFailed'; status: string }
  /** DELETE_FAILED: delete again (the resource that blocked it is named in the stack events). */
  | { kind: 'deleteFailed'; status: string }
  /** UPDATE_ROLLBACK_COMPLETE: the stack works with its previous template; the last update did not apply. */
  | { kind: 'updateRolledBack'; status: string; deployed?: string; expected?: string }
  | { kind: 'busy'; status: string }
  | { kind: 'outdated'; status: string; deployed?: string; expected: string }
  | { kind: 'upToDate'; status: string; version: string }
  /** Working, but the .env is not complete enough to build the template this version would deploy. */
  | { kind: 'unverified'; status: string; deployed?: string };

/** The TemplateVersion this version's setup would deploy over this stack (it keeps the stack's log choices). */
export function expectedVersion(config: RunConfigSource, stackName: string, deployed: DeployedStack): string {
  return versionOf(
    stackTemplate(config, {
      stackName,
      createLogGroup: deployed.outputs[MANAGES_LOG_GROUP_OUTPUT] === 'true',
      createLogStream: deployed.outputs[MANAGES_LOG_STREAM_OUTPUT] === 'true',
    }),
  );
}

export function stackHealth(
  stack: DeployedStack | undefined,
  stackName: string,
  config: RunConfigSource | undefined,
): StackHealth {
  if (!stack || stack.status === 'DELETE_COMPLETE') return { kind: 'missing' };
  const status = stack.status;
  if (status === 'CREATE_FAILED' || status.startsWith('ROLLBACK_')) return { kind: 'createFailed', status };
  if (status === 'UPDATE_ROLLBACK_FAILED') return { kind: 'rollbackFailed', status };
  if (status === 'DELETE_FAILED') return { kind: 'deleteFailed', status };
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'busy', status };
  const deployed = stack.outputs[TEMPLATE_VERSION_OUTPUT];
  const expected = config ? expectedVersion(config, stackName, stack) : undefined;
  if (status === 'UPDATE_ROLLBACK_COMPLETE')
    return { kind: 'updateRolledBack', status, ...(deployed ? { deployed } : {}), ...(expected ? { expected } : {}) };
  if (!expected) return { kind: 'unverified', status, ...(deployed ? { deployed } : {}) };
  if (deployed !== expected) return { kind: 'outdated', status, ...(deployed ? { deployed } : {}), expected };
  return { kind: 'upToDate', status, version: deployed };
}
