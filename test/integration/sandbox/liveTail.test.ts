import * as assert from 'node:assert/strict';
import {
  CreateLogStreamCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type LiveTailSessionLogEvent,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { clientsFor, errorName, type SandboxClients } from './clients';

const T0 = Date.UTC(2020, 5, 30, 12, 0, 0);

describe('sandbox StartLiveTail (real SDK v3 client, event-stream frames)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let groupArn: string;

  before(async () => {
    sandbox = await startSandbox({ liveTailIntervalMs: 100 });
    c = clientsFor(sandbox);
    groupArn = `arn:aws:logs:us-east-1:123456789012:log-group:${sandbox.env.LOG_GROUP}`;
    for (const name of ['i-one', 'i-two']) {
      await c.logs.send(new CreateLogStreamCommand({ logGroupName: sandbox.env.LOG_GROUP, logStreamName: name }));
    }
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  const put = (stream: string, messages: string[]) =>
    c.logs.send(
      new PutLogEventsCommand({
        logGroupName: sandbox.env.LOG_GROUP,
        logStreamName: stream,
        logEvents: messages.map((message, i) => ({ timestamp: T0 + i, message })),
      }),
    );

  it('sends sessionStart, then updates with new events of the chosen stream only; ends when the client leaves', async () => {
    const abort = new AbortController();
    const response = await c.logs.send(
      new StartLiveTailCommand({ logGroupIdentifiers: [groupArn], logStreamNames: ['i-one'] }),
      { abortSignal: abort.signal },
    );
    const frames = iterate(response.responseStream);
    const start = await frames.next();
    assert.ok(start.value?.sessionStart, 'first frame must be sessionStart');
    assert.deepEqual(start.value.sessionStart.logStreamNames, ['i-one']);

    await put('i-two', ['not for us']);
    await put('i-one', ['first', 'second']);
    const got: LiveTailSessionLogEvent[] = [];
    while (got.length < 2) {
      const frame = await frames.next();
      assert.ok(!frame.done, 'stream ended early');
      assert.ok(frame.value.sessionUpdate, 'expected sessionUpdate frames');
      assert.equal(frame.value.sessionUpdate.sessionMetadata?.sampled, false);
      got.push(...(frame.value.sessionUpdate.sessionResults ?? []));
    }
    assert.deepEqual(
      got.map((e) => [e.logStreamName, e.message, e.timestamp]),
      [
        ['i-one', 'first', T0],
        ['i-one', 'second', T0 + 1],
      ],
    );
    assert.equal(got[0]?.logGroupIdentifier, groupArn);
    assert.equal(sandbox.state().liveTailSessions, 1);

    await frames.return(undefined);
    abort.abort();
    await waitFor(() => sandbox.state().liveTailSessions === 0);
  });

  it('caps an update at 500 events and flags it sampled', async () => {
    const abort = new AbortController();
    const response = await c.logs.send(
      new StartLiveTailCommand({ logGroupIdentifiers: [groupArn], logStreamNamePrefixes: ['i-t'] }),
      { abortSignal: abort.signal },
    );
    const frames = iterate(response.responseStream);
    await frames.next();
    await put(
      'i-two',
      Array.from({ length: 1200 }, (_, i) => `burst ${i}`),
    );
    for (;;) {
      const frame = await frames.next();
      const update = frame.value?.sessionUpdate;
      if (!update?.sessionResults?.length) continue;
      assert.equal(update.sessionResults.length, 500);
      assert.equal(update.sessionMetadata?.sampled, true);
      break;
    }
    abort.abort();
  });

  it('ends a session that outlives its maximum with SessionTimeoutException', async () => {
    const short = await startSandbox({ liveTailIntervalMs: 50, liveTailMaxSessionMs: 200 });
    const sc = clientsFor(short);
    try {
      const r = await sc.logs.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${short.env.LOG_GROUP}`],
        }),
      );
      const consume = async (): Promise<void> => {
        for await (const frame of r.responseStream ?? []) void frame;
      };
      assert.equal(await errorName(consume()), 'SessionTimeoutException');
    } finally {
      sc.destroy();
      await short.close();
    }
  });

  it('takes log group ARNs only, as AWS does', async () => {
    const byName = await errorName(
      c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [sandbox.env.LOG_GROUP as string] })),
    );
    assert.equal(byName, 'InvalidParameterException');
    const withStar = await errorName(c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [`${groupArn}:*`] })));
    assert.equal(withStar, 'InvalidParameterException');
  });

  it('rejects an unknown log group before streaming', async () => {
    const name = await errorName(
      c.logs.send(
        new StartLiveTailCommand({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:nope'] }),
      ),
    );
    assert.equal(name, 'ResourceNotFoundException');
  });
});

async function* iterate(
  stream: AsyncIterable<StartLiveTailResponseStream> | undefined,
): AsyncGenerator<StartLiveTailResponseStream> {
  if (!stream) throw new Error('no response stream');
  try {
    for await (const frame of stream) yield frame;
  } catch (e) {
    if (!(e instanceof Error && e.name === 'AbortError')) throw e;
  }
}

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
