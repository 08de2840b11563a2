// Download Outputs… (one day or a range, into a folder, resumable, with progress and cancel) and Copy Download
// Link (a presigned link to one day's zip). The work is the CLI's get-outputs (src/aws/outputDownload.ts,
// src/aws/shareLink.ts); the calendar calls Download Outputs with its selection.
import * as vscode from 'vscode';
import { downloadOutputs, type OutputDownloadSummary } from '../../aws/outputDownload';
import { shareLink } from '../../aws/shareLink';
import { formatSize } from '../../core/calendarText';
import { eachDate, parseDateRange, type DateRange } from '../../core/dates';
import { UserError } from '../../core/errors';
import { locale, t } from '../../core/i18n';
import { parseDatesInput, validateDatesInput } from '../dateInput';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { COMMANDS } from './commandIds';
import { dateOf } from './targets';

/** A share link lives one day unless asked otherwise (SigV4 allows up to 7). */
export const LINK_SECONDS = 24 * 60 * 60;

/** Arguments that skip the prompts (the calendar and tests): the dates and the folder. */
export interface DownloadRequest {
  from: string;
  to?: string;
  folder?: string;
}

function isDownloadRequest(arg: unknown): arg is DownloadRequest {
  return typeof arg === 'object' && arg !== null && typeof (arg as DownloadRequest).from === 'string';
}

async function askDates(title: string, value?: string, oneDay = false): Promise<DateRange | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: oneDay
      ? vscode.l10n.t('Date of the run (YYYY-MM-DD).')
      : vscode.l10n.t('A date (YYYY-MM-DD) or a range (FROM..TO).'),
    value,
    validateInput: (v) => (v.trim() ? validateDatesInput(v) : vscode.l10n.t('Type a date.')),
  });
  return text === undefined ? undefined : parseDatesInput(text);
}

async function downloadDays(services: AdatrapServices, arg: unknown): Promise<OutputDownloadSummary | undefined> {
  const request = isDownloadRequest(arg) ? arg : undefined;
  const range = request
    ? parseDateRange(request.from, request.to)
    : await askDates(vscode.l10n.t('Download Outputs'), dateOf(arg));
  if (!range) return undefined;
  let folder = request?.folder;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: vscode.l10n.t('Download Here'),
    });
    if (!picked?.[0]) return undefined;
    folder = picked[0].fsPath;
  }
  const target = folder;
  const session = services.config.aws();
  const bucket = session.config.outputBucket;
  const dates = eachDate(range);
  const summary = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Downloading the outputs of {0} day(s) from s3://{1}', dates.length, bucket),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(target));
      return downloadOutputs(session.storage, bucket, dates, target, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.kind === 'progress' || e.kind === 'resuming')
            progress.report({ message: `${e.file}: ${formatSize(e.done)} / ${formatSize(e.total)}` });
          else if (e.kind === 'saved') progress.report({ message: e.file });
        },
      });
    },
  );
  const line = t('diagnose.outputs.summary', {
    downloaded: summary.downloaded.length,
    skipped: summary.skipped.length,
    missing: summary.missing.length,
  });
  const kept = summary.kept.length ? [t('diagnose.outputs.existsDifferent', { file: summary.kept.join(', ') })] : [];
  void vscode.window.showInformationMessage([line, ...kept].join(' '));
  return summary;
}

async function copyDownloadLink(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const given = isDownloadRequest(arg) ? arg.from : dateOf(arg);
  const range = given ? parseDateRange(given) : await askDates(vscode.l10n.t('Copy Download Link'), undefined, true);
  if (!range) return undefined;
  if (range.to !== range.from) throw new UserError(t('diagnose.outputs.linkOneDay'));
  const session = services.config.aws();
  const link = await shareLink(
    session.clients.s3,
    session.storage,
    session.config.outputBucket,
    range.from,
    LINK_SECONDS,
  );
  await vscode.env.clipboard.writeText(link.url);
  void vscode.window.showInformationMessage(
    `${vscode.l10n.t('Link copied to the clipboard.')} ${t('diagnose.outputs.linkValid', {
      file: link.key,
      until: link.expiresAt.toLocaleString(locale()),
    })}`,
  );
  return link.url;
}

export const outputDownloadCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.downloadOutputs]: (arg?: unknown) => downloadDays(services, arg),
    [COMMANDS.copyDownloadLink]: (arg?: unknown) => copyDownloadLink(services, arg),
  }),
};
