/**
 * End-to-end harness: a real VS Code (code-server 4.100.3) with our extension, on a workspace whose `.env`
 * points at a local sandbox, driven by Debian chromium through playwright-core.
 *
 * Prerequisites: `npm run build` (dist/) and `node scripts/e2e-deps.mjs` (chromium, code-server); `npm test`
 * does both. Use ONE harness per test file (2 cores): start it in `before`, reuse it, close it in `after`.
 *
 *   import { startHarness, Harness } from './harness';
 *   describe('my feature', function () {
 *     this.timeout(180_000);
 *     let h: Harness;
 *     before(async () => { h = await startHarness({ name: 'my-feature' }); });
 *     after(async () => { await h?.close(); });
 *     it('does it', async () => {
 *       await h.openView('ADATRAP', 'Runs');
 *       await h.runCommand('ADATRAP: Refresh');
 *       await h.waitForNotification('…');
 *       await h.screenshot('after-refresh');
 *     });
 *   });
 *
 * startHarness(options) -> Harness. Options (all optional but `name`):
 *   name        used for test-output/e2e/<name>/ (state, logs) and screenshot file names
 *   sandbox     true (default): start `node dist/cli.js sandbox --port P --write-env <workspace>/.env`
 *               (seeded days 2020-06-29..2020-07-01, incomplete 2020-07-02); false: no sandbox
 *   envText     replaces the workspace `.env` text after the sandbox wrote it (string, or a function of the
 *               sandbox's values); `null` deletes it (the "no .env" state)
 *   files       extra workspace files { 'relative/path': 'content' }
 *   install     'vsix' (default): package with vsce and --install-extension, as users get it;
 *               'development': load the repo as extensionDevelopmentPath (no packaging)
 *   settings    user settings merged over quiet defaults (scripts/code-server.json quietSettings)
 *   locale      VS Code display language passed to code-server (default 'en')
 *   open        false: do not open the workbench page (e.g. only runExtensionHostTests); default true
 *
 * Harness members:
 *   page, browser, url, workspace, sandbox?.{endpoint, env}, stateDir
 *   openWorkbench()                 (re)loads the workbench on the workspace and waits for it
 *   runCommand(title)               F1, type the exact palette title, pick it
 *   answerQuickInput(text)          type into the open InputBox/QuickPick and press Enter
 *   waitForNotification(text, ms)   a visible toast containing text (string | RegExp) -> Locator
 *   clickNotificationButton(toast, label)
 *   answerDialog(text, button)      click a button of the modal dialog containing text
 *   contextMenu(locator, item)      right-click (e.g. a tree row) and pick a menu item
 *   panelText() / editorText()      visible text of the panel (output channels) / the active editor
 *   openView(container, view?)      click the activity-bar container, expand the named view
 *   treeRows(view)                  Locator of the rows of a tree view
 *   viewPane(view)                  Locator of a view's pane (its message and welcome content included)
 *   screenshot(name)                test-output/screenshots/<name>-<NN>-<step>.png; returns the path
 *   runExtensionHostTests(modulePath, ms)  opens a second window with the payload URL
 *                                   (extensionDevelopmentPath = repo, extensionTestsPath = modulePath, an
 *                                   absolute path to compiled JS exporting run(), see extensionHostRunner.ts)
 *                                   -> { exitCode, report }; the report is also printed
 *   sandboxState()                  GET <sandbox>/_sandbox/state as JSON
 *   addSandboxFault(spec)           POST <sandbox>/_sandbox/faults (e.g. a slow GetObject keeps a run alive)
 *   close()                         closes the browser, kills code-server's and the sandbox's process trees
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { CodeServer, startCodeServer } from './codeServer';
import { codeServerSetup } from './codeServerSetup';
import { SandboxProcess, startSandboxProcess } from './sandboxProcess';
import type { ExtensionHostTestResult } from './extensionHostRunner';
import { packageVsix } from './vsix';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import * as wb from './workbench';

export { SELECTORS } from './workbench';
export type { SandboxProcess } from './sandboxProcess';
export type { ExtensionHostTestResult } from './extensionHostRunner';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');

interface HarnessOptions {
  name: string;
  sandbox?: boolean;
  envText?: string | null | ((sandboxEnv: Record<string, string>) => string);
  files?: Record<string, string>;
  install?: 'vsix' | 'development';
  settings?: Record<string, unknown>;
  locale?: string;
  open?: boolean;
}

export interface ExtensionHostResult {
  exitCode: number;
  report: string;
  /** Each test's outcome, in the order they ran. */
  tests: ExtensionHostTestResult[];
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export class Harness {
  private shots = 0;
  private closed = false;

  constructor(
    readonly name: string,
    readonly stateDir: string,
    readonly workspace: string,
    readonly browser: Browser,
    readonly page: Page,
    private readonly codeServer: CodeServer,
    readonly sandbox: SandboxProcess | undefined,
    private readonly install: 'vsix' | 'development',
  ) {}

  get url(): string {
    return this.codeServer.url;
  }

  private remote(absolutePath: string): string {
    return `vscode-remote://127.0.0.1:${this.codeServer.port}${absolutePath}`;
  }

  workbenchUrl(payload?: [string, string][]): string {
    const query = new URLSearchParams({ folder: this.workspace });
    const effective =
      payload ??
      (this.install === 'development'
        ? [['extensionDevelopmentPath', this.remote(REPO_ROOT)] as [string, string]]
        : undefined);
    if (effective) query.set('payload', JSON.stringify(effective));
    return `${this.url}/?${query.toString()}`;
  }

  async openWorkbench(): Promise<void> {
    await this.page.goto(this.workbenchUrl());
    await wb.waitForWorkbench(this.page);
  }

  runCommand(title: string, timeoutMs?: number): Promise<void> {
    return wb.runCommand(this.page, title, timeoutMs);
  }

  answerQuickInput(text: string, timeoutMs?: number): Promise<void> {
    return wb.answerQuickInput(this.page, text, timeoutMs);
  }

  waitForNotification(text: string | RegExp, timeoutMs?: number): Promise<Locator> {
    return wb.waitForNotification(this.page, text, timeoutMs);
  }

  clickNotificationButton(toast: Locator, label: string): Promise<void> {
    return wb.clickNotificationButton(toast, label);
  }

  openView(containerTitle: string, viewTitle?: string, timeoutMs?: number): Promise<void> {
    return wb.openView(this.page, containerTitle, viewTitle, timeoutMs);
  }

  answerDialog(text: string | RegExp, button: string, timeoutMs?: number): Promise<void> {
    return wb.answerDialog(this.page, text, button, timeoutMs);
  }

  contextMenu(target: Locator, item: string, timeoutMs?: number): Promise<void> {
    return wb.contextMenu(this.page, target, item, timeoutMs);
  }

  panelText(): Promise<string> {
    return wb.panelText(this.page);
  }

  editorText(): Promise<string> {
    return wb.editorText(this.page);
  }

  viewPane(viewTitle: string): Locator {
    return wb.viewPane(this.page, viewTitle);
  }

  treeRows(viewTitle: string): Locator {
    return wb.treeRows(this.page, viewTitle);
  }

  async screenshot(step: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    this.shots += 1;
    const file = path.join(
      SCREENSHOT_DIR,
      `${this.name}-${String(this.shots).padStart(2, '0')}-${step.replace(/[^\w.-]+/g, '-')}.png`,
    );
    await this.page.screenshot({ path: file });
    return file;
  }

  async sandboxState(): Promise<unknown> {
    if (!this.sandbox) throw new Error('this harness runs without a sandbox');
    return sandboxControlFromEnv(this.sandbox.env).state();
  }

  async addSandboxFault(spec: Record<string, unknown>): Promise<void> {
    if (!this.sandbox) throw new Error('this harness runs without a sandbox');
    const response = await sandboxControlFromEnv(this.sandbox.env).request('POST', '/_sandbox/faults', spec);
    if (!response.ok) throw new Error(`sandbox refused the fault (${response.status}): ${await response.text()}`);
  }

  async runExtensionHostTests(testsModulePath: string, timeoutMs = 180_000): Promise<ExtensionHostResult> {
    if (!existsSync(testsModulePath))
      throw new Error(`${testsModulePath} does not exist (compile with npx tsc -p tsconfig.test.json)`);
    const reportFile = path.join(this.stateDir, 'extension-host-report.txt');
    writeFileSync(reportFile, '');
    writeFileSync(`${reportFile}.jsonl`, '');
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    try {
      const exitCode = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`extension-host tests did not finish within ${timeoutMs} ms`)),
          timeoutMs,
        );
        void page
          .exposeFunction('codeAutomationExit', (code: number) => {
            clearTimeout(timer);
            resolve(code);
          })
          .then(() =>
            page.goto(
              this.workbenchUrl([
                ['extensionDevelopmentPath', this.remote(REPO_ROOT)],
                ['extensionTestsPath', this.remote(testsModulePath)],
              ]),
            ),
          )
          .catch(reject);
      });
      const report = readFileSync(reportFile, 'utf8') || consoleLines.join('\n');
      console.log(report);
      const tests = readFileSync(`${reportFile}.jsonl`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ExtensionHostTestResult);
      return { exitCode, report, tests };
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
    await this.sandbox?.stop();
  }
}

