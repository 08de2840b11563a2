// Runs inside code-server's extension host (never in the outer mocha). An extension-host test module is
//   export function run(): Promise<void> { return runSuites(__dirname, /\.spec\.js$/); }
// Suites are named *.spec.ts so the outer `out/test/**/*.test.js` glob never loads them: they import vscode.
// Each test's outcome goes to the console and to $ADATRAP_E2E_REPORT (set by the harness), which the harness
// prints after the run, because extension-host stdout is not visible from the test process.
import { appendFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function report(line: string): void {
  console.log(line);
  const file = process.env.ADATRAP_E2E_REPORT;
  if (file) appendFileSync(file, `${line}\n`);
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, pattern));
    else if (pattern.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** Loads every file under `dir` matching `pattern` into one mocha run; rejects when any test fails. */
export function runSuites(dir: string, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: timeoutMs,
    color: false,
    reporter: class Silent {} as unknown as Mocha.ReporterConstructor,
  });
  for (const file of filesUnder(dir, pattern)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
      );
      runner.on('pass', (test) => report(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`));
      runner.on('fail', (test, err: Error) => report(`  ✗ ${test.fullTitle()}\n      ${err.stack ?? err.message}`));
      runner.on('pending', (test) => report(`  - ${test.fullTitle()} (skipped)`));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
