// docs/ARCHITECTURE.md says where each kind of thing lives: every file it names must exist, and every symbol it
// places in a file (`name` in `file.ts`, `name(…)` (`file.ts`)) must be exported there, or the guide is stale.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
const SOURCE_DIRS = ['src', 'agent', 'media', 'test', 'scripts', 'bench'];

function filesUnder(dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(relative) : [relative];
  });
}

/** Repository paths the guide names: a file (with an extension) or a folder (ending in /); not a pattern. */
function namedPaths(): string[] {
  const found = doc.match(/\b(?:out\/)?(?:src|agent|media|test|scripts|bench|l10n|docs)\/[\w./<>*…-]*/g) ?? [];
  const paths = found
    .map((p) => p.replace(/[.,;:]+$/, ''))
    .filter((p) => !/[<>*…]/.test(p) && (p.endsWith('/') || /\.\w+$/.test(p)));
  return [...new Set(paths)];
}

describe('docs/ARCHITECTURE.md against the tree', () => {
  const sources = SOURCE_DIRS.flatMap(filesUnder);

  it('names only files and folders that exist (compiled test paths by their source)', () => {
    const paths = namedPaths();
    assert.ok(paths.length > 50, `only ${paths.length} paths found: the pattern no longer reads the guide`);
    const missing = paths.filter((p) => {
      const source = p.startsWith('out/') ? p.slice('out/'.length).replace(/\.js$/, '.ts') : p;
      return !existsSync(path.join(root, source));
    });
    assert.deepEqual(missing, []);
  });

  it('names only bundles scripts/build.mjs writes', () => {
    const build = readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
    const bundles = [...new Set(doc.match(/\bdist\/[\w.-]+\.js\b/g) ?? [])];
    assert.ok(bundles.length >= 5, bundles.join(', '));
    assert.deepEqual(
      bundles.filter((b) => !build.includes(`'${b}'`)),
      [],
    );
  });

  it('places each symbol in a file that exports it', () => {
    const placements = [...doc.matchAll(/`(\w+)(?:\([^`]*\))?` (?:in |\()`([\w./-]+\.(?:ts|mjs))`/g)];
    assert.ok(placements.length > 20, `only ${placements.length} placements found`);
    const wrong = placements
      .map(([, symbol, file]) => ({ symbol: symbol as string, file: file as string }))
      .filter(({ symbol, file }) => {
        const candidates = sources.filter((s) => s === file || s.endsWith(`/${file}`));
        const exported = new RegExp(
          `export\\s+(?:async\\s+)?(?:function|const|class|interface|type|let)\\s+${symbol}\\b|export\\s*\\{[^}]*\\b${symbol}\\b`,
        );
        return !candidates.some((c) => exported.test(readFileSync(path.join(root, c), 'utf8')));
      })
      .map(({ symbol, file }) => `${symbol} in ${file}`);
    assert.deepEqual(wrong, []);
  });
});
