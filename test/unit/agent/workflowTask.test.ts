// The agent's side of a workflow launch: heartbeats until the end, one final report (success with the day's
// keys, or failure named so the workflow knows whether to retry), nothing more once Step Functions says the task
// is gone; and the Spot interruption notice read from IMDSv2 (token first, 404 until a notice).
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { InterruptionWatch, WorkflowTask, failureError, imdsBase } from '../../../agent/workflowTask';

function fakeSfn(fail?: (name: string) => Error | undefined) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push({ name, input: command.input });
      const error = fail?.(name);
      if (error) throw error;
      return {};
    },
  } as unknown as SFNClient;
  return { client, calls };
}

describe('agent: workflow task token', () => {
  it('heartbeats while the day runs, then reports success once with the day', async () => {
    const sfn = fakeSfn();
    const task = new WorkflowTask(sfn.client, 'tok', 5);
    task.start();
    await new Promise((r) => setTimeout(r, 30));
    await task.succeed({ date: '2020-06-29', status: 'succeeded', zipKey: '2020-06-29.zip' });
    await task.fail('Adatrap.RunFailed', 'late');
    const beats = sfn.calls.filter((c) => c.name === 'SendTaskHeartbeat').length;
    assert.ok(beats >= 2, `${beats} heartbeats`);
    const final = sfn.calls.filter((c) => c.name !== 'SendTaskHeartbeat');
    assert.equal(final.length, 1, 'one final report');
    assert.equal(final[0].name, 'SendTaskSuccess');
    assert.deepEqual(JSON.parse(final[0].input.output as string), {
      date: '2020-06-29',
      status: 'succeeded',
      zipKey: '2020-06-29.zip',
    });
    const count = sfn.calls.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(sfn.calls.length, count, 'no heartbeat after the end');
  });

  it('an interruption is Adatrap.Interrupted (retried), anything else Adatrap.RunFailed; fields within API limits', async () => {
    assert.equal(failureError(true), 'Adatrap.Interrupted');
    assert.equal(failureError(false), 'Adatrap.RunFailed');
    const sfn = fakeSfn();
    await new WorkflowTask(sfn.client, 'tok').fail('Adatrap.RunFailed', 'x'.repeat(40_000));
    assert.equal((sfn.calls[0].input.cause as string).length, 32_768);
  });

  it('stops heartbeating when Step Functions says the task timed out', async () => {
    const problems: string[] = [];
    const sfn = fakeSfn((name) =>
      name === 'SendTaskHeartbeat' ? Object.assign(new Error('expired'), { name: 'TaskTimedOut' }) : undefined,
    );
    const task = new WorkflowTask(sfn.client, 'tok', 5, (p) => problems.push(p));
    task.start();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(task.gone, 'TaskTimedOut');
    assert.equal(sfn.calls.length, 1);
    await task.succeed({ date: '2020-06-29', status: 'succeeded' });
    assert.equal(sfn.calls.length, 1, 'nothing is reported to a task that is gone');
    assert.match(problems[0], /TaskTimedOut/);
  });
});

describe('agent: Spot interruption notice (IMDSv2)', () => {
  let server: Server;
  let notice = false;
  const tokens: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      if (req.method === 'PUT' && req.url === '/latest/api/token') {
        tokens.push(String(req.headers['x-aws-ec2-metadata-token-ttl-seconds']));
        return void res.end('imds-token');
      }
      if (req.headers['x-aws-ec2-metadata-token'] !== 'imds-token') return void res.writeHead(401).end();
      if (req.url === '/latest/meta-data/spot/instance-action' && notice)
        return void res.end(JSON.stringify({ action: 'terminate', time: '2026-01-01T00:02:00Z' }));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads 404 as no notice, then settles on the notice, asking for a session token first', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const watch = new InterruptionWatch(base, 5);
    assert.equal(await watch.check(), undefined);
    watch.start();
    setTimeout(() => (notice = true), 20);
    const got = await watch.notice;
    watch.stop();
    assert.deepEqual(got, { action: 'terminate', time: '2026-01-01T00:02:00Z' });
    assert.equal(tokens.length, 1, 'the session token is reused');
    assert.equal(imdsBase({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/' }), 'http://127.0.0.1:9');
    assert.equal(imdsBase({}), 'http://169.254.169.254');
  });
});
