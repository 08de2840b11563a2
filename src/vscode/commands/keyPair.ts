// Create Key Pair: an RSA key pair whose private key is saved once, as <name>.pem at the workspace root,
// readable only by the user. An existing file is never opened for writing.
import { open, unlink, type FileHandle } from 'node:fs/promises';
import * as vscode from 'vscode';
import { actionError } from '../../aws/awsErrors';
import { Ec2KeyPairs, KeyPairExistsError } from '../../aws/keyPairs';
import { validateValue } from '../../core/config';
import { UserError } from '../../core/errors';
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
  let file: FileHandle;
  try {
    file = await open(pem.fsPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserError(
        vscode.l10n.t('{0} already exists: move it away or choose another name (it is never overwritten).', pem.fsPath),
      );
    throw new UserError(vscode.l10n.t('Could not write {0}: {1}', pem.fsPath, (e as Error).message));
  }
  let written = false;
  try {
    const created = await new Ec2KeyPairs(session.clients.ec2).create(name).catch((e: unknown) => {
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
    await file.chmod(0o600);
    await file.writeFile(created.material.endsWith('\n') ? created.material : `${created.material}\n`);
    written = true;
  } finally {
    await file.close();
    // An empty .pem after a failure would look like a key: remove it.
    if (!written) await unlink(pem.fsPath).catch(() => undefined);
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

export const keyPairCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.createKeyPair]: (arg?: unknown) => createKeyPair(services, arg),
  }),
};
