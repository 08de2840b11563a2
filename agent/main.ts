// dist/agent.js: what the Windows machine runs (`node agent.js execute-adatrap DATE`), one file with every
// dependency inside. Its configuration comes from the user data (ADATRAP_RUN_CONFIG); its AWS access from the
// instance profile through the SDK's default chain.
import { Command, CommanderError } from 'commander';
import { reportError } from '../src/core/errorReport';
import { AGENT_EXIT } from '../src/core/agentExit';
import { ReportedRunFailure, registerExecuteAdatrap } from './executeCommand';
import { killRunningExecutables } from './runExecutable';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('adatrap-agent').exitOverride();
  registerExecuteAdatrap(program).exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ReportedRunFailure) {
      reportError(e, false, (s) => process.stderr.write(s));
      return AGENT_EXIT.runFailedReported;
    }
    return reportError(e, process.env.ADATRAP_VERBOSE === 'true', (s) => process.stderr.write(s));
  }
}

if (require.main === module) {
  // Told to stop from outside (the sandbox terminating its machine): the executable goes down with the agent.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killRunningExecutables();
      process.exit(143);
    });
  }
  void main(process.argv).then((code) => {
    process.exitCode = code;
    // Let stdout drain (on Windows a pipe is asynchronous), but a leftover retry timer must not keep it alive.
    setTimeout(() => process.exit(code), 2000).unref();
  });
}
