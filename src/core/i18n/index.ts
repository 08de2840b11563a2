// One message catalogue for the CLI, the agent, the sandbox and the core (the extension uses vscode.l10n
// for its own UI strings and sets this catalogue's language from vscode.env.language).
import * as common from './catalog/common';
import * as connection from './catalog/connection';
import * as cli from './catalog/cli';
import * as aws from './catalog/aws';
import * as calendar from './catalog/calendar';
import * as agent from './catalog/agent';
import * as config from './catalog/config';
import * as dates from './catalog/dates';
import * as inputs from './catalog/inputs';
import * as par from './catalog/par';
import * as sandbox from './catalog/sandbox';
import * as machine from './catalog/machine';
import * as orch from './catalog/orch';
import * as diagnose from './catalog/diagnose';
import * as sandboxAccess from './catalog/sandboxAccess';
import * as logsearch from './catalog/logsearch';
import * as boot from './catalog/boot';
import * as stack from './catalog/stack';
import * as deadline from './catalog/deadline';
import * as batches from './catalog/batches';
import * as safety from './catalog/safety';
import * as cost from './catalog/cost';
import * as batchLaunch from './catalog/batchLaunch';

export type Lang = 'es' | 'en';

// Every area's catalogue is merged here; add yours to this list.
const catalogs = [
  common,
  connection,
  cli,
  aws,
  calendar,
  agent,
  config,
  dates,
  inputs,
  par,
  sandbox,
  machine,
  orch,
  diagnose,
  sandboxAccess,
  safety,
  logsearch,
  boot,
  stack,
  deadline,
  batches,
  cost,
  batchLaunch,
] as const;

type Catalog = (typeof catalogs)[number]['en'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Catalog>;
export type MessageParams = Record<string, string | number>;

const tables: Record<Lang, Record<string, string>> = { en: {}, es: {} };
for (const c of catalogs) {
  Object.assign(tables.en, c.en);
  Object.assign(tables.es, c.es);
}

// Detected on first use, not at load: asking Intl for the system locale loads ICU data, which was half of the
// extension's load time (bench), and the extension sets the language from VS Code's anyway.
let current: Lang | undefined;

/** ADATRAP_LANG wins, then the POSIX locale variables, then Intl; Spanish when nothing says otherwise. */
function detectLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  const candidates = [env.ADATRAP_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const c of candidates) {
    const lang = toLang(c);
    if (lang) return lang;
  }
  return toLang(Intl.DateTimeFormat().resolvedOptions().locale) ?? 'es';
}

/** Maps 'es-CL', 'en_US.UTF-8', 'es' … to a supported language; undefined for C/POSIX/unknown. */
export function toLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith('es')) return 'es';
  if (v.startsWith('en')) return 'en';
  return undefined;
}

export function setLanguage(lang: Lang): void {
  current = lang;
}

export function getLanguage(): Lang {
  current ??= detectLanguage();
  return current;
}

/** BCP 47 locale for Intl formatting in the current language. */
export function locale(lang: Lang = getLanguage()): string {
  return lang === 'es' ? 'es-CL' : 'en-US';
}

export function t(key: MessageKey, params?: MessageParams): string {
  return tIn(getLanguage(), key, params);
}

export function tIn(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = tables[lang][key] ?? tables.en[key] ?? key;
  return interpolate(template, params);
}

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For tests: both tables, to check that no key exists in one language only. */
export function catalogKeys(): Record<Lang, string[]> {
  return { en: Object.keys(tables.en).sort(), es: Object.keys(tables.es).sort() };
}
