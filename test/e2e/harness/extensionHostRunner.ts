// Runs inside code-server's extension host (never in the outer mocha). An extension-host test module is
//   export function run(): Promise<void> { return runSuites(__dirname, /\.spec\.js$/); }
// Suites are named *.spec.ts so the outer `out/test/**/*.test.js` glob never loads them: they import vscode.
// Each test's outcome goes to the console and to $ADATRAP_E2E_REPORT (set by the harness), which the harness
// prints after the run, because extension-host stdout is not visible from the test process; and, one JSON line
// per test, to $ADATRAP_E2E_REPORT.jsonl, from which the outer mocha reports each test as its own.
import { appendFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function report(line: string): void {
  console.log(line);
  const file = process.env.ADATRAP_E2E_REPORT;
  if (file) appendFileSync(file, `${line}\n`);
}

/** One test's outcome, as the outer runner reads it back (`extensionHostResults` in ./index.ts). */
export interface ExtensionHostTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

function record(result: ExtensionHostTestResult): void {
  const file = process.env.ADATRAP_E2E_REPORT;
  if (file) appendFileSync(`${file}.jsonl`, `${JSON.stringify(result)}\n`);
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
    forbidOnly: true,
    reporter: class Silent {} as unknown as Mocha.ReporterConstructor,
  });
  for (const file of filesUnder(dir, pattern)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
      );
      runner.on('pass', (test) => {
        report(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
        record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      });
      runner.on('fail', (test, err: Error) => {
        report(`  ✗ ${test.fullTitle()}\n      ${err.stack ?? err.message}`);
        record({
          title: test.fullTitle(),
          state: 'failed',
          durationMs: test.duration ?? 0,
          error: err.stack ?? err.message,
        });
      });
      runner.on('pending', (test) => {
        report(`  - ${test.fullTitle()} (skipped)`);
        record({ title: test.fullTitle(), state: 'pending', durationMs: 0 });
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
