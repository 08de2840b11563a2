// Starting a batch = one Step Functions execution with the days (the workflow launches, watches and retries each
// machine; src/core/workflowDefinition.ts). What a launch needs before that is the same as a direct launch: the
// agent bundle and the pinned node.exe in EXECUTABLES_BUCKET (the launcher's deps), then the execution input the
// core builds (src/core/workflowInput.ts, which validates --max-parallel and the size limits).
import { buildWorkflowInput } from '../core/workflowInput';
import type { Batches } from './batches';
import { logLanguage, type LauncherDeps } from './launcher';

export type BatchStartDeps = Pick<
  LauncherDeps,
  'config' | 'agentBundle' | 'runtime' | 'logLanguage' | 'extraTags' | 'exeTimeoutSeconds'
> & {
  batches: Batches;
};

export interface BatchStartOptions {
  maxParallel: number;
  debug?: boolean;
  now?: Date;
}

export async function startBatch(
  deps: BatchStartDeps,
  dates: readonly string[],
  options: BatchStartOptions,
): Promise<{ executionArn: string; name: string }> {
  const bundle = await deps.agentBundle();
  await deps.runtime?.();
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
  });
  return deps.batches.start(input, options.now ? { now: options.now } : {});
}
