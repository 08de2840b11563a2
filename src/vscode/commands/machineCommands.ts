// Reaching a run's machine from VS Code: Connect by Remote Desktop (3389 check and its fix, the password to the
// clipboard, an .rdp file), Show System Log (the console output, read-only) and Show Screenshot. The decisions
// are the CLI's (src/aws/machineAccess.ts, src/core/rdpAdvice.ts, src/core/remoteDesktop.ts); this is the UI.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../progress';
import { Ec2MachineAccess, PASSWORD_TIMEOUT_MS, publicAddress, windowsPassword } from '../../aws/machineAccess';
import { publicAddress as myPublicAddress } from '../../aws/publicAddress';
import { UserError, errorMessage } from '../../core/errors';
import { t } from '../../core/i18n';
import { rdpAdvice, SSM_LOCAL_PORT, type RdpAdvice } from '../../core/rdpAdvice';
import { rdpAccess, rdpFileText, ssmPortForwardCommand, WINDOWS_USER } from '../../core/remoteDesktop';
import type { RunView } from '../runsModel';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';
import { COMMANDS } from './commandIds';
import { resolveRun } from './targets';
import { writeNewFile } from '../../files/newFile';

const CONSOLE_SCHEME = 'adatrap-console';

/** What Connect by Remote Desktop did, for tests; never the password. */
export interface RdpConnection {
  instanceId: string;
  address: string;
  advice: RdpAdvice;
  passwordCopied: boolean;
  rdpFile?: string;
}

/** Arguments that skip the dialogs (tests): where to save the .rdp file. */
interface RdpRequest {
  instanceId: string;
  saveTo?: string;
}

function isRdpRequest(arg: unknown): arg is RdpRequest {
  return typeof arg === 'object' && arg !== null && typeof (arg as RdpRequest).instanceId === 'string';
}

function machineAccess(services: AdatrapServices): Ec2MachineAccess {
  const session = services.config.aws();
  return new Ec2MachineAccess(session.clients.ec2, session.config.region);
}

function projectRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserError(vscode.l10n.t('Open the project folder (the one with the .env) first.'));
  return folder.uri.fsPath;
}

const isLive = (run: RunView): boolean => run.state === 'running' || run.state === 'pending';

/** A new file in the extension's storage, named after the machine and the time, never over an existing one. */
async function storageFile(
  services: AdatrapServices,
  name: string,
  extension: string,
  data: string | Buffer,
): Promise<vscode.Uri> {
  const folder = services.context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(folder);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const uri = vscode.Uri.joinPath(folder, `${name}-${stamp}.${extension}`);
  await writeNewFile(uri.fsPath, data);
  return uri;
}

