// One exclusive-create writer for small files (an .rdp, a screenshot): the CLI and the extension share it.
import { open } from 'node:fs/promises';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';

/** Creates `path` with `data`; an existing file is never opened for writing (the user's file stays). */
export async function writeNewFile(path: string, data: string | Buffer): Promise<void> {
  let file;
  try {
    file = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(t('diagnose.fileExists', { path }));
    throw new UserError(t('diagnose.cannotWrite', { path, reason: errorMessage(e) }));
  }
  try {
    await file.writeFile(data);
  } finally {
    await file.close();
  }
}
