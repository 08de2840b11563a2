// The `.par` template of pvmtsc: line-oriented text, each line a value, tabs, then `* comment`. Rendering fills
// four placeholders; reading the rendered lines tells which files the executable will read and write, so a
// run's inputs can be checked before any machine starts. Outputs are exactly the paths under `ADATRAP/`.
import { toCompactDate } from './dates';
import { t } from './i18n';
import type { PoFile, ServiceDetailFile } from './inputs';

interface ParValues {
  /** The run date, YYYY-MM-DD. */
  date: string;
  /** Folder the PO zip was unpacked to, e.g. `tmp/2020-06-27`. */
  poPath: string;
  /** The PO date; YYYYMMDD as it appears in file names (YYYY-MM-DD is accepted and compacted). */
  poDate: string;
  /** Path of the unpacked service-detail CSV. */
  serviceDetailFile: string;
}

interface ParFiles {
  /** Files the executable reads, in template order, without duplicates. */
  inputs: string[];
  /** Files it writes (under ADATRAP/). */
  outputs: string[];
  /** Folders it writes into (under ADATRAP/, ending with `/`). */
  outputFolders: string[];
  /** Other folders the template names (e.g. `{po_path}/Indicadores/`). */
  otherFolders: string[];
}

const PAR_PLACEHOLDERS = ['{date}', '{po_path}', '{po_date}', '{service_detail_file}'] as const;
/** Where the agent downloads and unpacks inputs, relative to its work folder. */
export const WORK_INPUT_DIR = 'tmp';
const OUTPUT_ROOT = 'ADATRAP/';
const PO_PATH = '{po_path}';

/** Replaces every occurrence of the four placeholders. */
export function renderPar(template: string, values: ParValues): string {
  const replacements: Record<string, string> = {
    '{date}': values.date,
    '{po_path}': values.poPath,
    '{po_date}': compactPoDate(values.poDate),
    '{service_detail_file}': values.serviceDetailFile,
  };
  return template.replace(/\{date\}|\{po_path\}|\{po_date\}|\{service_detail_file\}/g, (p) => replacements[p]);
}

/** The values the agent uses for a run: inputs unpacked under `tmp/`, the PO in `tmp/<PO date>`. */
export function parValuesFor(date: string, po: PoFile, serviceDetail: ServiceDetailFile): ParValues {
  return {
    date,
    poPath: `${WORK_INPUT_DIR}/${po.date}`,
    poDate: toCompactDate(po.date),
    serviceDetailFile: `${WORK_INPUT_DIR}/${serviceDetail.key.replace(/\.gz$/, '')}`,
  };
}

/** Every file path a rendered template reads, in order (tmp/D.gps, tmp/D.196, tmp/D.trx, PO files, service detail). */
export function requiredInputs(rendered: string): string[] {
  return parFiles(rendered).inputs;
}

/** Files and folders a rendered template writes. */
export function outputPaths(rendered: string): { files: string[]; folders: string[] } {
  const files = parFiles(rendered);
  return { files: files.outputs, folders: files.outputFolders };
}

/** Classifies every path-valued line of a (rendered or raw) template. */
export function parFiles(text: string): ParFiles {
  const result: ParFiles = { inputs: [], outputs: [], outputFolders: [], otherFolders: [] };
  for (const path of pathValues(text)) {
    const isFolder = /[/\\]$/.test(path);
    const isOutput = path.replace(/\\/g, '/').startsWith(OUTPUT_ROOT);
    const list = isOutput
      ? isFolder
        ? result.outputFolders
        : result.outputs
      : isFolder
        ? result.otherFolders
        : result.inputs;
    if (!list.includes(path)) list.push(path);
  }
  return result;
}

/**
 * The PO files the template needs, relative to the PO folder (e.g. `Paraderos/ConsolidadoParadas_PO20200627.csv`),
 * for the PO of `poDate` (YYYYMMDD or YYYY-MM-DD).
 */
export function requiredPoFiles(template: string, poDate: string): string[] {
  const compact = compactPoDate(poDate);
  const out: string[] = [];
  for (const path of pathValues(template)) {
    if (!path.startsWith(PO_PATH) || /[/\\]$/.test(path)) continue;
    const relative = path
      .slice(PO_PATH.length)
      .replace(/\\/g, '/')
      .replace(/^\/+/, '')
      .split('{po_date}')
      .join(compact);
    if (relative !== '' && !out.includes(relative)) out.push(relative);
  }
  return out;
}

/** Placeholders like `{name}` left in a rendered template: a template for another tool version, or a typo. */
export function leftoverPlaceholders(rendered: string): string[] {
  return [...new Set(rendered.match(/\{[A-Za-z_]+\}/g) ?? [])];
}

/**
 * The value field of each line that names a path. A value is what precedes the first `*` and the first tab;
 * it names a path when it is one word that contains a folder separator or ends in a file extension
 * (so `1`, `200.0`, `T201 00I` and titles are not paths).
 */
function pathValues(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const value = line.split('*')[0].split('\t')[0].trim();
    if (value === '' || /\s/.test(value)) continue;
    if (/[/\\]/.test(value) || /\.[A-Za-z][A-Za-z0-9]*$/.test(value)) out.push(value);
  }
  return out;
}

function compactPoDate(poDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(poDate) ? toCompactDate(poDate) : poDate;
}

/** What is suspicious about a template before it is used: unknown placeholders, or no PO file at all. */
export function templateProblems(name: string, template: string): string[] {
  const known: readonly string[] = PAR_PLACEHOLDERS;
  const unknown = leftoverPlaceholders(template).filter((p) => !known.includes(p));
  const problems: string[] = [];
  if (unknown.length > 0) problems.push(t('par.leftoverPlaceholders', { name, placeholders: unknown.join(', ') }));
  if (requiredPoFiles(template, '00000000').length === 0) problems.push(t('par.noPoFiles', { name }));
  return problems;
}
