// Open, refresh, save and tail log streams.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../progress';
import { addDays } from '../../core/dates';
import { UserError } from '../../core/errors';
import { safeWrite } from '../../files/safeWrite';
import { saveFailure } from '../saveFailure';
import { parseDatesInput, validateDatesInput } from '../dateInput';
import { renderEvent } from '../logs/logDocumentProvider';
import { LOG_SCHEME, toLogUri } from '../logs/logUri';
import { santiagoDayStart } from '../../core/santiagoTime';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { resolveStream, type StreamTarget } from './targets';
import { COMMANDS } from './commandIds';

const TAIL_HISTORY_MS = 60 * 60_000;

/** Arguments that skip the prompts of Save Log Stream As… (other commands and tests pass them). */
interface SaveLogRequest {
  stream: string;
  /** Dates as typed in the prompt ("2020-06-29", "2020-06-29..2020-07-01"); empty or absent: everything. */
  range?: string;
  file: string;
  /** The caller asked the user and they said replace an existing file (else an existing file is refused). */
  replace?: boolean;
}

function isSaveLogRequest(arg: unknown): arg is SaveLogRequest {
  const a = arg as Partial<SaveLogRequest> | undefined;
  return typeof a === 'object' && a !== null && typeof a.stream === 'string' && typeof a.file === 'string';
}

async function openLogStream(services: AdatrapServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const target = await resolveStream(services, arg);
  if (!target) return undefined;
  const uri = toLogUri({ group: target.group, stream: target.stream });
  const doc = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading log stream {0}…', target.stream),
      cancellable: false,
    },
    () => Promise.resolve(vscode.workspace.openTextDocument(uri)),
  );
  const logDoc = await vscode.languages.setTextDocumentLanguage(doc, 'adatrap-log');
  const editor = await vscode.window.showTextDocument(logDoc, { preview: false });
  revealEnd(editor);
  return uri;
}

/** The newest events are what one opens a log for: start at the bottom (all of it is above). */
function revealEnd(editor: vscode.TextEditor): void {
  const last = Math.max(0, editor.document.lineCount - 1);
  editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.Default);
}

async function loadNewer(services: AdatrapServices, arg: unknown): Promise<number> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== LOG_SCHEME)
    throw new UserError(vscode.l10n.t('Open a log stream first (ADATRAP: Open Log Stream).'));
  const added = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading newer log events…') },
    () => services.logDocuments.loadNewer(uri),
  );
  vscode.window.setStatusBarMessage(
    added ? vscode.l10n.t('{0} newer log events loaded.', added) : vscode.l10n.t('No newer log events.'),
    5000,
  );
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (editor && added) revealEnd(editor);
  return added;
}

interface SaveChoice {
  target: StreamTarget;
  start?: number;
  end?: number;
  file: vscode.Uri;
  /** Only the save dialog's own "replace?" question, or a caller that asked, allows replacing. */
  replace: boolean;
}

async function askSave(services: AdatrapServices, arg: unknown): Promise<SaveChoice | undefined> {
  if (isSaveLogRequest(arg)) {
    const target = await resolveStream(services, arg.stream);
    if (!target) return undefined;
    return { target, ...windowOf(arg.range ?? ''), file: vscode.Uri.file(arg.file), replace: arg.replace === true };
  }
  const target = await resolveStream(services, arg);
  if (!target) return undefined;
  const range = await vscode.window.showInputBox({
    title: vscode.l10n.t('Save Log Stream {0}', target.stream),
    prompt: vscode.l10n.t(
      'Dates to save, in Santiago time (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD). Leave empty to save the whole stream.',
    ),
    placeHolder: target.run?.date ?? '2020-06-29..2020-07-01',
    validateInput: validateDatesInput,
    ignoreFocusOut: true,
  });
  if (range === undefined) return undefined;
  const window = windowOf(range);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const suffix = range.trim() ? `_${range.trim().replace(/\s*\.\.\s*|\s+/g, '_')}` : '';
  const name = `${target.stream.replace(/[^\w.-]+/g, '_')}${suffix}.log`;
  const file = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [vscode.l10n.t('Log files')]: ['log', 'txt'] },
    title: vscode.l10n.t('Save Log Stream As…'),
  });
  // VS Code's save dialog asks before it returns an existing file: choosing it is the confirmation.
  return file ? { target, ...window, file, replace: true } : undefined;
}

