// "ADATRAP: Open Run Calendar" (palette and the Runs view title). One host per activation keeps the batch alive
// while the panel comes and goes.
import * as vscode from 'vscode';
import { parseMonth } from '../../core/dates';
import type { CommandModule } from '../commands/commandModule';
import { CALENDAR_VIEW_TYPE, CalendarHost } from './calendarHost';
import { COMMANDS } from '../commands/commandIds';

export const calendarCommands: CommandModule = {
  commands: (services) => {
    const host = new CalendarHost(services);
    services.context.subscriptions.push(
      host,
      // A calendar open when the window reloads comes back on the same month.
      vscode.window.registerWebviewPanelSerializer(CALENDAR_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => host.restore(panel, state),
      }),
    );
    return {
      // Other commands and tests may pass the month ('2020-06'); the palette passes nothing.
      [COMMANDS.openCalendar]: (month?: unknown) => {
        host.open(typeof month === 'string' ? parseMonth(month) : undefined);
        return host.shown;
      },
    };
  },
};
