// The shared plumbing of every command: global options, config loading and error reporting.
// Each command module exports `register(program)`; src/cli.ts lists the modules.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadConfig, type AdatrapConfig } from '../core/config';
import { InputError, UserError, errorMessage, isUserError } from '../core/errors';
import { t } from '../core/i18n';

export interface CommandModule {
  register(program: Command): void;
}

/** Options every command inherits from the root program. */
export interface GlobalOptions {
  envFile?: string;
  verbose?: boolean;
}

/**
 * `--config` and `--env-file` mean the same. `--config` exists because Node 20 itself reads a script argument
 * named --env-file and exits 9 ("not found") when the file is missing, before our message can name it
 * (nodejs/node#54232).
 */
export function globalOptions(cmd: Command): GlobalOptions {
  const all = cmd.optsWithGlobals<GlobalOptions & { config?: string }>();
  return { envFile: all.config ?? all.envFile, verbose: all.verbose };
}

/**
 * The validated configuration: `.env` in the current folder (or `--env-file`), overridden by the process
 * environment. Throws an InputError (exit 2) naming every bad or missing key before anything talks to AWS.
 */
export async function loadCliConfig(cmd: Command): Promise<AdatrapConfig> {
  const { envFile } = globalOptions(cmd);
  const path = resolve(envFile ?? '.env');
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    // Without an explicit --env-file, a missing .env is fine when the environment carries every key.
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

/** One line on stderr and the exit code; the stack only with --verbose. */
export function reportError(e: unknown, verbose: boolean, write: (text: string) => void): 1 | 2 {
  if (isUserError(e)) {
    write(`${e.message}\n`);
    if (verbose && e.stack) write(`${e.stack}\n`);
    return e.exitCode;
  }
  write(`${t('common.unexpected', { message: errorMessage(e) })}\n`);
  if (verbose && e instanceof Error && e.stack) write(`${e.stack}\n`);
  else write(`${t('common.seeVerbose')}\n`);
  return 1;
}

/** Commander parsers that turn bad arguments into exit-2 errors naming the argument. */
export function parsePositiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UserError(t('cli.notPositiveInt', { name, value }), 2);
    return n;
  };
}
