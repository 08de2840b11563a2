// rdp ID [-o FILE] [--pem PATH] [--source-ip IP] [--via-ssm]: checks that the machine's security groups let
// this computer in on TCP 3389 (and says what to change if not), writes an .rdp file for user Administrator
// (never with the password in it, never over an existing file) and prints the password once.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { rdpAdvice, SSM_LOCAL_PORT } from '../core/rdpAdvice';
import { rdpAccess, rdpFileText, ssmPortForwardCommand, WINDOWS_USER } from '../core/remoteDesktop';
import { PASSWORD_TIMEOUT_MS, publicAddress, windowsPassword } from '../aws/machineAccess';
import { publicAddress as myPublicAddress } from '../aws/publicAddress';
import {
  assertAbsent,
  checkInstanceId,
  parseWaitMinutes,
  projectRoot,
  waitingReporter,
  withMachineAccess,
} from './machineCommand';
import { writeNewFile } from '../files/newFile';
import { loadCliConfig } from './program';

interface RdpOptions {
  output?: string;
  pem?: string;
  sourceIp?: string;
  viaSsm?: boolean;
  wait: number;
}

export function register(program: Command): void {
  program
    .command('rdp')
    .description(t('diagnose.cli.rdp.description'))
    .argument('<id>', t('diagnose.cli.instanceId'))
    .option('-o, --output <file>', t('diagnose.cli.rdp.output'))
    .option('--pem <path>', t('diagnose.cli.pem'))
    .option('--source-ip <ip>', t('diagnose.cli.rdp.sourceIp'))
    .option('--via-ssm', t('diagnose.cli.rdp.viaSsm'))
    .option('--wait <minutes>', t('diagnose.cli.wait'), parseWaitMinutes, PASSWORD_TIMEOUT_MS / 60000)
    .action(async (id: string, options: RdpOptions, cmd: Command) => {
      checkInstanceId(id);
      const config = await loadCliConfig(cmd);
      const file = resolve(options.output ?? `${id}.rdp`);
      assertAbsent(file);
      await withMachineAccess(config, async (access) => {
        const info = await access.describe(id);
        if (info.state !== 'running' && info.state !== 'pending')
          throw new UserError(t('diagnose.rdp.notRunning', { id, state: info.state }));
        let address: string;
        if (options.viaSsm) {
          address = `localhost:${SSM_LOCAL_PORT}`;
          process.stderr.write(
            `${t('diagnose.rdp.ssmFirst', { command: ssmPortForwardCommand(id, config.region, SSM_LOCAL_PORT) })}\n`,
          );
        } else {
          const host = publicAddress(info);
          if (!host)
            throw new UserError(
              t('diagnose.rdp.noPublicAddress', {
                id,
                command: ssmPortForwardCommand(id, config.region, SSM_LOCAL_PORT),
              }),
            );
          address = host;
          const source = await myPublicAddress({
            explicit: options.sourceIp,
            ec2Endpoint: config.endpoints.ec2 ?? config.endpoints.default,
          });
          const advice = rdpAdvice(
            rdpAccess(await access.securityGroups(info.securityGroupIds), source),
            id,
            config.region,
            source,
          );
          process.stderr.write(`${advice.summary}\n`);
          for (const line of advice.details) process.stderr.write(`  ${line}\n`);
          if (!advice.ok) process.stderr.write(`${advice.alternative}\n`);
        }
        const progress = waitingReporter(id);
        const result = await windowsPassword(access, {
          instanceId: id,
          pemPath: options.pem,
          projectRoot: projectRoot(cmd),
          timeoutMs: options.wait * 60000,
          onWaiting: (waited, limit) => progress.update(waited, limit),
        }).finally(() => progress.done());
        await writeNewFile(file, rdpFileText(address));
        process.stdout.write(`${t('diagnose.rdp.saved', { file, user: WINDOWS_USER, address })}\n`);
        // Printed once, here; it is not in the .rdp file and nothing stores it.
        process.stdout.write(`${t('diagnose.rdp.password', { password: result.password })}\n`);
      });
    });
}
