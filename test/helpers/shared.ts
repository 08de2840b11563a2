// The team's read-only fixtures in ../shared, read in place (never copied). CI always has them, so there a
// missing fixture fails the test; elsewhere (a checkout without ../shared) the test is skipped, saying why.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './cli';

/** `../shared` beside the checkout; ADATRAP_SHARED names it for a checkout elsewhere (e.g. a git worktree). */
const SHARED_ROOT = process.env.ADATRAP_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');

/** The fixture's path; fails in CI (CI=true) and skips elsewhere when it is absent. */
export function sharedFixture(context: Mocha.Context, ...parts: string[]): string {
  const file = path.join(SHARED_ROOT, ...parts);
  if (existsSync(file)) return file;
  assert.ok(process.env.CI !== 'true', `${file} is missing: CI must have ../shared`);
  console.log(`    (skipped: ${file} is absent)`);
  context.skip();
}
