// In the extension host: Open Configuration opens the workspace `.env` in the configuration form (a custom
// editor offered as an option), not in the text editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './services';

const VIEW_TYPE = 'adatrap.configEditor';

function formTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE);
}

describe('configuration editor (extension host)', () => {
  afterEach(async () => {
    await vscode.window.tabGroups.close(formTabs());
  });

  it('opens the workspace .env in the form from the Open Configuration command', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace');
    await vscode.commands.executeCommand('adatrap.openConfiguration');
    const tab = await waitFor('the form tab', () => formTabs()[0]);
    const input = tab.input as vscode.TabInputCustom;
    assert.equal(input.uri.toString(), vscode.Uri.joinPath(folder.uri, '.env').toString());
  });

  it('leaves the text editor as the default for .env', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, '.env');
    // `vscode.open` resolves the default editor for the file, as a click in the explorer does (showTextDocument
    // would open the text editor whatever the default).
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await waitFor('the .env tab', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      const input = active?.input;
      const opened = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom;
      return opened && input.uri.toString() === uri.toString() ? active : undefined;
    });
    assert.ok(tab.input instanceof vscode.TabInputText, 'the .env opened in the form, not the text editor');
    assert.equal(formTabs().length, 0);
    await vscode.window.tabGroups.close(tab);
  });
});
