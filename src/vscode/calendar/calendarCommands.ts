// "ADATRAP: Open Run Calendar" (palette and the Runs view title). One host per activation keeps the batch alive
// while the panel comes and goes.
import { parseMonth } from '../../core/dates';
import type { CommandModule } from '../commands/commandModule';
import { CalendarHost } from './calendarHost';

export const calendarCommands: CommandModule = {
  commands: (services) => {
    const host = new CalendarHost(services);
    services.context.subscriptions.push(host);
    return {
      // Other commands and tests may pass the month ('2020-06'); the palette passes nothing.
      'adatrap.openCalendar': (month?: unknown) => {
        host.open(typeof month === 'string' ? parseMonth(month) : undefined);
        return host.shown;
      },
    };
  },
};
