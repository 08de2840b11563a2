// Any exception, not only the ones the pipeline names, still ends in a recorded failure and a terminated machine.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { runAgent } from '../../../agent/runAgent';
import { runConfigFor } from '../../../src/core/agentRunConfig';
import { TAG } from '../../../src/core/launchPlan';
import { ofLevel, startAgentSandbox, streamLines, waitTerminated, type AgentSandbox } from './harness';

describe('agent run wrapper (in process, against the sandbox)', function () {
  this.timeout(30_000);
  let env: AgentSandbox;

  beforeEach(async () => {
    env = await startAgentSandbox();
  });
  afterEach(async () => {
    await env?.close();
  });

  it('turns an unexpected exception into a failed tag, lines on both streams and a terminated machine', async () => {
    // A machine doing nothing (user data that is not an agent script), standing for the one the agent runs on.
    const launched = await env.clients.ec2.send(
      new RunInstancesCommand({
        ImageId: env.config.amiId,
        MinCount: 1,
        MaxCount: 1,
        UserData: Buffer.from('<powershell></powershell>').toString('base64'),
      }),
    );
    const instanceId = launched.Instances?.[0]?.InstanceId ?? '';
    // The work folder is a file: the first disk write fails with an error nobody anticipated by name.
    const notADir = join(env.workRoot, 'not-a-folder');
    await writeFile(notADir, 'x');
    const lines: string[] = [];
    const outcome = await runAgent({
      config: runConfigFor(env.config, {
        date: '2020-06-29',
        agentVersion: 'test',
        deadline: new Date(Date.now() + 3600_000),
        language: 'es',
      }),
      workDir: notADir,
      storage: env.storage,
      logs: env.clients.logs,
      ec2: env.clients.ec2,
      instanceId,
      fallbackStream: 'unused',
      echo: (l) => lines.push(l),
    });
    assert.equal(outcome.ok, false);
    assert.match(outcome.reason ?? '', /^error inesperado: .*(ENOTDIR|EEXIST)/);
    const end = await waitTerminated(env, instanceId);
    assert.match(end.tags[TAG.status] ?? '', /^failed: error inesperado/);
    for (const stream of [instanceId, env.config.generalLogStream]) {
      assert.ok(
        ofLevel(await streamLines(env, stream), 'ERROR').some((l) =>
          /falló en la instancia .*error inesperado/.test(l),
        ),
        stream,
      );
    }
    assert.ok(
      lines.some((l) => /Terminando la instancia/.test(l)),
      'the console transcript shows the termination',
    );
  });
});
