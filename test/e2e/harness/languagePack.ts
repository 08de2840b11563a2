// A minimal Spanish language pack for tests. VS Code (and code-server) only switch an extension to its
// package.nls.es.json / bundle.l10n.es.json when a language pack for 'es' is installed; the real
// "Spanish Language Pack" comes from the marketplace, which this machine cannot reach. This pack declares
// the language with no translations of its own, so the workbench stays English while every string of ours
// shows in Spanish: exactly what our own localization must get right.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

const PUBLISHER = 'adatrap-test';
const NAME = 'test-language-pack-es';

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${output}`)),
    );
  });
}

/** Packages the pack once per state folder and returns the .vsix path. */
export async function buildSpanishLanguagePack(repoRoot: string, workDir: string): Promise<string> {
  const dir = path.join(workDir, NAME);
  mkdirSync(path.join(dir, 'translations'), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: NAME,
        displayName: 'Spanish language declaration (tests only)',
        description: 'Declares the Spanish display language for end-to-end tests',
        version: '0.0.1',
        publisher: PUBLISHER,
        license: 'MIT',
        engines: { vscode: '^1.100.0' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [
            {
              languageId: 'es',
              languageName: 'Spanish',
              localizedLanguageName: 'español',
              translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
            },
          ],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(path.join(dir, 'README.md'), '# Spanish language declaration for tests\n');
  const vsix = path.join(workDir, `${NAME}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  await run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix],
    process.env,
    dir,
  );
  return vsix;
}

/**
 * code-server reads `languagepacks.json` from the user-data folder at start-up to resolve the display
 * language; installing from the command line does not write it (the running server's localization service
 * does, later), so the test writes the entry the server would have written.
 */
export function registerLanguagePack(userDataDir: string, extensionsDir: string): void {
  const installed = readdirSync(extensionsDir).find((d) => d.startsWith(`${PUBLISHER}.${NAME}-`));
  if (!installed) throw new Error(`the test language pack is not installed in ${extensionsDir}`);
  const translations = path.join(extensionsDir, installed, 'translations', 'main.i18n.json');
  const entry = {
    es: {
      hash: 'adatrap-test-es-1',
      extensions: [{ extensionIdentifier: { id: `${PUBLISHER}.${NAME}` }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: 'español',
    },
  };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(entry));
}
