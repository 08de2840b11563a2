// create-key-pair [name]: an RSA key pair whose private key is saved once, as <name>.pem, readable only by us.
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { validateValue } from '../core/config';
import { InputError, UserError } from '../core/errors';
import { t } from '../core/i18n';
import { actionError } from '../aws/awsErrors';
import { KeyPairExistsError } from '../aws/keyPairs';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

export const DEFAULT_KEY_PAIR_NAME = 'ec2-keypair';

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
      // Reserve the file before asking AWS: 'wx' fails on an existing file, which is never opened for writing.
      let file: FileHandle;
      try {
        file = await open(path, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw new UserError(t('cli.createKeyPair.fileExists', { path }));
        throw new UserError(t('cli.createKeyPair.cannotWrite', { path, reason: (e as Error).message }));
      }
      let written = false;
      try {
        const created = await withAws(config, async (aws) => {
          try {
            return await aws.keyPairs.create(name);
          } catch (e) {
            if (e instanceof KeyPairExistsError)
              throw new UserError(t('cli.createKeyPair.exists', { name, region: config.region }));
            throw actionError(e, 'CreateKeyPair');
          }
        });
        await file.chmod(0o600);
        await file.writeFile(created.material.endsWith('\n') ? created.material : `${created.material}\n`);
        written = true;
        process.stdout.write(`${t('cli.createKeyPair.saved', { name, path })}\n`);
        if (name !== config.keyPair)
          process.stderr.write(`${t('cli.createKeyPair.notConfigured', { name, current: config.keyPair })}\n`);
      } finally {
        await file.close();
        // The file is ours and empty when AWS failed: do not leave a .pem that holds no key.
        if (!written) await unlink(path).catch(() => undefined);
      }
    });
}
