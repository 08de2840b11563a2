// Commands whose prompts can be skipped by arguments: Check Inputs, Create Key Pair; and how a run past its
// deadline is drawn.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { DateReadiness } from '../../../src/core/preflight';
import { toRunView } from '../../../src/vscode/runsModel';
import { RunNode } from '../../../src/vscode/trees/runsTree';
import { runCost, runCostText } from '../../../src/core/costEstimate';
import { extensionServices } from './services';

describe('commands against the sandbox', () => {
  before(async () => {
    await extensionServices();
  });

  it('checks the inputs of a range: 2020-07-02 lacks its transactions file', async () => {
    const readiness = await vscode.commands.executeCommand<DateReadiness[]>(
      'adatrap.checkInputs',
      '2020-07-01..2020-07-02',
    );
    assert.deepEqual(
      readiness?.map((r) => [r.date, r.ready]),
      [
        ['2020-07-01', true],
        ['2020-07-02', false],
      ],
    );
    assert.match(readiness?.[1].problems.map((p) => p.message).join(' ') ?? '', /2020-07-02\.trx\.gz/);
  });

  it('creates a key pair once, saving its private key with mode 0600, and never overwrites it', async () => {
    const file = await vscode.commands.executeCommand<string>('adatrap.createKeyPair', 'e2e-key');
    assert.ok(file, 'no .pem was written');
    try {
      assert.match(readFileSync(file, 'utf8'), /^-----BEGIN (RSA )?PRIVATE KEY-----/);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const before = readFileSync(file, 'utf8');
      // A second attempt fails (the file exists) as a notification, and leaves the file as it was.
      assert.equal(await vscode.commands.executeCommand('adatrap.createKeyPair', 'e2e-key'), undefined);
      assert.equal(readFileSync(file, 'utf8'), before);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('refuses a name that would escape the workspace folder', async () => {
    assert.equal(await vscode.commands.executeCommand('adatrap.createKeyPair', '../escape'), undefined);
  });

  it('marks a live run past its deadline for the menus and the reader', () => {
    const now = Date.parse('2020-06-29T20:00:00Z');
    const overdue = toRunView(
      {
        instanceId: 'i-0123456789abcdef0',
        date: '2020-06-29',
        state: 'running',
        launchTime: new Date('2020-06-29T10:00:00Z'),
      },
      4,
      now,
    );
    const node = new RunNode(overdue, false, now);
    assert.equal(node.contextValue, 'run.running.overdue');
    assert.match(String(node.getTreeItem().description), /past its deadline/);
    const ended = toRunView(
      {
        instanceId: 'i-0123456789abcdef1',
        date: '2020-06-29',
        state: 'terminated',
        launchTime: new Date('2020-06-29T10:00:00Z'),
        status: 'succeeded',
      },
      4,
      now,
    );
    assert.equal(new RunNode(ended, true, now).contextValue, 'run.terminated.tailing');
    const tagged = toRunView(
      {
        instanceId: 'i-0123456789abcdef2',
        state: 'pending',
        launchTime: new Date('2020-06-29T19:00:00Z'),
        deadline: '2020-06-29T19:30:00Z',
      },
      4,
      now,
    );
    assert.equal(tagged.overdue, true, 'the deadline tag wins over launch time + MAX_RUN_HOURS');
  });

  it("shows a run's cost in its row and tooltip, and a live run's as so far", () => {
    const now = Date.parse('2020-06-29T14:00:00Z');
    const launchTime = new Date('2020-06-29T10:00:00Z');
    const spent = runCost({ launchTime, endTime: new Date('2020-06-29T12:30:00Z'), usdPerHour: 0.376 });
    const cost = { ...spent, market: 'on-demand' as const, usdPerHour: 0.376, recorded: true, running: false };
    const ended = toRunView(
      { instanceId: 'i-0123456789abcdef3', date: '2020-06-29', state: 'terminated', launchTime, status: 'succeeded' },
      4,
      now,
      cost,
    );
    const item = new RunNode(ended, false, now).getTreeItem();
    assert.ok(String(item.description).endsWith(runCostText(cost)), String(item.description));
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /2[.,]5 h/);
    const live = toRunView({ instanceId: 'i-0123456789abcdef4', state: 'running', launchTime }, 4, now, {
      ...cost,
      running: true,
    });
    assert.match(String(new RunNode(live, false, now).getTreeItem().description), /so far|hasta ahora/);
  });
});
