// The code-server the e2e tests and `npm start` run is pinned by a committed lockfile, not a floating install.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const read = (...parts: string[]): string => readFileSync(path.join(root, ...parts), 'utf8');

interface Lock {
  lockfileVersion: number;
  packages: Record<string, { version?: string; integrity?: string; dependencies?: Record<string, string> }>;
}

describe('scripts/code-server: the pinned code-server install', () => {
  const version = /CODE_SERVER_VERSION = '([^']+)'/.exec(read('scripts', 'e2e-deps.mjs'))?.[1];
  const pkg = JSON.parse(read('scripts', 'code-server', 'package.json')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(read('scripts', 'code-server', 'package-lock.json')) as Lock;

  it('names one exact code-server version, the one e2e-deps.mjs expects, in package.json and the lockfile', () => {
    assert.ok(version, 'CODE_SERVER_VERSION in e2e-deps.mjs');
    assert.deepEqual(pkg.dependencies, { 'code-server': version });
    assert.deepEqual(lock.packages['']?.dependencies, { 'code-server': version });
    assert.equal(lock.packages['node_modules/code-server']?.version, version);
  });

  it('pins every package of the tree by version and integrity (what npm ci installs)', () => {
    const entries = Object.entries(lock.packages).filter(([p]) => p !== '');
    assert.ok(entries.length > 100, `${entries.length} packages`);
    for (const [p, entry] of entries) {
      assert.match(entry.version ?? '', /^\d+\.\d+\.\d+/, p);
      assert.match(entry.integrity ?? '', /^sha(512|1)-/, p);
    }
  });

  it('is installed with npm ci, never a floating npm install', () => {
    const script = read('scripts', 'e2e-deps.mjs');
    assert.match(script, /'ci', '--prefix'/);
    assert.doesNotMatch(script, /'install',[^\n]*code-server@/);
  });
});
