// The Batches view's commands: Stop Batch (StopExecution and terminate its machines), Show Batch (a read-only
// document with its days and history), Open in AWS Console, and a day's machine shown in the Runs view.
import * as vscode from 'vscode';
import type { BatchDetail, StopResult } from '../../aws/batches';
import { UserError } from '../../core/errors';
import { executionConsoleUrl } from '../../core/batchView';
import { escapeControl } from '../../core/logFormat';
import { batchesOf, type BatchView } from '../batchesModel';
import { logQuietFailure } from '../notify';
import { formatTime } from '../format';
import type { AdatrapServices } from '../services';
import {
  BatchDayNode,
  BatchNode,
  batchLabel,
  batchStatusLabel,
  dayStateLabel,
  summaryText,
} from '../trees/batchesTree';
import type { CommandModule } from './commandModule';
import { COMMANDS } from './commandIds';

/** A batch from a view row, an execution ARN (other commands, tests), or a pick among the listed ones. */
async function resolveBatch(
  services: AdatrapServices,
  arg: unknown,
  filter: (batch: BatchView) => boolean,
  placeHolder: string,
): Promise<BatchView | undefined> {
  if (arg instanceof BatchNode) return arg.batch;
  if (arg instanceof BatchDayNode) arg = arg.executionArn;
  await services.trees.refreshBatches();
  if (typeof arg === 'string' && arg) {
    const found = services.batches.find(arg);
    if (found) return found;
    // Older than the listed ones: describe it directly (a wrong ARN is one message naming it).
    const detail = await services.batches.detail(arg);
    return { ...detail, detail };
  }
  if (services.batches.error) throw new UserError(services.batches.error);
  const candidates = services.batches.batches.filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No batch to choose from.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((batch) => ({
      label: batchLabel(batch),
      description: `${batchStatusLabel(batch.status)} · ${batch.name}`,
      batch,
    })),
    { placeHolder },
  );
  return picked?.batch;
}

/** Plain argument `{ executionArn, confirmed: true }` skips the modal (other commands, tests). */
function confirmedStop(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null || !('confirmed' in arg) || arg.confirmed !== true) return undefined;
  return 'executionArn' in arg && typeof arg.executionArn === 'string' ? arg.executionArn : undefined;
}

async function stopBatch(services: AdatrapServices, arg: unknown): Promise<StopResult | undefined> {
  const confirmedArn = confirmedStop(arg);
  const batch = await resolveBatch(
    services,
    confirmedArn ?? arg,
    (b) => b.status === 'RUNNING',
    vscode.l10n.t('Stop which batch?'),
  );
  if (!batch) return undefined;
  const batches = batchesOf(services.config.aws());
  const live = await batches.liveMachines(batch.executionArn);
  const confirm = vscode.l10n.t('Stop Batch');
  const answer =
    confirmedArn !== undefined
      ? confirm
      : await vscode.window.showWarningMessage(
          vscode.l10n.t('Stop the batch {0}?', batchLabel(batch)),
          {
            modal: true,
            detail:
              live.length === 0
                ? vscode.l10n.t(
                    'No day is launched after this. It has no machine alive now. Finished days keep their outputs.',
                  )
                : vscode.l10n.t(
                    'No day is launched after this, and its {0} machine(s) alive now are terminated ({1}): their work so far is lost. Finished days keep their outputs.',
                    live.length,
                    live.map((r) => `${r.date ?? '?'} ${r.instanceId}`).join(', '),
                  ),
          },
          confirm,
        );
  if (confirmedArn === undefined && answer !== confirm) return undefined;
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Stopping the batch {0}', batchLabel(batch)),
    },
    () => batches.stop(batch.executionArn),
  );
  await Promise.all([services.trees.refreshBatches(), services.trees.refreshRuns()]);
  const message = result.stopped
    ? vscode.l10n.t('Batch stopped; {0} machine(s) terminated.', result.terminated.length)
    : vscode.l10n.t('The batch had already ended; {0} machine(s) terminated.', result.terminated.length);
  void vscode.window.showInformationMessage(message);
  return result;
}