function prepareWorkspace(
  workspace: string,
  options: HarnessOptions,
  sandboxEnv: Record<string, string> | undefined,
): void {
  const envPath = path.join(workspace, '.env');
  if (options.envText === null) rmSync(envPath, { force: true });
  else if (typeof options.envText === 'string') writeFileSync(envPath, options.envText);
  else if (typeof options.envText === 'function') writeFileSync(envPath, options.envText(sandboxEnv ?? {}));
  for (const [relative, content] of Object.entries(options.files ?? {})) {
    const full = path.join(workspace, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const stateDir = path.join(REPO_ROOT, 'test-output', 'e2e', options.name);
  rmSync(stateDir, { recursive: true, force: true });
  // Screenshots of an earlier run of this harness would mix with this run's steps.
  for (const old of existsSync(SCREENSHOT_DIR) ? readdirSync(SCREENSHOT_DIR) : []) {
    if (old.startsWith(`${options.name}-`) && old.endsWith('.png'))
      rmSync(path.join(SCREENSHOT_DIR, old), { force: true });
  }
  const workspace = path.join(stateDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const install = options.install ?? 'vsix';
  let sandbox: SandboxProcess | undefined;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    if (options.sandbox ?? true)
      sandbox = await startSandboxProcess(REPO_ROOT, path.join(workspace, '.env'), path.join(stateDir, 'sandbox.log'));
    prepareWorkspace(workspace, options, sandbox?.env);
    const vsix =
      install === 'vsix' ? await packageVsix(REPO_ROOT, path.join(REPO_ROOT, 'test-output', 'e2e', 'vsix')) : undefined;
    codeServer = await startCodeServer({
      repoRoot: REPO_ROOT,
      stateDir,
      vsixToInstall: vsix,
      settings: options.settings,
      locale: options.locale,
      env: { ADATRAP_E2E_REPORT: path.join(stateDir, 'extension-host-report.txt') },
    });
    browser = await chromium.launch({
      executablePath: codeServerSetup(REPO_ROOT).chromium,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => appendFileSync(path.join(stateDir, 'page-errors.log'), `${e.message}\n`));
    const harness = new Harness(options.name, stateDir, workspace, browser, page, codeServer, sandbox, install);
    if (options.open ?? true) await harness.openWorkbench();
    return harness;
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await sandbox?.stop();
    throw e;
  }
}
