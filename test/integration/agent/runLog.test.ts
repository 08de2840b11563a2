// Issue 11 (Logs): a stream the instance profile may write but not create still gets the run's lines, and
// events CloudWatch Logs accepts but drops (rejectedLogEventsInfo) are reported, not silently lost.
import * as assert from 'node:assert/strict';
import { CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { RunLog } from '../../../agent/runLog';
import { startAgentSandbox, streamLines, type AgentSandbox } from './harness';

describe('run log against the sandbox (CreateLogStream refused, rejected events)', function () {
  this.timeout(30_000);
  let env: AgentSandbox;

  beforeEach(async () => {
    env = await startAgentSandbox({ rejectOutOfRangeLogEvents: true });
  });
  afterEach(async () => {
    await env?.close();
  });

  it('keeps writing to an existing stream when CreateLogStream is denied', async () => {
    const stream = 'i-0123456789abcdef0';
    await env.clients.logs.send(
      new CreateLogStreamCommand({ logGroupName: env.config.logGroup, logStreamName: stream }),
    );
    env.sb.faults.add({ service: 'logs', kind: 'denied', operation: 'CreateLogStream' });
    const log = new RunLog({
      logs: env.clients.logs,
      group: env.config.logGroup,
      instanceStream: stream,
      generalStream: env.config.generalLogStream,
      language: 'es',
      echo: () => undefined,
    });
    await log.open();
    log.info('línea de la ejecución', 'both');
    await log.close();
    assert.deepEqual(log.failures, []);
    assert.ok((await streamLines(env, stream)).some((l) => l.endsWith('INFO: línea de la ejecución')));
  });

  it('reports events dropped as too old (a machine clock 15 days behind) on the console transcript', async () => {
    const echoed: string[] = [];
    const log = new RunLog({
      logs: env.clients.logs,
      group: env.config.logGroup,
      instanceStream: 'i-0fedcba9876543210',
      generalStream: env.config.generalLogStream,
      language: 'es',
      echo: (l) => echoed.push(l),
      clock: () => Date.now() - 15 * 86_400_000,
    });
    await log.open();
    log.info('con el reloj atrasado');
    await log.close();
    assert.ok(
      echoed.some((l) =>
        /ERROR: CloudWatch Logs aceptó el lote pero descartó 1 evento\(s\) del flujo i-0fedcba9876543210/.test(l),
      ),
      echoed.join('\n'),
    );
    assert.deepEqual(await streamLines(env, 'i-0fedcba9876543210'), [], 'nothing too old is stored');
  });
});
