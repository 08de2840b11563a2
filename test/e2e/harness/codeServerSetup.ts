// The VS Code the e2e tests run, as scripts/code-server.json describes it for them and for `npm start` alike:
// one copy of code-server's entry, the browser, the quiet flags and settings and vsce's packaging arguments.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CodeServerSetup {
  /** code-server's entry script, below the repo root. */
  readonly entry: readonly string[];
  readonly chromium: string;
  readonly quietFlags: readonly string[];
  readonly quietSettings: Readonly<Record<string, unknown>>;
  readonly vscePackage: readonly string[];
}

export function codeServerSetup(repoRoot: string): CodeServerSetup {
  return JSON.parse(readFileSync(path.join(repoRoot, 'scripts', 'code-server.json'), 'utf8')) as CodeServerSetup;
}
