// The webview's words, in the user's language. Each string is a literal vscode.l10n.t call so the catalogue
// test finds it and l10n/bundle.l10n.es.json must translate it.
import * as vscode from 'vscode';
import type { GroupId, WebviewStrings } from './protocol';

export function webviewStrings(): WebviewStrings {
  return {
    title: vscode.l10n.t('ADATRAP configuration'),
    problemsNone: vscode.l10n.t('Ready: every required setting is valid'),
    problemsOne: vscode.l10n.t('1 setting to fix'),
    problemsSome: vscode.l10n.t('{count} settings to fix'),
    openAsText: vscode.l10n.t('Open as Text'),
    required: vscode.l10n.t('Required'),
    optional: vscode.l10n.t('Optional'),
    authLegend: vscode.l10n.t('Sign in to AWS with'),
    authKeys: vscode.l10n.t('Access keys in this file'),
    authProfile: vscode.l10n.t('An AWS profile (recommended, including SSO)'),
    authProfileHelp: vscode.l10n.t(
      'A profile (from ~/.aws/config or ~/.aws/credentials, SSO included) keeps the keys out of this folder. Choosing it removes the access keys from .env; Undo brings them back.',
    ),
    noProfilesFound: vscode.l10n.t(
      'No profile was found in your AWS configuration files: type its name, or create one with "aws configure --profile NAME".',
    ),
    chooseProfile: vscode.l10n.t('Choose a profile…'),
    chooseRegion: vscode.l10n.t('Choose a region…'),
    secretSet: vscode.l10n.t('Set'),
    secretNotSet: vscode.l10n.t('Not set'),
    secretReplace: vscode.l10n.t('Replace…'),
    secretEnter: vscode.l10n.t('Set…'),
    secretClear: vscode.l10n.t('Clear'),
    secretSave: vscode.l10n.t('Save'),
    secretCancel: vscode.l10n.t('Cancel'),
    secretNewLabel: vscode.l10n.t('Enter a new value'),
    overridden: vscode.l10n.t('An environment variable of the same name is set: it overrides this value.'),
    otherKeys: vscode.l10n.t('Other keys in this file, kept as they are:'),
    testTitle: vscode.l10n.t('Test connection'),
    testHelp: vscode.l10n.t(
      'Signs in, then checks every bucket, the log group and stream, the executable, the key pair and the machine image. Only the output bucket is written to (a tiny file, deleted at once).',
    ),
    testButton: vscode.l10n.t('Test Connection'),
    testRunning: vscode.l10n.t('Checking…'),
    testAllGood: vscode.l10n.t('Everything is reachable.'),
    testOneFailed: vscode.l10n.t('1 check failed: it says what to fix.'),
    testSomeFailed: vscode.l10n.t('{count} checks failed: each says what to fix.'),
    inputsTitle: vscode.l10n.t('Check inputs for a date'),
    inputsHelp: vscode.l10n.t(
      'Checks that the GPS, 1.96 and transaction files, a service dictionary and a service detail exist for the day, and that the executable is there.',
    ),
    inputsDateLabel: vscode.l10n.t('Date (YYYY-MM-DD)'),
    inputsButton: vscode.l10n.t('Check Inputs'),
    inputsRunning: vscode.l10n.t('Looking at the buckets…'),
    inputsReady: vscode.l10n.t('{date} is ready to run.'),
    inputsNotReady: vscode.l10n.t('{date} is not ready:'),
    fixCreateLogGroup: vscode.l10n.t('Create Log Group'),
    fixCreateLogStream: vscode.l10n.t('Create Log Stream'),
    statusOk: vscode.l10n.t('Passed'),
    statusFail: vscode.l10n.t('Failed'),
    statusWarn: vscode.l10n.t('Warning'),
    statusSkipped: vscode.l10n.t('Not checked'),
    requestFailed: vscode.l10n.t('The check could not run: {message}'),
    onThisPage: vscode.l10n.t('Sections'),
    searchPlaceholder: vscode.l10n.t('Search settings'),
    searchNoResults: vscode.l10n.t('No setting matches this search.'),
    goToProblem: vscode.l10n.t('Show the first'),
  };
}

export function groupDescriptions(): Record<GroupId, string> {
  return {
    credentials: vscode.l10n.t('Who ADATRAP Miner is in AWS, and where.'),
    machine: vscode.l10n.t('The Windows machine launched for each day.'),
    logs: vscode.l10n.t('Where runs write their progress (CloudWatch Logs).'),
    buckets: vscode.l10n.t('S3 buckets holding each kind of input, and the one receiving results.'),
    executable: vscode.l10n.t('Where pvmtsc_vX.exe and its .par template are, and which X to run.'),
    optional: vscode.l10n.t('Leave empty unless your account needs them.'),
  };
}

export function editorTitle(): string {
  return vscode.l10n.t('ADATRAP configuration');
}
