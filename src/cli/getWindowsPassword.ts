// get-windows-password ID [--pem PATH] [--wait MINUTES]: the Administrator password of a run's machine,
// decrypted here with the key pair's .pem (it never leaves this computer). Only the password goes to stdout.
import type { Command } from 'commander';
import { t } from '../core/i18n';
import { PASSWORD_TIMEOUT_MS, windowsPassword } from '../aws/machineAccess';
import { checkInstanceId, parseWaitMinutes, projectRoot, waitingReporter, withMachineAccess } from './machineCommand';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('get-windows-password')
    .description(t('diagnose.cli.password.description'))
    .argument('<id>', t('diagnose.cli.instanceId'))
    .option('--pem <path>', t('diagnose.cli.pem'))
    .option('--wait <minutes>', t('diagnose.cli.wait'), parseWaitMinutes, PASSWORD_TIMEOUT_MS / 60000)
    .action(async (id: string, options: { pem?: string; wait: number }, cmd: Command) => {
      checkInstanceId(id);
      const config = await loadCliConfig(cmd);
      const progress = waitingReporter(id);
      const result = await withMachineAccess(config, (access) =>
        windowsPassword(access, {
          instanceId: id,
          pemPath: options.pem,
          projectRoot: projectRoot(cmd),
          timeoutMs: options.wait * 60000,
          onWaiting: (waited, limit) => progress.update(waited, limit),
        }),
      ).finally(() => progress.done());
      process.stdout.write(`${result.password}\n`);
    });
}
