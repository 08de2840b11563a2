// The launcher's dependencies for the extension: the same UI-agnostic launcher as the CLI, with the agent
// bundle that ships inside the .vsix (dist/agent.js beside dist/extension.js).
import * as vscode from 'vscode';
import { ensureAgentBundle } from '../aws/agentBundle';
import { ensureNodeRuntime } from '../aws/runtimeUpload';
import { once } from '../core/once';
import { deadlineSchedules } from '../aws/deadlines';
import { resolveAmiId } from '../aws/amiResolver';
import { Ec2Images } from '../aws/images';
import type { LauncherDeps } from '../aws/launcher';
import { Ec2Runs } from '../aws/runs';
import type { AwsSession } from './awsSession';

export function launcherDeps(session: AwsSession, extensionVersion: string): LauncherDeps {
  return {
    config: session.config,
    storage: session.storage,
    runs: new Ec2Runs(session.clients.ec2),
    logs: session.logs,
    agentBundle: async () => {
      const bundle = await ensureAgentBundle(session.storage, session.config.executablesBucket);
      return { sha256: bundle.sha256, version: extensionVersion };
    },
    // Once per launch batch: a range of dates asks the bucket once, and downloads/uploads at most once.
    runtime: once(() => ensureNodeRuntime(session.storage, session.config.executablesBucket)),
    deadlines: deadlineSchedules(session.config, session.clients),
    images: new Ec2Images(session.clients.ec2),
    resolveAmi: (amiId) => resolveAmiId(() => session.clients.ssm, amiId),
  };
}

export function extensionVersion(context: vscode.ExtensionContext): string {
  return String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
}
