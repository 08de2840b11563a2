// Live runs at a glance: how many machines are alive (and billing), in warning colours when one is past its
// deadline. Clicking it shows the Runs view.
import * as vscode from 'vscode';
import type { RunsModel } from './runsModel';
import type { WorkspaceConfig } from './workspaceConfig';

export function registerStatusBar(
  context: vscode.ExtensionContext,
  config: WorkspaceConfig,
  runs: RunsModel,
): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('adatrap.liveRuns', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('ADATRAP live runs');
  item.command = 'adatrap.runs.focus';
  const update = (): void => {
    if (config.state.kind !== 'ready' || !runs.hasLoaded || runs.error) {
      item.hide();
      return;
    }
    const live = runs.liveRuns;
    const overdue = live.filter((r) => r.overdue);
    item.text = overdue.length
      ? `$(warning) ${vscode.l10n.t('ADATRAP: {0} live, {1} past deadline', live.length, overdue.length)}`
      : `$(server-process) ${vscode.l10n.t('ADATRAP: {0} live', live.length)}`;
    item.tooltip = overdue.length
      ? vscode.l10n.t(
          'Past their deadline: {0}. Stop them from the Runs view unless you know why they still run.',
          overdue.map((r) => r.date ?? r.instanceId).join(', '),
        )
      : vscode.l10n.t('Machines alive now: {0}', live.map((r) => r.date ?? r.instanceId).join(', ') || '—');
    item.backgroundColor = overdue.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  context.subscriptions.push(item, runs.onDidChange(update), config.onDidChange(update));
  update();
  return item;
}
