// The Run calendar opens where the work is. This suite runs before any other suite launches a machine (files run
// in name order), on a fresh workspace: no run and no remembered month, so it opens on the month of the first
// day with inputs (the seed's 2020-06-29), not on the empty current month. It does so even when the calendar is
// reloaded (here by a configuration change) while it is still looking for that month: on a loaded machine the
// search is slow, and a reload meanwhile used to show the empty current month and drop what the search found.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MonthCalendar } from '../../../src/core/calendar';
import { EnvFile } from '../../../src/core/envFile';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import { COMMANDS } from '../../../src/vscode/commands/commandIds';
import { openSuiteWorkspace, restoreSuiteWorkspace, waitFor, type SuiteWorkspace } from './services';

interface Shown {
  month: string;
  calendar?: MonthCalendar;
}

describe('run calendar: where it opens', () => {
  let workspace: SuiteWorkspace | undefined;

  before(async () => {
    workspace = await openSuiteWorkspace();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    if (workspace) await restoreSuiteWorkspace(workspace, '');
  });

  it('opens on the month of the first day with inputs when there is no run yet', async () => {
    assert.ok(workspace);
    const { services, envPath, original } = workspace;
    await services.trees.refreshRuns();
    assert.deepEqual(
      services.runs.runs.map((r) => r.instanceId),
      [],
      'a run exists already: this suite must run first',
    );
    // The search for the work month lists the runs first: slowed, it is still running when the reload comes.
    await sandboxControlFromEnv(EnvFile.parse(original).values()).addFaults({
      service: 'ec2',
      kind: 'slow',
      operation: 'DescribeInstances',
      delayMs: 4000,
      count: 2,
    });
    await vscode.commands.executeCommand<Shown>(COMMANDS.openCalendar);
    // A configuration change reloads the calendar (a value it does not show: the run-hours limit).
    await vscode.workspace.fs.writeFile(vscode.Uri.file(envPath), Buffer.from(`MAX_RUN_HOURS=7\n${original}`));
    await services.config.reload();
    const shown = await waitFor('the calendar to show a month', async () => {
      const now = await vscode.commands.executeCommand<Shown>(COMMANDS.openCalendar);
      return now?.calendar ? now : undefined;
    });
    assert.equal(shown.month, '2020-06');
    assert.equal(shown.calendar?.month, '2020-06');
    assert.equal(shown.calendar?.days.find((d) => d.date === '2020-06-29')?.kind, 'ready');
  });
});
