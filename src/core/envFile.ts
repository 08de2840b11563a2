// A `.env` document that can be edited without disturbing what the user wrote: comments, blank lines, order,
// unknown keys, `export ` prefixes, CRLF and a BOM all survive, and toString() returns the input byte for byte
// until something is changed. Values are always read with dotenv's own parser, so what we read is what every
// dotenv-based tool reads; this module only finds where each assignment sits in the text.
import { parse as dotenvParse } from 'dotenv';

import { InputError } from './errors';
import { t } from './i18n';

interface EnvEntry {
  key: string;
  value: string;
}

/** One assignment (possibly a multi-line quoted value) or one line that assigns nothing. */
interface Block {
  /** The block's text, without its final line ending. */
  text: string;
  /** The line ending that follows it: '\n', '\r\n', '\r' or '' (last line without one). */
  eol: string;
  key?: string;
}

const BOM = '\uFEFF';
// Mirrors the start of dotenv's LINE pattern: optional `export`, a key, then `=` or `: `.
const ASSIGNMENT_START = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/;
const KEY_SHAPE = /^[\w.-]+$/;

export class EnvFile {
  private constructor(
    private readonly bom: string,
    private blocks: Block[],
  ) {}

  static parse(text: string): EnvFile {
    const bom = text.startsWith(BOM) ? BOM : '';
    return new EnvFile(bom, splitBlocks(text.slice(bom.length)));
  }

