// create-key-pair [name]: an RSA key pair whose private key is saved once, as <name>.pem, readable only by us.
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { validateValue } from '../core/config';
import { InputError, UserError } from '../core/errors';
import { t } from '../core/i18n';
import { actionError } from '../aws/awsErrors';
import { KeyPairExistsError } from '../aws/keyPairs';
import { safeWrite, TargetExistsError } from '../files/safeWrite';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

const DEFAULT_KEY_PAIR_NAME = 'ec2-keypair';

export function register(program: Command): void {
  program
    .command('create-key-pair')
    .description(t('cli.createKeyPair.description'))
    .argument('[name]', t('cli.createKeyPair.name'), DEFAULT_KEY_PAIR_NAME)
    .action(async (name: string, _options: unknown, cmd: Command) => {
      const problem = validateValue('KEY_PAIR', name);
      // The name becomes a file name in this folder: it must not point anywhere else.
      if (problem) throw new InputError(problem);
      // An empty name passes validateValue (emptiness is its "missing" rule) but EC2 refuses it: stop it here.
      if (name.trim() === '' || /[\\/]/.test(name) || name === '.' || name === '..')
        throw new InputError(t('cli.createKeyPair.badFileName', { name }));
      const path = resolve(`${name}.pem`);
      const config = await loadCliConfig(cmd);
      // Refuse an existing file (or a link) before asking AWS: a key pair whose key cannot be saved is lost.
      await savable(path);
      const created = await withAws(config, async (aws) => {
        try {
          return await aws.keyPairs.create(name);
        } catch (e) {
          if (e instanceof KeyPairExistsError)
            throw new UserError(t('cli.createKeyPair.exists', { name, region: config.region }));
          throw actionError(e, 'CreateKeyPair');
        }
      });
      try {
        // Created exclusively (never over a file that appeared meanwhile), 0600, owner-only ACL on Windows.
        await safeWrite(path, created.material.endsWith('\n') ? created.material : `${created.material}\n`, {
          mode: 0o600,
          ownerOnly: true,
        });
      } catch (e) {
        if (e instanceof TargetExistsError) throw new UserError(t('cli.createKeyPair.fileExists', { path }));
        throw new UserError(t('cli.createKeyPair.cannotWrite', { path, reason: (e as Error).message }));
      }
      process.stdout.write(`${t('cli.createKeyPair.saved', { name, path })}\n`);
      if (name !== config.keyPair)
        process.stderr.write(`${t('cli.createKeyPair.notConfigured', { name, current: config.keyPair })}\n`);
    });
}

/** Fails with the user's message when PATH already names something (a file, a folder or a link). */
async function savable(path: string): Promise<void> {
  try {
    await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UserError(t('cli.createKeyPair.cannotWrite', { path, reason: (e as Error).message }));
  }
  throw new UserError(t('cli.createKeyPair.fileExists', { path }));
}
