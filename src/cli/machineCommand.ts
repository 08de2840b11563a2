// Shared by the commands that reach one machine (get-windows-password, rdp, get-console-output): the id check,
// the project folder (where `<KEY_PAIR>.pem` lives), the EC2 adapter, and files written without clobbering.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AdatrapConfig } from '../core/config';
import { InputError, UserError } from '../core/errors';
import { t } from '../core/i18n';
import { Ec2MachineAccess, type MachineAccess } from '../aws/machineAccess';
import { withAws } from './awsContext';
import { globalOptions } from './program';

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function checkInstanceId(id: string): string {
  if (!INSTANCE_ID.test(id)) throw new InputError(t('diagnose.badInstanceId', { id }));
  return id;
}

/** The folder of the .env in use: create-key-pair saves `<name>.pem` there. */
export function projectRoot(cmd: Command): string {
  return dirname(resolve(globalOptions(cmd).envFile ?? '.env'));
}

export function withMachineAccess<T>(config: AdatrapConfig, fn: (access: MachineAccess) => Promise<T>): Promise<T> {
  return withAws(config, (aws) => fn(new Ec2MachineAccess(aws.clients.ec2, config.region)));
}

/** Fails early, before any wait, when `path` exists (the final write is still exclusive). */
export function assertAbsent(path: string): void {
  if (existsSync(path)) throw new UserError(t('diagnose.fileExists', { path }));
}

/** Waiting lines on stderr: rewritten in place on a terminal, one per minute otherwise (logs stay short). */
export function waitingReporter(instanceId: string): {
  update(waitedMs: number, timeoutMs: number): void;
  done(): void;
} {
  const tty = process.stderr.isTTY === true;
  let lastMinute = -1;
  let wrote = false;
  return {
    update(waitedMs, timeoutMs) {
      const line = t('diagnose.password.waiting', {
        id: instanceId,
        waited: Math.floor(waitedMs / 1000),
        limit: Math.round(timeoutMs / 60000),
      });
      if (tty) {
        process.stderr.write(`\r${line}\x1b[K`);
        wrote = true;
        return;
      }
      const minute = Math.floor(waitedMs / 60000);
      if (minute === lastMinute) return;
      lastMinute = minute;
      process.stderr.write(`${line}\n`);
    },
    done() {
      if (tty && wrote) process.stderr.write('\n');
    },
  };
}

/** `--wait` in minutes, e.g. 15 or 0.05 (tests). */
export function parseWaitMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 60) throw new InputError(t('diagnose.badWait', { value }));
  return n;
}
