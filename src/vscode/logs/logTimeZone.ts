// The `adatrap.logs.timeZone` setting: Santiago time (what the agent writes) or UTC, for log documents, search
// results and live tails.
import * as vscode from 'vscode';
import type { LogTimeZone } from '../../core/logFormat';

export function logTimeZone(): LogTimeZone {
  return vscode.workspace.getConfiguration('adatrap.logs').get<string>('timeZone') === 'utc' ? 'utc' : 'santiago';
}
