// Issue 8: every user-facing string exists in Spanish and English, and none bypasses the catalogues.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogKeys, tIn } from '../../../src/core/i18n';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, ext));
    else if (ext.test(entry.name)) out.push(rel);
  }
  return out;
}

function readJson(rel: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, string>;
}

describe('message catalogues (Spanish and English)', () => {
  it('has the same keys in both languages of the core catalogue', () => {
    const { en, es } = catalogKeys();
    assert.ok(en.length > 0, 'the catalogue is empty');
    assert.deepEqual(
      en.filter((k) => !es.includes(k)),
      [],
      'keys missing in Spanish',
    );
    assert.deepEqual(
      es.filter((k) => !en.includes(k)),
      [],
      'keys missing in English',
    );
  });

  it('keeps the same {placeholders} in both languages', () => {
    const { en } = catalogKeys();
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = en.filter((k) => {
      // Interpolation leaves unknown placeholders in place, so the raw templates show their names.
      const key = k as Parameters<typeof tIn>[1];
      return names(tIn('en', key)).join() !== names(tIn('es', key)).join();
    });
    assert.deepEqual(mismatched, []);
  });

  it('translates every contributed string (package.nls.json and package.nls.es.json)', function () {
    const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...pkgText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    const en = readJson('package.nls.json');
    const es = readJson('package.nls.es.json');
    assert.deepEqual(
      used.filter((k) => !(k in en)),
      [],
      'placeholders without an English text',
    );
    assert.deepEqual(
      Object.keys(en).filter((k) => !(k in es)),
      [],
      'package.nls keys without Spanish',
    );
    assert.deepEqual(
      Object.keys(es).filter((k) => !(k in en)),
      [],
      'package.nls.es keys unknown in English',
    );
  });

  it('contributes no literal titles, names or welcome texts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: unknown };
    const literal: string[] = [];
    const visit = (node: unknown, trail: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${trail}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          const userFacing = [
            'title',
            'name',
            'contents',
            'description',
            'markdownDescription',
            'displayName',
            'shortTitle',
            'category',
            'placeholder',
          ].includes(k);
          if (userFacing && typeof v === 'string' && !/^%[^%]+%$/.test(v) && v !== 'ADATRAP')
            literal.push(`${trail}.${k}: ${v}`);
          else visit(v, `${trail}.${k}`);
        }
      }
    };
    visit(pkg.contributes, 'contributes');
    assert.deepEqual(literal, []);
  });

  it('has a Spanish translation for every vscode.l10n.t string', function () {
    const bundlePath = 'l10n/bundle.l10n.es.json';
    const sources = filesUnder('src/vscode', /\.ts$/).concat(
      ['src/extension.ts'].filter((f) => fs.existsSync(path.join(root, f))),
    );
    const used = new Set<string>();
    for (const file of sources) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g))
        used.add(m[2].replace(/\\(['"`\\])/g, '$1'));
    }
    assert.ok(used.size > 100, `only ${used.size} l10n.t strings found: the scan is broken`);
    const es = fs.existsSync(path.join(root, bundlePath)) ? readJson(bundlePath) : {};
    assert.deepEqual([...used].filter((s) => !(s in es)).sort(), [], `strings missing from ${bundlePath}`);
  });

  it('lets no user-facing literal bypass the catalogue in the CLI, agent, sandbox or core', () => {
    // A literal handed straight to an error, the console or a notification is a string only one language sees.
    const patterns: Array<[RegExp, string]> = [
      [/new (?:User|Input)Error\(\s*['"`][A-Za-z]/, 'error built from a literal'],
      [/console\.(?:log|error|warn)\(\s*['"`][A-Za-z]{2}/, 'console output of a literal'],
      [/process\.(?:stdout|stderr)\.write\(\s*['"`][A-Za-z]{2}/, 'terminal output of a literal'],
      [/\.(?:description|summary)\(\s*['"`][A-Za-z]/, 'commander help text from a literal'],
    ];
    const files = ['src/core', 'src/aws', 'src/sandbox', 'src/cli', 'agent']
      .flatMap((d) => filesUnder(d, /\.ts$/))
      .concat(['src/cli.ts'].filter((f) => fs.existsSync(path.join(root, f))));
    const offenders: string[] = [];
    for (const file of files) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
      fs.readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [re, what] of patterns) if (re.test(line)) offenders.push(`${file}:${i + 1} ${what}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  it('lets no notification in the extension bypass vscode.l10n.t', () => {
    const files = filesUnder('src/vscode', /\.ts$/).concat(
      ['src/extension.ts'].filter((f) => fs.existsSync(path.join(root, f))),
    );
    const offenders: string[] = [];
    const re =
      /show(?:Information|Warning|Error)Message\(\s*['"`]|withProgress\([^)]*title:\s*['"`]|placeHolder:\s*['"`][A-Za-z]|prompt:\s*['"`][A-Za-z]/;
    for (const file of files) {
      fs.readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (re.test(line)) offenders.push(`${file}:${i + 1}`);
        });
    }
    assert.deepEqual(offenders, []);
  });
});