function windowOf(range: string): { start?: number; end?: number } {
  if (!range.trim()) return {};
  const dates = parseDatesInput(range);
  return { start: santiagoDayStart(dates.from), end: santiagoDayStart(addDays(dates.to, 1)) };
}

/** Streams the events to the file page by page: a week of logs never sits in memory. */
async function saveLogStream(
  services: AdatrapServices,
  arg: unknown,
): Promise<{ file: string; events: number } | undefined> {
  const choice = await askSave(services, arg);
  if (!choice) return undefined;
  if (choice.file.scheme !== 'file')
    throw new UserError(vscode.l10n.t('Choose a file on this machine to save the log to.'));
  const logs = services.config.aws().logs;
  const { target, start, end, file, replace } = choice;
  const events = await withCancellableProgress(
    vscode.l10n.t('Saving log stream {0}', choice.target.stream),
    async ({ signal, report }) => {
      let count = 0;
      async function* lines(): AsyncIterable<string> {
        let chunk = '';
        for await (const event of logs.read(target.group, target.stream, { start, end })) {
          chunk += `${renderEvent(event)}\n`;
          count += 1;
          if (count % 1000 === 0) report(vscode.l10n.t('{0} events', count));
          if (chunk.length >= 65_536) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      }
      try {
        // A temporary file beside the target, put in place at the end: the user's file is replaced only when
        // the save dialog asked them, never through a link, and a cancelled or failed save leaves no half file.
        await safeWrite(file.fsPath, lines(), { replace, signal });
      } catch (e) {
        if (signal.aborted) throw new vscode.CancellationError();
        throw saveFailure(e, file.fsPath);
      }
      return count;
    },
  );
  const open = vscode.l10n.t('Open File');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Saved {0} events of {1} to {2}.', events, choice.target.stream, choice.file.fsPath),
      open,
    )
    .then(async (answer) => {
      if (answer === open) await vscode.window.showTextDocument(choice.file);
    });
  return { file: choice.file.fsPath, events };
}

async function tailLogStream(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const target = await resolveStream(services, arg);
  if (!target) return undefined;
  // A run's stream from its start (the whole run is what one follows); any other from the last hour.
  const launched = target.run?.launchTime?.getTime();
  const startTime = launched !== undefined ? launched - 60_000 : Date.now() - TAIL_HISTORY_MS;
  const channel = services.tails.start({ group: target.group, stream: target.stream, startTime });
  return channel.name;
}

async function stopTail(services: AdatrapServices, arg: unknown): Promise<boolean> {
  let stream: string | undefined;
  if (arg === undefined) {
    const tailed = services.tails.tailedStreams();
    stream =
      tailed.length === 1
        ? tailed[0]
        : await vscode.window.showQuickPick(tailed, { placeHolder: vscode.l10n.t('Stop following which log stream?') });
  } else {
    stream = (await resolveStream(services, arg))?.stream;
  }
  return stream ? services.tails.stop(stream) : false;
}

export const logCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.openLogStream]: (arg?: unknown) => openLogStream(services, arg),
    [COMMANDS.loadNewerLogEvents]: (arg?: unknown) => loadNewer(services, arg),
    [COMMANDS.saveLogStream]: (arg?: unknown) => saveLogStream(services, arg),
    [COMMANDS.tailLogStream]: (arg?: unknown) => tailLogStream(services, arg),
    [COMMANDS.stopTail]: (arg?: unknown) => stopTail(services, arg),
  }),
};
