// The Run calendar opens where the work is. This suite runs before any other suite launches a machine (files run
// in name order), on a fresh workspace: no run and no remembered month, so it opens on the month of the first
// day with inputs (the seed's 2020-06-29), not on the empty current month.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MonthCalendar } from '../../../src/core/calendar';
import { COMMANDS } from '../../../src/vscode/commands/commandIds';
import { extensionServices, waitFor } from './services';

interface Shown {
  month: string;
  calendar?: MonthCalendar;
}

describe('run calendar: where it opens', () => {
  before(async () => {
    await extensionServices();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens on the month of the first day with inputs when there is no run yet', async () => {
    const services = await extensionServices();
    await services.trees.refreshRuns();
    assert.deepEqual(
      services.runs.runs.map((r) => r.instanceId),
      [],
      'a run exists already: this suite must run first',
    );
    await vscode.commands.executeCommand<Shown>(COMMANDS.openCalendar);
    const shown = await waitFor('the calendar to show a month', async () => {
      const now = await vscode.commands.executeCommand<Shown>(COMMANDS.openCalendar);
      return now?.calendar ? now : undefined;
    });
    assert.equal(shown.month, '2020-06');
    assert.equal(shown.calendar?.month, '2020-06');
    assert.equal(shown.calendar?.days.find((d) => d.date === '2020-06-29')?.kind, 'ready');
  });
});