  /** The value dotenv reads for `key` (the last assignment wins), or undefined when it is not assigned. */
  get(key: string): string | undefined {
    const values = this.values();
    return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Every key with its effective value, in the order of first appearance. */
  entries(): EnvEntry[] {
    const values = this.values();
    const seen = new Set<string>();
    const out: EnvEntry[] = [];
    for (const block of this.blocks) {
      if (block.key === undefined || seen.has(block.key) || !(block.key in values)) continue;
      seen.add(block.key);
      out.push({ key: block.key, value: values[block.key] });
    }
    return out;
  }

  /** All values as dotenv reads them. */
  values(): Record<string, string> {
    return dotenvParse(this.blocks.map((b) => b.text + b.eol).join(''));
  }

  /** Keys assigned more than once (dotenv keeps the last one; the others are probably stale). */
  duplicates(): string[] {
    const counts = new Map<string, number>();
    for (const b of this.blocks) if (b.key !== undefined) counts.set(b.key, (counts.get(b.key) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([key]) => key);
  }

  /** How many times `key` is assigned in the text. */
  assignmentCount(key: string): number {
    return this.blocks.filter((b) => b.key === key).length;
  }

  /**
   * Assigns `value` to `key`: the effective (last) assignment is rewritten in place, keeping its `export ` prefix
   * and its trailing comment; a new key is appended. The value is quoted when dotenv would otherwise read it
   * differently. Throws InputError when no quoting can carry the value.
   */
  set(key: string, value: string): void {
    if (!KEY_SHAPE.test(key)) throw new InputError(t('config.env.badKeyName', { key }));
    const index = this.lastIndexOf(key);
    const literal = quoteValue(key, value);
    const before = [...this.blocks];
    if (index < 0) {
      this.append(`${key}=${literal}`);
    } else {
      const block = this.blocks[index];
      this.blocks[index] = { ...block, text: rewriteAssignment(block.text, key, value, literal) };
    }
    // The whole file is read back, since a new line could in theory join a neighbour's open quote.
    if (this.get(key) !== value) {
      this.blocks = before;
      throw new InputError(t('config.env.cannotWrite', { key }));
    }
  }

  /** Removes every assignment of `key` (duplicates too, so that nothing of it is read any more). */
  delete(key: string): boolean {
    const before = this.blocks.length;
    const kept = this.blocks.filter((b) => b.key !== key);
    if (kept.length === before) return false;
    // A file that ended without a newline keeps ending without one when its last assignment goes.
    const lastRemoved = this.blocks[before - 1].key === key;
    if (lastRemoved && kept.length > 0 && this.blocks[before - 1].eol === '') {
      kept[kept.length - 1] = { ...kept[kept.length - 1], eol: '' };
    }
    this.blocks = kept;
    return true;
  }

  toString(): string {
    return this.bom + this.blocks.map((b) => b.text + b.eol).join('');
  }

  private lastIndexOf(key: string): number {
    for (let i = this.blocks.length - 1; i >= 0; i--) if (this.blocks[i].key === key) return i;
    return -1;
  }

  private append(text: string): void {
    const eol = this.dominantEol();
    const last = this.blocks[this.blocks.length - 1];
    if (last && last.eol === '') {
      if (last.text === '') {
        this.blocks[this.blocks.length - 1] = { text, eol, key: blockKey(text) };
        return;
      }
      this.blocks[this.blocks.length - 1] = { ...last, eol };
    }
    this.blocks.push({ text, eol, key: blockKey(text) });
  }

  private dominantEol(): string {
    let crlf = 0;
    let lf = 0;
    for (const b of this.blocks) {
      if (b.eol === '\r\n') crlf++;
      else if (b.eol === '\n') lf++;
    }
    return crlf > lf ? '\r\n' : '\n';
  }
}

/**
 * The text dotenv reads back as exactly `value`: bare when that is plainly safe, else single quotes (no escapes,
 * and no `${…}` expansion in tools such as python-dotenv), else double quotes, else backticks, else bare after
 * all (a value holding all three quote characters, which dotenv still reads unquoted if nothing else is odd).
 */
export function quoteValue(key: string, value: string): string {
  const quoted = [`'${value}'`, `"${value}"`, `\`${value}\``];
  const bareIsSafe = value === '' || (!/[#$\s'"`\\]/.test(value.replace(/ /g, '')) && value.trim() === value);
  for (const candidate of bareIsSafe ? [value, ...quoted] : [...quoted, value]) {
    if (dotenvParse(`${key}=${candidate}`)[key] === value) return candidate;
  }
  throw new InputError(t('config.env.cannotWrite', { key }));
}

function rewriteAssignment(text: string, key: string, value: string, literal: string): string {
  const start = ASSIGNMENT_START.exec(text);
  if (!start) return `${key}=${literal}`;
  const prefix = start[0];
  const comment = trailingComment(text.slice(prefix.length));
  if (comment) {
    const withComment = `${prefix}${literal}${comment}`;
    if (dotenvParse(withComment)[key] === value) return withComment;
  }
  return `${prefix}${literal}`;
}

/** The ` # comment` after a value, if the old value had one. */
function trailingComment(rest: string): string {
  const trimmed = rest.trimStart();
  const quote = trimmed[0];
  if (quote === "'" || quote === '"' || quote === '`') {
    const close = closingQuote(trimmed, quote);
    const afterValue = close < 0 ? '' : trimmed.slice(close + 1);
    return /^[ \t]*#.*$/.test(afterValue) ? afterValue : '';
  }
  // Unquoted, the value stops at the first `#`; keep the blanks before it too.
  const hash = rest.indexOf('#');
  if (hash < 0) return '';
  const spaces = /[ \t]*$/.exec(rest.slice(0, hash))?.[0] ?? '';
  return spaces + rest.slice(hash);
}

/** Index of the quote that closes the one at index 0, as dotenv's pattern finds it (`\q` does not close). */
function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function splitBlocks(text: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = ASSIGNMENT_START.exec(lines[i].text);
    let end = i;
    if (start) {
      const rest = lines[i].text.slice(start[0].length);
      const quote = rest[0];
      if ((quote === "'" || quote === '"' || quote === '`') && closingQuote(rest, quote) < 0) {
        end = findClosingLine(lines, i, rest, quote);
      }
    }
    const group = lines.slice(i, end + 1);
    const blockText = group.map((l, j) => l.text + (j < group.length - 1 ? l.eol : '')).join('');
    blocks.push({ text: blockText, eol: group[group.length - 1].eol, key: blockKey(blockText) });
    i = end;
  }
  return blocks;
}

/** A quoted value left open spans lines until its closing quote; without one, dotenv reads just the first line. */
function findClosingLine(lines: { text: string }[], first: number, rest: string, quote: string): number {
  let open = rest;
  for (let j = first + 1; j < lines.length; j++) {
    open += '\n' + lines[j].text;
    if (closingQuote(open, quote) >= 0) return j;
  }
  return first;
}

function splitLines(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ text: text.slice(from, m.index), eol: m[0] });
    from = m.index + m[0].length;
  }
  if (from < text.length || out.length === 0) out.push({ text: text.slice(from), eol: '' });
  return out;
}

/** The key a block assigns, when dotenv reads an assignment from it. */
function blockKey(text: string): string | undefined {
  const start = ASSIGNMENT_START.exec(text);
  if (!start) return undefined;
  return start[1] in dotenvParse(text) ? start[1] : undefined;
}
