// What the user may type where dates are asked: one day, or a range as "FROM..TO" or "FROM TO" (the CLI's
// `FROM [TO]`). Validation is the core's, so the messages match the command line's.
import * as vscode from 'vscode';
import { eachDate, parseRunDates, type DateRange } from '../core/dates';
import { InputError, errorMessage } from '../core/errors';

export function parseDatesInput(text: string, today?: string): DateRange {
  const parts = text
    .trim()
    .split(/\s*\.\.\s*|\s+|\s*,\s*/)
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 2) throw new InputError(invalidShape(text));
  return today ? parseRunDates(parts[0], parts[1], today) : parseRunDates(parts[0], parts[1]);
}

/** For InputBox.validateInput: undefined when valid, else the reason (in the core catalogue's language). */
export function validateDatesInput(text: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    parseDatesInput(text);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}

export function datesOf(range: DateRange): string[] {
  return eachDate(range);
}

function invalidShape(text: string): string {
  return vscode.l10n.t('"{0}" is not a date or a range: type YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD.', text.trim());
}
