// The CLI batch tests' starting point: a sandbox whose machines run the real agent (direct boot, a half-second
// simulated ADATRAP), a folder with its .env, and the stack deployed there by the built CLI's own `setup`.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import { createAgentLauncher } from '../../src/sandbox/agentLauncher';
import { requireBuilt, runCli, type CliResult } from './cli';

export interface BatchWorkspace {
  sandbox: Sandbox;
  /** The folder with the .env, where the CLI runs. */
  cwd: string;
  /** What `setup` answered. */
  setup: CliResult;
  close(): Promise<void>;
}

export async function startBatchWorkspace(
  name: string,
  extra: Pick<SandboxOptions, 'onInstanceState'> = {},
): Promise<BatchWorkspace> {
  requireBuilt('cli.js', 'agent.js', 'pvmtsc-sim.js');
  const cwd = await mkdtemp(join(tmpdir(), `adatrap-${name}-`));
  const workRoot = await mkdtemp(join(tmpdir(), `adatrap-${name}-machines-`));
  const sandbox = await startSandbox({
    // A workflow second is 20 ms: the 60 s retry back-off and the 2-minute Spot notice take about a second.
    msPerSecond: 20,
    timings: { pendingMs: 50, shuttingDownMs: 50 },
    launcher: createAgentLauncher({ workRoot, simSeconds: 0.5, boot: 'direct' }),
    ...extra,
  });
  const close = async (): Promise<void> => {
    await sandbox.close();
    await rm(cwd, { recursive: true, force: true });
    await rm(workRoot, { recursive: true, force: true });
  };
  try {
    await writeFile(join(cwd, '.env'), sandbox.envText());
    const setup = await runCli(cwd, ['setup']);
    assert.equal(setup.code, 0, setup.stderr);
    return { sandbox, cwd, setup, close };
  } catch (e) {
    await close();
    throw e;
  }
}
