// Open Run Outputs: the day's manifest as a read-only document, and the zip a click away on disk.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../progress';
import { bucketError } from '../../aws/awsErrors';
import type { ObjectInfo } from '../../aws/storage';
import { isIsoDate } from '../../core/dates';
import { UserError } from '../../core/errors';
import { safeWrite } from '../../files/safeWrite';
import { saveFailure } from '../saveFailure';
import { parseDatesInput, validateDatesInput } from '../dateInput';
import { formatBytes } from '../format';
import { showFailure } from '../notify';
import { toObjectUri } from '../objectDocumentProvider';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { dateOf } from './targets';
import { COMMANDS } from './commandIds';

/** Arguments that skip the prompts (other commands and tests): the date, and where to download the zip. */
interface OutputsRequest {
  date: string;
  downloadTo?: string;
  /** The caller asked the user and they said replace an existing file (else an existing file is refused). */
  replace?: boolean;
}

interface RunOutputs {
  date: string;
  bucket: string;
  zip?: ObjectInfo;
  manifest?: ObjectInfo;
  downloaded?: string;
}

function isOutputsRequest(arg: unknown): arg is OutputsRequest {
  return typeof arg === 'object' && arg !== null && typeof (arg as OutputsRequest).date === 'string';
}

async function askDate(initial?: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Open Run Outputs'),
    prompt: vscode.l10n.t('Date of the run (YYYY-MM-DD).'),
    value: initial,
    validateInput: (v) => (v.trim() ? validateDatesInput(v) : vscode.l10n.t('Type a date.')),
  });
  return text === undefined ? undefined : parseDatesInput(text).from;
}

async function findOutputs(services: AdatrapServices, date: string): Promise<RunOutputs> {
  const session = services.config.aws();
  const bucket = session.config.outputBucket;
  let objects: ObjectInfo[];
  try {
    objects = await session.storage.listAll(bucket, `${date}.`);
  } catch (e) {
    throw bucketError(e, bucket, 'OUTPUT_DATA_BUCKET_NAME');
  }
  return {
    date,
    bucket,
    zip: objects.find((o) => o.key === `${date}.zip`),
    manifest: objects.find((o) => o.key === `${date}.manifest.json`),
  };
}

async function download(
  services: AdatrapServices,
  outputs: RunOutputs,
  zip: ObjectInfo,
  target: vscode.Uri,
  replace: boolean,
): Promise<string> {
  if (target.scheme !== 'file')
    throw new UserError(vscode.l10n.t('Choose a file on this machine to save the outputs to.'));
  const storage = services.config.aws().storage;
  await withCancellableProgress(
    vscode.l10n.t('Downloading {0} ({1})…', zip.key, formatBytes(zip.size)),
    async ({ signal }) => {
      const body = await storage.getStream(outputs.bucket, zip.key);
      try {
        // Beside the target first, in place at the end: a cancelled download leaves no half zip, an existing
        // file is replaced only after the save dialog asked, a link there is never followed.
        await safeWrite(target.fsPath, body, { replace, signal });
      } catch (e) {
        body.destroy();
        if (signal.aborted) throw new vscode.CancellationError();
        throw saveFailure(e, target.fsPath);
      }
    },
  );
  return target.fsPath;
}

async function openRunOutputs(services: AdatrapServices, arg: unknown): Promise<RunOutputs | undefined> {
  const date = isOutputsRequest(arg) ? arg.date : (dateOf(arg) ?? (await askDate()));
  if (!date) return undefined;
  // The date names S3 keys and the file offered for download: a real calendar date or nothing.
  if (!isIsoDate(date)) throw new UserError(vscode.l10n.t('{0} is not a date (YYYY-MM-DD).', date));
  const outputs = await findOutputs(services, date);
  if (!outputs.zip && !outputs.manifest) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No outputs for {0} in s3://{1} yet: a run writes {0}.zip there when it succeeds.',
        date,
        outputs.bucket,
      ),
    );
    return outputs;
  }
  if (outputs.manifest) {
    const doc = await vscode.workspace.openTextDocument(toObjectUri(outputs.bucket, outputs.manifest.key));
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'json'), {
      preview: false,
    });
  }
  const zip = outputs.zip;
  if (!zip) return outputs;
  if (isOutputsRequest(arg) && arg.downloadTo) {
    outputs.downloaded = await download(services, outputs, zip, vscode.Uri.file(arg.downloadTo), arg.replace === true);
    return outputs;
  }
  const downloadLabel = vscode.l10n.t('Download…');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('{0}: {1} in s3://{2}.', zip.key, formatBytes(zip.size), outputs.bucket),
      downloadLabel,
    )
    .then(async (answer) => {
      if (answer !== downloadLabel) return;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, zip.key) : undefined,
        filters: { zip: ['zip'] },
      });
      if (!target) return;
      try {
        // The save dialog asked before returning an existing file: choosing it is the confirmation.
        const saved = await download(services, outputs, zip, target, true);
        void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', saved));
      } catch (e) {
        await showFailure(e);
      }
    });
  return outputs;
}

export const outputCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.openRunOutputs]: (arg?: unknown) => openRunOutputs(services, arg),
  }),
};
