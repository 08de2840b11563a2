// Create Key Pair: an RSA key pair whose private key is saved once, as <name>.pem at the workspace root,
// readable only by the user. An existing file is never opened for writing.
import { lstat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { actionError } from '../../aws/awsErrors';
import { Ec2KeyPairs, KeyPairExistsError } from '../../aws/keyPairs';
import { validateValue } from '../../core/config';
import { UserError, errorMessage } from '../../core/errors';
import { safeWrite, TargetExistsError } from '../../files/safeWrite';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { COMMANDS } from './commandIds';

const DEFAULT_NAME = 'ec2-keypair';

function nameProblem(name: string): string | undefined {
  if (!name.trim()) return vscode.l10n.t('Type a name.');
  if (/[\\/]/.test(name) || name === '.' || name === '..')
    return vscode.l10n.t('The name becomes a file name: it cannot contain / or \\.');
  return validateValue('KEY_PAIR', name);
}

async function createKeyPair(services: AdatrapServices, arg: unknown): Promise<string | undefined> {
  const session = services.config.aws();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder || folder.scheme !== 'file')
    throw new UserError(vscode.l10n.t('Open the folder that holds your ADATRAP .env file first.'));
  const name =
    typeof arg === 'string'
      ? arg
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Create Key Pair'),
          prompt: vscode.l10n.t(
            'Name of the new EC2 key pair. Its private key is saved as NAME.pem in the workspace folder.',
          ),
          value: session.config.keyPair || DEFAULT_NAME,
          validateInput: nameProblem,
          ignoreFocusOut: true,
        });
  if (name === undefined) return undefined;
  const problem = nameProblem(name);
  if (problem) throw new UserError(problem);
  const pem = vscode.Uri.joinPath(folder, `${name}.pem`);
  const exists = vscode.l10n.t(
    '{0} already exists: move it away or choose another name (it is never overwritten).',
    pem.fsPath,
  );
  // Refuse an existing file (or a link) before asking AWS: a key pair whose key cannot be saved is lost.
  if (await present(pem.fsPath)) throw new UserError(exists);
  const key = await new Ec2KeyPairs(session.clients.ec2).create(name).catch((e: unknown) => {
    if (e instanceof KeyPairExistsError)
      throw new UserError(
        vscode.l10n.t(
          'A key pair named {0} already exists in {1}: choose another name, or keep using it (KEY_PAIR in .env).',
          name,
          session.config.region,
        ),
      );
    throw actionError(e, 'CreateKeyPair');
  });
  try {
    // Created exclusively (never over a file that appeared meanwhile), 0600, owner-only ACL on Windows; a
    // failed write leaves no empty .pem that would look like a key.
    await safeWrite(pem.fsPath, key.material.endsWith('\n') ? key.material : `${key.material}\n`, {
      mode: 0o600,
      ownerOnly: true,
    });
  } catch (e) {
    if (e instanceof TargetExistsError) throw new UserError(exists);
    throw new UserError(vscode.l10n.t('Could not write {0}: {1}', pem.fsPath, errorMessage(e)));
  }
  const created = vscode.l10n.t(
    'Key pair {0} created; its private key is in {1} (keep it secret).',
    name,
    `${name}.pem`,
  );
  const note =
    name === session.config.keyPair
      ? ''
      : ` ${vscode.l10n.t('Set KEY_PAIR={0} in .env to launch runs with it.', name)}`;
  void vscode.window.showInformationMessage(created + note);
  return pem.fsPath;
}

/** True when something (a file, a folder, a link) already has this name. */
async function present(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new UserError(vscode.l10n.t('Could not write {0}: {1}', path, errorMessage(e)));
  }
}

export const keyPairCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.createKeyPair]: (arg?: unknown) => createKeyPair(services, arg),
  }),
};
