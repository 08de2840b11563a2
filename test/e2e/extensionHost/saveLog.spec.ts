// Save Log Stream As…: every event (or a date window, in Santiago days) streamed to a file.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('writes only the Santiago days asked for (replacing the file only because the caller says it asked)', async () => {
    const result = await vscode.commands.executeCommand<{ file: string; events: number }>('adatrap.saveLogStream', {
      stream,
      file,
      range: '2020-06-30',
      replace: true,
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

  it('leaves an existing file byte-identical when nobody confirmed replacing it, and no partial beside it', async () => {
    const mine = path.join(os.tmpdir(), `adatrap-e2e-mine-${process.pid}.log`);
    const bytes = Buffer.from("the analyst's notes\r\n\u0000\u00ff", 'latin1');
    writeFileSync(mine, bytes);
    try {
      // A refused command ends in one notification and no result (runAction).
      assert.equal(await vscode.commands.executeCommand('adatrap.saveLogStream', { stream, file: mine }), undefined);
      assert.deepEqual(readFileSync(mine), bytes);
      const base = path.basename(mine);
      assert.deepEqual(
        readdirSync(os.tmpdir()).filter((n) => n.startsWith(`.${base}.`)),
        [],
        'a temporary .part was left behind',
      );
    } finally {
      rmSync(mine, { force: true });
    }
  });

  it('never writes through a symbolic link at the target, even when told to replace', async () => {
    const victim = path.join(os.tmpdir(), `adatrap-e2e-victim-${process.pid}.txt`);
    const link = path.join(os.tmpdir(), `adatrap-e2e-link-${process.pid}.log`);
    writeFileSync(victim, 'KEEP');
    symlinkSync(victim, link);
    try {
      assert.equal(
        await vscode.commands.executeCommand('adatrap.saveLogStream', { stream, file: link, replace: true }),
        undefined,
      );
      assert.equal(readFileSync(victim, 'utf8'), 'KEEP');
    } finally {
      rmSync(link, { force: true });
      rmSync(victim, { force: true });
    }
  });

  it('shows control characters a run wrote escaped in the saved file', async () => {
    const { logGroup } = services.config.aws().config;
    const raw = 'e2e-save-raw';
    await services.config
      .aws()
      .logs.put(logGroup, raw, [
        { timestamp: Date.parse('2020-06-29T16:00:00Z'), message: '\u001b[2J\u0007wiped\u009b' },
      ]);
    const out = path.join(os.tmpdir(), `adatrap-e2e-raw-${process.pid}.log`);
    try {
      const result = await vscode.commands.executeCommand<{ events: number }>('adatrap.saveLogStream', {
        stream: raw,
        file: out,
      });
      assert.equal(result?.events, 1);
      const text = readFileSync(out, 'utf8');
      assert.match(text, /\\x1b\[2J\\x07wiped\\x9b/);
    } finally {
      rmSync(out, { force: true });
    }
  });
});
