// Save Log Stream As…: every event (or a date window, in Santiago days) streamed to a file.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AdatrapServices } from '../../../src/vscode/services';
import { extensionServices } from './services';

describe('save log stream', () => {
  let services: AdatrapServices;
  const stream = 'e2e-save';
  const file = path.join(os.tmpdir(), `adatrap-e2e-save-${process.pid}.log`);

  before(async () => {
    services = await extensionServices();
    const { logGroup } = services.config.aws().config;
    // 2020-06-29 12:00 and 2020-06-30 12:00 in Santiago (UTC-4 in winter), and 2020-06-30 23:30 Santiago =
    // 2020-07-01 03:30 UTC: a UTC day window would put it in the wrong day.
    await services.config.aws().logs.put(logGroup, stream, [
      { timestamp: Date.parse('2020-06-29T16:00:00Z'), message: 'day one' },
      { timestamp: Date.parse('2020-06-30T16:00:00Z'), message: 'day two' },
      { timestamp: Date.parse('2020-07-01T03:30:00Z'), message: 'day two, late evening' },
      { timestamp: Date.parse('2020-07-01T16:00:00Z'), message: 'day three' },
    ]);
  });

  after(() => rmSync(file, { force: true }));

  it('writes the whole stream, oldest first', async () => {
    const result = await vscode.commands.executeCommand<{ file: string; events: number }>('adatrap.saveLogStream', {
      stream,
      file,
    });
    assert.equal(result?.events, 4);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('\t')[1]),
      ['day one', 'day two', 'day two, late evening', 'day three'],
    );
  });

  it('writes only the Santiago days asked for', async () => {
    const result = await vscode.commands.executeCommand<{ file: string; events: number }>('adatrap.saveLogStream', {
      stream,
      file,
      range: '2020-06-30',
    });
    assert.equal(result?.events, 2);
    assert.deepEqual(
      readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[1]),
      ['day two', 'day two, late evening'],
    );
  });
});
