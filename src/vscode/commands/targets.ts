// What a command acts on: the tree node it was invoked on, the log document in the editor, an id passed by
// another command or a test, or else the user's choice in a quick pick.
import * as vscode from 'vscode';
import { logStreamNameProblem } from '../../core/config';
import { isIsoDate } from '../../core/dates';
import { UserError } from '../../core/errors';
import { fromLogUri, LOG_SCHEME, type LogStreamRef } from '../logs/logUri';
import type { RunView } from '../runsModel';
import type { AdatrapServices } from '../services';
import { InputDateNode, OutputDateNode } from '../trees/dataTree';
import { LogStreamNode } from '../trees/logsTree';
import { RunNode } from '../trees/runsTree';

export interface StreamTarget {
  readonly group: string;
  readonly stream: string;
  /** The run whose stream it is, when known. */
  readonly run?: RunView;
}

function group(services: AdatrapServices): string {
  return services.config.aws().config.logGroup;
}

export async function resolveStream(services: AdatrapServices, arg: unknown): Promise<StreamTarget | undefined> {
  if (arg instanceof RunNode) return { group: group(services), stream: arg.streamName, run: arg.run };
  if (arg instanceof LogStreamNode)
    return { group: arg.group, stream: arg.streamName, run: services.runs.find(arg.streamName) };
  if (arg instanceof vscode.Uri && arg.scheme === LOG_SCHEME) {
    const ref: LogStreamRef = fromLogUri(arg);
    return { group: ref.group, stream: ref.stream, run: services.runs.find(ref.stream) };
  }
  if (typeof arg === 'string' && arg) {
    // Checked before any CloudWatch call: a name AWS would refuse gets our message, not its error.
    const problem = logStreamNameProblem(arg);
    if (problem) throw new UserError(problem);
    return { group: group(services), stream: arg, run: services.runs.find(arg) };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (arg === undefined && active?.scheme === LOG_SCHEME) return resolveStream(services, active);
  return pickStream(services);
}

async function pickStream(services: AdatrapServices): Promise<StreamTarget | undefined> {
  const { logGroup, generalLogStream } = services.config.aws().config;
  const logs = services.config.aws().logs;
  const items: (vscode.QuickPickItem & { stream: string })[] = [
    { label: generalLogStream, description: vscode.l10n.t('general'), stream: generalLogStream },
  ];
  const loadStreams = async (): Promise<void> => {
    for await (const info of logs.listStreams(logGroup)) {
      if (info.name === generalLogStream) continue;
      const run = services.runs.find(info.name);
      items.push({ label: info.name, description: run?.date, stream: info.name });
      if (items.length >= 200) break;
    }
  };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing log streams…') },
    loadStreams,
  );
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Log stream of {0}', logGroup),
    matchOnDescription: true,
  });
  return picked ? { group: logGroup, stream: picked.stream, run: services.runs.find(picked.stream) } : undefined;
}

export async function resolveRun(
  services: AdatrapServices,
  arg: unknown,
  filter: (run: RunView) => boolean,
  placeHolder: string,
): Promise<RunView | undefined> {
  if (arg instanceof RunNode) return arg.run;
  if (typeof arg === 'string' && arg) {
    await services.trees.refreshRuns();
    const run = services.runs.find(arg);
    if (!run) throw new UserError(vscode.l10n.t('No run with instance id {0} in this account and region.', arg));
    return run;
  }
  await services.trees.refreshRuns();
  if (services.runs.error) throw new UserError(services.runs.error);
  const candidates = services.runs.runs.filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run to choose from.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((run) => ({
      label: run.date ?? run.instanceId,
      description: `${run.instanceId} · ${run.state}${run.status ? ` · ${run.status}` : ''}`,
      run,
    })),
    { placeHolder },
  );
  return picked?.run;
}

/** The date a Data-view node stands for, to pre-fill date inputs. */
export function dateOf(arg: unknown): string | undefined {
  const date =
    arg instanceof InputDateNode || arg instanceof OutputDateNode
      ? arg.date
      : arg instanceof RunNode
        ? arg.run.date
        : typeof arg === 'string'
          ? arg.slice(0, 10)
          : undefined;
  // It ends up in S3 keys and file names: only a real calendar date, never "2020-06-29/../..".
  return date !== undefined && isIsoDate(date) ? date : undefined;
}
