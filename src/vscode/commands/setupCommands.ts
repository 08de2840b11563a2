// "Set Up AWS Account" and "Delete AWS Stack": what `adatrap-miner setup` and `setup --delete` do, with the
// stack's events as progress, and the `.env` lines its outputs fill in written without losing a comment.
import * as vscode from 'vscode';
import { EnvFile } from '../../core/envFile';
import { UserError } from '../../core/errors';
import { CloudFormationStacks, type StackEvent } from '../../aws/stacks';
import { deployAdatrapStack } from '../../aws/stackSetup';
import { minimalReplacement } from '../configEditor/formEdits';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { COMMANDS } from './commandIds';

export interface SetupOutcome {
  stack: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The `.env` keys the outputs fill in, with their values. */
  outputs: Record<string, string>;
  /** The keys written to `.env` (those it did not have with this value). */
  written: string[];
}

/** Plain arguments (other commands, tests): `writeEnv` answers the offer to write the `.env` lines. */
interface SetupArgs {
  writeEnv?: boolean;
}

function setupArgs(arg: unknown): SetupArgs {
  return typeof arg === 'object' && arg !== null && 'writeEnv' in arg && typeof arg.writeEnv === 'boolean'
    ? { writeEnv: arg.writeEnv }
    : {};
}

function eventText(e: StackEvent): string {
  return `${e.logicalId}: ${e.status}${e.reason ? ` (${e.reason})` : ''}`;
}

async function setUpAwsAccount(services: AdatrapServices, arg: unknown): Promise<SetupOutcome | undefined> {
  const session = services.config.aws();
  const { config } = session;
  const stack = config.stackName;
  const stacks = new CloudFormationStacks(session.clients.cloudFormation);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Setting up the stack {0}', stack) },
    (progress) =>
      deployAdatrapStack(stacks, session.logs, config, {
        onStart: (update) =>
          progress.report({
            message: update ? vscode.l10n.t('updating…') : vscode.l10n.t('creating (a few minutes)…'),
          }),
        onEvent: (e) => progress.report({ message: eventText(e) }),
      }),
  );
  const outputs = Object.fromEntries(result.envValues);
  const envUri = services.config.envUri;
  const missing = envUri ? await keysToWrite(envUri, result.envValues) : [];
  const done =
    result.action === 'created'
      ? vscode.l10n.t('Stack {0} created.', stack)
      : result.action === 'updated'
        ? vscode.l10n.t('Stack {0} updated.', stack)
        : vscode.l10n.t('Stack {0} is already up to date.', stack);
  const outcome: SetupOutcome = { stack, action: result.action, outputs, written: [] };
  if (!envUri || missing.length === 0) {
    const message = `${done} ${vscode.l10n.t('.env already has its outputs.')}`;
    void vscode.window.showInformationMessage(message);
    return outcome;
  }
  const lines = missing.map(([key, value]) => `${key}=${value}`).join('\n');
  let write = setupArgs(arg).writeEnv;
  if (write === undefined) {
    const writeButton = vscode.l10n.t('Write to .env');
    const offer = `${done} ${vscode.l10n.t('Its outputs fill in {0} in .env.', missing.map(([key]) => key).join(', '))}`;
    const answer = await vscode.window.showInformationMessage(offer, { modal: true, detail: lines }, writeButton);
    write = answer === writeButton;
  }
  if (!write) return outcome;
  await writeEnvValues(envUri, missing);
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0} to .env.', missing.map(([k]) => k).join(', ')));
  return { ...outcome, written: missing.map(([key]) => key) };
}

async function keysToWrite(envUri: vscode.Uri, values: [string, string][]): Promise<[string, string][]> {
  let text = '';
  try {
    text = (await vscode.workspace.openTextDocument(envUri)).getText();
  } catch {
    // No .env yet: every line is new.
  }
  const env = EnvFile.parse(text);
  return values.filter(([key, value]) => env.get(key) !== value);
}

/** Sets the keys through EnvFile (comments, order and other keys survive) as one undoable edit, then saves. */
async function writeEnvValues(envUri: vscode.Uri, values: [string, string][]): Promise<void> {
  const document = await vscode.workspace.openTextDocument(envUri);
  const before = document.getText();
  const env = EnvFile.parse(before);
  for (const [key, value] of values) env.set(key, value);
  const change = minimalReplacement(before, env.toString());
  if (!change) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    envUri,
    new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)),
    change.text,
  );
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save()))
    throw new UserError(vscode.l10n.t('Could not write {0}: set these lines by hand.', envUri.fsPath));
}

/** Plain argument `{ confirmed: true }` skips the modal (tests). Resolves to whether a stack was deleted. */
async function deleteAwsStack(services: AdatrapServices, arg: unknown): Promise<boolean | undefined> {
  const session = services.config.aws();
  const stack = session.config.stackName;
  const confirmed = typeof arg === 'object' && arg !== null && 'confirmed' in arg && arg.confirmed === true;
  if (!confirmed) {
    const button = vscode.l10n.t('Delete Stack');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the stack {0}?', stack),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Its roles, instance profile and batch workflow are removed: no batch can start until you set it up again, and running batches fail. Data buckets and run logs are kept.',
        ),
      },
      button,
    );
    if (answer !== button) return undefined;
  }
  const stacks = new CloudFormationStacks(session.clients.cloudFormation);
  const deleted = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting the stack {0}', stack) },
    (progress) => stacks.delete(stack, { onEvent: (e) => progress.report({ message: eventText(e) }) }),
  );
  void vscode.window.showInformationMessage(
    deleted
      ? vscode.l10n.t('Stack {0} deleted.', stack)
      : vscode.l10n.t('There is no stack {0}: nothing to delete.', stack),
  );
  return deleted;
}

export const setupCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.setUpAwsAccount]: (arg?: unknown) => setUpAwsAccount(services, arg),
    [COMMANDS.deleteAwsStack]: (arg?: unknown) => deleteAwsStack(services, arg),
  }),
};
