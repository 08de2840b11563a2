// What each form action does to the `.env` text, as pure functions over EnvFile (comments, order and unknown
// keys survive), plus the smallest single replacement that turns the old text into the new one, so that
// a text editor open on the same file keeps its cursor and VS Code's undo restores exactly what changed.
import { EnvFile } from '../../core/envFile';
import { CONFIG_KEYS, configKeyInfo, isConfigKey } from '../../core/config';
import { t } from '../../core/i18n';
import { InputError } from '../../core/errors';
import type { AuthMode } from './protocol';

export type FormEdit =
  | { readonly kind: 'setValue'; readonly key: string; readonly value: string }
  | { readonly kind: 'replaceSecret'; readonly key: string; readonly value: string }
  | { readonly kind: 'clearSecret'; readonly key: string }
  | { readonly kind: 'setAuthMode'; readonly mode: AuthMode; readonly firstProfile?: string };

interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyFormEdit(text: string, edit: FormEdit): string {
  const file = EnvFile.parse(text);
  switch (edit.kind) {
    case 'setValue':
      // Secrets only change through replaceSecret/clearSecret; a stray setValue must not blank one.
      if (!isConfigKey(edit.key) || configKeyInfo(edit.key).secret) throw new InputError(edit.key);
      file.set(edit.key, edit.value);
      break;
    case 'replaceSecret':
    case 'clearSecret':
      if (!isConfigKey(edit.key) || !configKeyInfo(edit.key).secret) throw new InputError(edit.key);
      file.set(edit.key, edit.kind === 'replaceSecret' ? edit.value.trim() : '');
      break;
    case 'setAuthMode':
      if (edit.mode === 'profile') {
        // Keys win over a profile when both are present, so choosing a profile must remove them (Undo restores).
        for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) file.delete(key);
        if (!file.has('AWS_PROFILE')) file.set('AWS_PROFILE', edit.firstProfile ?? '');
      } else {
        file.delete('AWS_PROFILE');
        for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) if (!file.has(key)) file.set(key, '');
      }
      break;
  }
  return file.toString();
}

export function minimalReplacement(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  // Never cut a CRLF or a surrogate pair in two: editors count those as one position.
  while (start > 0 && (before[start - 1] === '\r' || isHighSurrogate(before.charCodeAt(start - 1)))) start--;
  let tail = 0;
  while (tail < shorter - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  while (
    tail > 0 &&
    (before[before.length - tail] === '\n' || isLowSurrogate(before.charCodeAt(before.length - tail)))
  ) {
    if (before[before.length - tail] === '\n' && before[before.length - tail - 1] !== '\r') break;
    tail--;
  }
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A new `.env`: every required key, empty, under its group's heading, in the order the form shows them. */
export function newEnvText(): string {
  const lines = [`# ${t('connection.template.header')}`];
  for (const group of ['credentials', 'machine', 'logs', 'buckets', 'executable'] as const) {
    lines.push('', `# ${t(`config.group.${group}`)}`);
    for (const info of CONFIG_KEYS) if (info.group === group && info.required) lines.push(`${info.key}=`);
  }
  return `${lines.join('\n')}\n`;
}
