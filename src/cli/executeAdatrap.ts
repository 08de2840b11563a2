// `execute-adatrap DATE [-d]`: the pipeline a machine runs, here. On a machine launched by create-ec2-instance
// it is configured by the user data and ends the machine; on a workstation it reads .env, uses the .env
// credentials, logs to a stream named after the host, and touches no instance (set ADATRAP_EXECUTABLE_COMMAND
// to run the simulator, or run it where pvmtsc_vX.exe runs).
import type { Command } from 'commander';
import { registerExecuteAdatrap } from '../../agent/executeCommand';
import { runConfigFor } from '../core/agentRunConfig';
import { logLanguage } from '../aws/launcher';
import { loadCliConfig } from './program';
import { version as packageVersion } from '../../package.json';

export function register(program: Command): void {
  registerExecuteAdatrap(program, async (cmd, date, debug) => {
    const config = await loadCliConfig(cmd);
    const deadline = new Date(Date.now() + config.maxRunHours * 3600_000);
    return {
      config: runConfigFor(config, { date, debug, agentVersion: packageVersion, deadline, language: logLanguage() }),
      client: config,
    };
  });
}
