// The shared plumbing of every command: global options, config loading and error reporting.
// Each command module exports `register(program)`; src/cli.ts lists the modules.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadConfig, type AdatrapConfig } from '../core/config';
import { InputError, UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';

export interface CommandModule {
  register(program: Command): void;
}

/** Options every command inherits from the root program. */
interface GlobalOptions {
  envFile?: string;
  verbose?: boolean;
}

/**
 * The file is `--config`, not `--env-file`: Node 20 itself takes a script argument named --env-file (even after
 * the script), loads it into the environment and exits 9 ("not found") when it is missing, before our message
 * could name it (nodejs/node#54232).
 */
export function globalOptions(cmd: Command): GlobalOptions {
  const all = cmd.optsWithGlobals<{ config?: string; verbose?: boolean }>();
  return { envFile: all.config, verbose: all.verbose };
}

/**
 * The validated configuration: `.env` in the current folder (or `--config`), overridden by the process
 * environment. Throws an InputError (exit 2) naming every bad or missing key before anything talks to AWS.
 */
export async function loadCliConfig(cmd: Command): Promise<AdatrapConfig> {
  const { envFile } = globalOptions(cmd);
  const path = resolve(envFile ?? '.env');
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    // Without an explicit --config, a missing .env is fine when the environment carries every key.
    if (envFile !== undefined || (e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new InputError(t('cli.envFileUnreadable', { path, reason: errorMessage(e) }));
    }
  }
  const { config, problems } = loadConfig(text, process.env);
  if (!config || problems.length > 0) {
    const details = problems.map((p) => p.message).join('; ');
    throw new InputError(t('cli.configInvalid', { path, details }));
  }
  return config;
}

/** Commander parsers that turn bad arguments into exit-2 errors naming the argument. */
/** A whole number from min to max (e.g. --max-parallel 1..50), else a usage error naming the option. */
export function parseIntInRange(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UserError(t('cli.notInRange', { name, value, min, max }), 2);
    }
    return n;
  };
}
