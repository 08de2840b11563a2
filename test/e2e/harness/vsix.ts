// Packages the built extension the way a user receives it (vsce package --no-dependencies), once per
// package.json/dist state, so every test file installs the same .vsix without repackaging.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { codeServerSetup } from './codeServerSetup';

function fingerprint(repoRoot: string): string {
  const hash = createHash('sha1');
  hash.update(readFileSync(path.join(repoRoot, 'package.json')));
  const dist = path.join(repoRoot, 'dist');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else hash.update(`${full}:${stat.size}:${stat.mtimeMs}`);
    }
  };
  if (existsSync(dist)) walk(dist);
  return hash.digest('hex').slice(0, 12);
}

export async function packageVsix(repoRoot: string, outDir: string): Promise<string> {
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, `adatrap-miner-${fingerprint(repoRoot)}.vsix`);
  if (existsSync(vsix)) return vsix;
  // Packages of older builds are never installed again; an hour's grace leaves any test still using one alone.
  for (const old of readdirSync(outDir)) {
    const full = path.join(outDir, old);
    if (old.endsWith('.vsix') && Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { force: true });
  }
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vsce, ...codeServerSetup(repoRoot).vscePackage, '--out', vsix], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vsce package failed (${code}): ${output}`)),
    );
  });
  return vsix;
}
