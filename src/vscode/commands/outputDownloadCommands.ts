// Download Outputs… (one day or a range, into a folder, resumable, with progress and cancel) and Copy Download
// Link (a presigned link to one day's zip). The work is the CLI's get-outputs (src/aws/outputDownload.ts,
// src/aws/shareLink.ts); the calendar calls Download Outputs with its selection.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../progress';
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
const LINK_SECONDS = 24 * 60 * 60;

/**
 * Arguments that skip the prompts (the calendar and tests): a range `from`..`to`, or the days themselves (the
 * calendar's selection, not always contiguous); without `folder` the folder is asked for.
 */
type DownloadRequest = { from: string; to?: string; folder?: string } | { dates: string[]; folder?: string };

function isDownloadRequest(arg: unknown): arg is DownloadRequest {
  if (typeof arg !== 'object' || arg === null) return false;
  const a = arg as { from?: unknown; dates?: unknown };
  return typeof a.from === 'string' || (Array.isArray(a.dates) && a.dates.every((d) => typeof d === 'string'));
}

/** At most a year of days per download, as every day action (MAX_DAY_ACTION_DATES). */
const MAX_DOWNLOAD_DAYS = 366;

function requestDates(request: DownloadRequest): string[] {
  const dates =
    'dates' in request
      ? [...new Set(request.dates.map((d) => parseDateRange(d).from))].sort()
      : eachDate(parseDateRange(request.from, request.to));
  if (dates.length === 0) throw new UserError(vscode.l10n.t('Type a date.'));
  if (dates.length > MAX_DOWNLOAD_DAYS)
    throw new UserError(
      vscode.l10n.t('Select at most {0} days at a time ({1} were selected).', MAX_DOWNLOAD_DAYS, dates.length),
    );
  return dates;
}

/** "3 downloaded, 1 already there, 1 without outputs" and the files kept because they differ. */
export function downloadSummaryText(summary: OutputDownloadSummary): string {
  const line = t('diagnose.outputs.summary', {
    downloaded: summary.downloaded.length,
    skipped: summary.skipped.length,
    missing: summary.missing.length,
  });
  const kept = summary.kept.length ? [t('diagnose.outputs.existsDifferent', { file: summary.kept.join(', ') })] : [];
  return [line, ...kept].join(' ');
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
  let dates: string[];
  if (request) dates = requestDates(request);
  else {
    const range = await askDates(vscode.l10n.t('Download Outputs'), dateOf(arg));
    if (!range) return undefined;
    dates = requestDates({ from: range.from, to: range.to });
  }
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
  const summary = await withCancellableProgress(
    vscode.l10n.t('Downloading the outputs of {0} day(s) from s3://{1}', dates.length, bucket),
    async ({ signal, report }) => {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(target));
      return downloadOutputs(session.storage, bucket, dates, target, {
        signal,
        onEvent: (e) => {
          if (e.kind === 'progress' || e.kind === 'resuming')
            report(`${e.file}: ${formatSize(e.done)} / ${formatSize(e.total)}`);
          else if (e.kind === 'saved') report(e.file);
        },
      });
    },
  );
  void vscode.window.showInformationMessage(downloadSummaryText(summary));
  return summary;
}

async function copyDownloadLink(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  if (isDownloadRequest(arg) && 'dates' in arg && arg.dates.length !== 1)
    throw new UserError(t('diagnose.outputs.linkOneDay'));
  const given = isDownloadRequest(arg) ? ('from' in arg ? arg.from : arg.dates[0]) : dateOf(arg);
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