async function connectRemoteDesktop(services: AdatrapServices, arg: unknown): Promise<RdpConnection | undefined> {
  const request = isRdpRequest(arg) ? arg : undefined;
  const run = request
    ? { instanceId: request.instanceId }
    : await resolveRun(services, arg, isLive, vscode.l10n.t('Run to connect to by Remote Desktop'));
  if (!run) return undefined;
  const id = run.instanceId;
  const session = services.config.aws();
  const access = machineAccess(services);
  const info = await access.describe(id);
  if (info.state !== 'running' && info.state !== 'pending')
    throw new UserError(t('diagnose.rdp.notRunning', { id, state: info.state }));
  const address = publicAddress(info);
  if (!address)
    throw new UserError(
      t('diagnose.rdp.noPublicAddress', {
        id,
        command: ssmPortForwardCommand(id, session.config.region, SSM_LOCAL_PORT),
      }),
    );
  const source = await myPublicAddress({
    ec2Endpoint: session.config.endpoints.ec2 ?? session.config.endpoints.default,
  });
  const advice = rdpAdvice(
    rdpAccess(await access.securityGroups(info.securityGroupIds), source),
    id,
    session.config.region,
    source,
  );
  if (!advice.ok) {
    const copyFix = vscode.l10n.t('Copy Fix Command');
    const goOn = vscode.l10n.t('Get Password Anyway');
    const command = advice.details[advice.details.length - 1];
    const detail = [...advice.details, advice.alternative].join('\n\n');
    if (request) {
      // Called with arguments (another command, a test): the advice is shown, not asked. A non-modal message
      // settles only when the user closes it, so awaiting it here would hold the connection indefinitely.
      void vscode.window.showWarningMessage([advice.summary, detail].join(' '));
    } else {
      const answer = await vscode.window.showWarningMessage(advice.summary, { modal: true, detail }, copyFix, goOn);
      if (answer === copyFix && command) await vscode.env.clipboard.writeText(command);
      if (answer !== goOn) return { instanceId: id, address, advice, passwordCopied: false };
    }
  }
  const result = await withCancellableProgress(
    vscode.l10n.t('Waiting for the Windows password of {0}…', id),
    ({ signal, report }) =>
      windowsPassword(access, {
        instanceId: id,
        projectRoot: projectRoot(),
        timeoutMs: PASSWORD_TIMEOUT_MS,
        signal,
        onWaiting: (waited, limit) =>
          report(vscode.l10n.t('not published yet ({0} of {1} min)', Math.floor(waited / 60000), limit / 60000)),
      }),
  );
  // The clipboard is the only place the password goes: not the .rdp file, not a setting, not a log.
  await vscode.env.clipboard.writeText(result.password);
  const connection: RdpConnection = { instanceId: id, address, advice, passwordCopied: true };
  const text = rdpFileText(address);
  if (request?.saveTo) {
    await writeNewFile(request.saveTo, text);
    connection.rdpFile = request.saveTo;
    return connection;
  }
  const save = vscode.l10n.t('Save .rdp…');
  const openRdp = vscode.l10n.t('Open .rdp');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'The password of {0} on {1} is in the clipboard. {2}',
        WINDOWS_USER,
        address,
        advice.ok ? advice.summary : '',
      ),
      save,
      openRdp,
    )
    .then(async (answer) => {
      try {
        if (answer === save) {
          const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
          const target = await vscode.window.showSaveDialog({
            defaultUri: folder ? vscode.Uri.joinPath(folder, `${id}.rdp`) : undefined,
            filters: { 'Remote Desktop': ['rdp'] },
          });
          if (!target) return;
          await writeNewFile(target.fsPath, text);
          void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', target.fsPath));
        } else if (answer === openRdp) {
          await vscode.env.openExternal(await storageFile(services, id, 'rdp', text));
        }
      } catch (e) {
        void vscode.window.showErrorMessage(errorMessage(e));
      }
    });
  return connection;
}

/** The decoded console output of each machine asked for, served read-only under `adatrap-console:/<id>.log`. */
class ConsoleDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

let consoleDocuments: ConsoleDocuments | undefined;

function consoleProvider(services: AdatrapServices): ConsoleDocuments {
  if (!consoleDocuments) {
    const provider = new ConsoleDocuments();
    consoleDocuments = provider;
    services.context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(CONSOLE_SCHEME, provider),
      { dispose: () => (consoleDocuments = undefined) },
    );
  }
  return consoleDocuments;
}

const isDiagnosable = (run: RunView): boolean => run.state !== 'terminated';

async function showSystemLog(services: AdatrapServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const run = await resolveRun(services, arg, isDiagnosable, vscode.l10n.t('Run whose system log to show'));
  if (!run) return undefined;
  const output = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: vscode.l10n.t('Reading the system log of {0}…', run.instanceId),
    },
    () => machineAccess(services).consoleOutput(run.instanceId, true),
  );
  if (!output.text) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} has no system log yet: EC2 keeps it a few minutes after the machine prints it.',
        run.instanceId,
      ),
    );
    return undefined;
  }
  const uri = vscode.Uri.from({ scheme: CONSOLE_SCHEME, path: `/${run.instanceId}.log` });
  consoleProvider(services).set(uri, output.text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return uri;
}

async function showScreenshot(services: AdatrapServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const run = await resolveRun(services, arg, isLive, vscode.l10n.t('Run whose screen to show'));
  if (!run) return undefined;
  const image = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Taking a screenshot of {0}…', run.instanceId) },
    () => machineAccess(services).screenshot(run.instanceId),
  );
  const jpg = await storageFile(services, run.instanceId, 'jpg', image);
  await vscode.commands.executeCommand('vscode.open', jpg);
  return jpg;
}

export const machineCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.connectRemoteDesktop]: (arg?: unknown) => connectRemoteDesktop(services, arg),
    [COMMANDS.showSystemLog]: (arg?: unknown) => showSystemLog(services, arg),
    [COMMANDS.showScreenshot]: (arg?: unknown) => showScreenshot(services, arg),
  }),
};
