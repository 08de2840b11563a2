// The launcher's dependencies for the extension: the same UI-agnostic launcher and deps as the CLI
// (src/aws/launcherDeps.ts), with the agent bundle that ships inside the .vsix (dist/agent.js beside
// dist/extension.js).
import * as vscode from 'vscode';
import type { LauncherDeps } from '../aws/launcher';
import { launcherDeps as sharedLauncherDeps } from '../aws/launcherDeps';
import type { AwsSession } from './awsSession';

export function launcherDeps(session: AwsSession, extensionVersion: string): LauncherDeps {
  return sharedLauncherDeps({
    config: session.config,
    clients: session.clients,
    storage: session.storage,
    logs: session.logs,
    version: extensionVersion,
    prices: session.prices,
  });
}

export function extensionVersion(context: vscode.ExtensionContext): string {
  return String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
}
