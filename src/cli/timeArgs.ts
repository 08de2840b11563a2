// -s/-e of get-log-stream: a date means that day in Santiago (the users' and the log lines' time zone);
// a full ISO date-time with a zone is taken as it is.
import { isIsoDate, addDays } from '../core/dates';
import { InputError } from '../core/errors';
import { t } from '../core/i18n';
import { santiagoDayStart } from '../core/santiagoTime';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Start of the window: a date's first millisecond, or the exact instant given. */
export function parseStart(text: string, option: string): number {
  if (isIsoDate(text)) return santiagoDayStart(text);
  return parseInstant(text, option);
}

/** End of the window, exclusive: a date counts whole (up to the next day's start), an instant as given. */
export function parseEndExclusive(text: string, option: string): number {
  if (isIsoDate(text)) return santiagoDayStart(addDays(text, 1));
  return parseInstant(text, option) + 1;
}

function parseInstant(text: string, option: string): number {
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new InputError(t('cli.time.bad', { option, text }));
  return ms;
}