/** The batch as Markdown: its summary, one row per day, and where the console shows the full history. */
function batchDocument(detail: BatchDetail, label: string): string {
  const lines = [
    `# ${vscode.l10n.t('Batch {0}', label)}`,
    '',
    `- ${vscode.l10n.t('Execution')}: \`${detail.executionArn}\``,
    `- ${vscode.l10n.t('Status')}: ${batchStatusLabel(detail.status)}${detail.summary.total ? ` (${summaryText(detail)})` : ''}`,
  ];
  if (detail.startDate) lines.push(`- ${vscode.l10n.t('Started')}: ${formatTime(detail.startDate)}`);
  if (detail.stopDate) lines.push(`- ${vscode.l10n.t('Ended')}: ${formatTime(detail.stopDate)}`);
  if (detail.error)
    lines.push(`- ${vscode.l10n.t('Error')}: ${detail.error}${detail.cause ? `: ${detail.cause}` : ''}`);
  const url = executionConsoleUrl(detail.executionArn);
  if (url) lines.push(`- ${vscode.l10n.t('AWS console')}: ${url}`);
  lines.push(
    '',
    `| ${[vscode.l10n.t('Date'), vscode.l10n.t('State'), vscode.l10n.t('Tries'), vscode.l10n.t('Machine'), vscode.l10n.t('Started'), vscode.l10n.t('Ended'), vscode.l10n.t('Reason')].join(' | ')} |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  const cell = (text: string | undefined): string =>
    escapeControl(text ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n/g, ' ');
  for (const day of detail.days)
    lines.push(
      `| ${[
        day.date,
        dayStateLabel(day.state),
        String(day.attempts),
        day.instanceId,
        day.startedAt ? formatTime(day.startedAt) : '',
        day.endedAt ? formatTime(day.endedAt) : '',
        day.reason,
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  lines.push('');
  return lines.join('\n');
}

async function showBatch(services: AdatrapServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const batch = await resolveBatch(services, arg, () => true, vscode.l10n.t('Show which batch?'));
  if (!batch) return undefined;
  const detail =
    batch.status === 'RUNNING'
      ? await batchesOf(services.config.aws()).describe(batch.executionArn)
      : await services.batches.detail(batch.executionArn);
  const label = batchLabel({ ...batch, detail });
  return services.results.open(vscode.l10n.t('Batch {0}', batch.name), 'md', batchDocument(detail, label));
}

async function openBatchInConsole(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const batch = await resolveBatch(services, arg, () => true, vscode.l10n.t('Open which batch in the AWS console?'));
  if (!batch) return undefined;
  const url = executionConsoleUrl(batch.executionArn);
  if (!url) throw new UserError(vscode.l10n.t('{0} is not a Step Functions execution ARN.', batch.executionArn));
  if (services.config.aws().config.endpoints.default)
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'This batch runs on a custom endpoint (AWS_ENDPOINT_URL, e.g. the sandbox): the AWS console does not know it.',
      ),
    );
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** A day's machine in the Runs view (the day row's click). */
async function revealRun(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const instanceId = arg instanceof BatchDayNode ? arg.day.instanceId : typeof arg === 'string' ? arg : undefined;
  if (!instanceId) return undefined;
  await services.trees.refreshRuns();
  if (!services.runs.find(instanceId))
    throw new UserError(vscode.l10n.t('No run with instance id {0} in this account and region.', instanceId));
  await services.trees.revealRun(instanceId).catch(logQuietFailure);
  return instanceId;
}

export const batchCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.stopBatch]: (arg?: unknown) => stopBatch(services, arg),
    [COMMANDS.showBatch]: (arg?: unknown) => showBatch(services, arg),
    [COMMANDS.openBatchInConsole]: (arg?: unknown) => openBatchInConsole(services, arg),
    [COMMANDS.revealRun]: (arg?: unknown) => revealRun(services, arg),
  }),
};
