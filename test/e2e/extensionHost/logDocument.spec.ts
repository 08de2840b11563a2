// The adatrap-log: documents: every page oldest to newest, and "load newer" appending exactly what is new.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdatrapServices } from '../../../src/vscode/services';
import { extensionServices } from './services';

describe('log stream documents', () => {
  let services: AdatrapServices;
  const stream = 'e2e-document';
  // Lines show Santiago wall-clock seconds (adatrap.logs.timeZone), so the last event's instant is kept here.
  let lastEventAt = 0;

  before(async () => {
    services = await extensionServices();
  });

  it('opens a stream of more than one page as one read-only document, oldest first', async () => {
    const { logGroup } = services.config.aws().config;
    const logs = services.config.aws().logs;
    const base = Date.now() - 60_000;
    // 10,000 events is one GetLogEvents page: 10,050 needs two.
    const events = Array.from({ length: 10_050 }, (_, i) => ({
      timestamp: base + Math.floor(i / 10),
      message: `line ${i}`,
    }));
    lastEventAt = events[events.length - 1]?.timestamp ?? 0;
    await logs.put(logGroup, stream, events);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('adatrap.openLogStream', stream);
    assert.ok(uri, 'the command returned no document');
    assert.equal(uri.scheme, 'adatrap-log');
    const doc = await vscode.workspace.openTextDocument(uri);
    const lines = doc.getText().trimEnd().split('\n');
    assert.equal(lines.length, 10_050);
    assert.match(lines[0], /\tline 0$/);
    assert.match(lines[10_049], /\tline 10049$/);
    assert.equal(doc.languageId, 'adatrap-log');
  });

  // Opening the stream changes the document's language to adatrap-log, which VS Code reports as close + open:
  // the provider must keep what it loaded across that, or Load Newer finds nothing to extend.
  it('loads newer events once, including one sharing the last shown timestamp', async () => {
    const { logGroup } = services.config.aws().config;
    const logs = services.config.aws().logs;
    const uri = vscode.window.activeTextEditor?.document.uri;
    assert.equal(uri?.scheme, 'adatrap-log');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(doc.lineCount - 2).text, /\tline 10049$/);
    const lastShown = lastEventAt;
    assert.ok(lastShown > 0);
    await logs.put(logGroup, stream, [
      { timestamp: lastShown, message: 'same instant as the last line' },
      { timestamp: lastShown + 5, message: 'newer line' },
    ]);
    const added = await vscode.commands.executeCommand<number>('adatrap.loadNewerLogEvents', uri);
    assert.equal(added, 2);
    const text = doc.getText();
    assert.equal(
      text.split('\n').filter((l) => l.endsWith('same instant as the last line')).length,
      1,
      `document ends with:\n${text.slice(-300)}`,
    );
    assert.ok(text.trimEnd().endsWith('newer line'));
    assert.equal(text.trimEnd().split('\n').length, 10_052);
    assert.equal(await vscode.commands.executeCommand<number>('adatrap.loadNewerLogEvents', uri), 0);
  });
});
