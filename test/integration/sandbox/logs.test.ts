import * as assert from 'node:assert/strict';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { clientsFor, errorName, type SandboxClients } from './clients';

const GROUP = 'test-group';
const T0 = Date.UTC(2020, 5, 30, 12, 0, 0);

describe('sandbox CloudWatch Logs (real SDK v3 client)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let streamNo = 0;

  const newStream = async (name = `s${++streamNo}`): Promise<string> => {
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: name }));
    return name;
  };
  const put = (stream: string, logEvents: InputLogEvent[]) =>
    c.logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents }));
  const numbered = (n: number, from = 0): InputLogEvent[] =>
    Array.from({ length: n }, (_, i) => ({ timestamp: T0 + (from + i) * 1000, message: `line ${from + i}` }));

  before(async () => {
    sandbox = await startSandbox({ seed: false });
    c = clientsFor(sandbox);
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  it('creates groups and streams once; unknown ones are ResourceNotFoundException', async () => {
    assert.equal(
      await errorName(c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }))),
      'ResourceAlreadyExistsException',
    );
    const s = await newStream();
    assert.equal(await errorName(newStream(s)), 'ResourceAlreadyExistsException');
    assert.equal(
      await errorName(c.logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 'x' }))),
      'ResourceNotFoundException',
    );
    assert.equal(await errorName(put('missing-stream', numbered(1))), 'ResourceNotFoundException');
    assert.equal(await errorName(newStream('bad:name')), 'InvalidParameterException');
    assert.equal(
      await errorName(c.logs.send(new CreateLogGroupCommand({ logGroupName: 'bad group' }))),
      'InvalidParameterException',
    );
    const groups = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'test-' }));
    assert.deepEqual(
      groups.logGroups?.map((g) => g.logGroupName),
      [GROUP],
    );
    await c.logs.send(new DeleteLogStreamCommand({ logGroupName: GROUP, logStreamName: s }));
    assert.equal(await errorName(put(s, numbered(1))), 'ResourceNotFoundException');
  });

  it('enforces the PutLogEvents limits: 10,000 events, 1,048,576 bytes (+26 per event), time order, 24 h span', async () => {
    const s = await newStream();
    assert.equal(await errorName(put(s, numbered(10_001))), 'InvalidParameterException');
    await put(s, numbered(10_000));

    const exact = 1_048_576 - 2 * 26;
    const half = Math.floor(exact / 2);
    const fits = [
      { timestamp: T0, message: 'a'.repeat(half) },
      { timestamp: T0, message: 'b'.repeat(exact - half) },
    ];
    await put(s, fits);
    const over = [fits[0] as InputLogEvent, { timestamp: T0, message: `${'b'.repeat(exact - half - 1)}ñ` }];
    assert.equal(
      await errorName(put(s, over)),
      'InvalidParameterException',
      'ñ is two UTF-8 bytes: one byte over the limit',
    );

    assert.equal(
      await errorName(
        put(s, [
          { timestamp: T0 + 1, message: 'later' },
          { timestamp: T0, message: 'earlier' },
        ]),
      ),
      'InvalidParameterException',
    );
    const day = 24 * 3600 * 1000;
    await put(s, [
      { timestamp: T0, message: 'start' },
      { timestamp: T0 + day, message: 'exactly 24 h later' },
    ]);
    assert.equal(
      await errorName(
        put(s, [
          { timestamp: T0, message: 'start' },
          { timestamp: T0 + day + 1, message: 'too late' },
        ]),
      ),
      'InvalidParameterException',
    );
  });

  it('pages GetLogEvents forward from the head and returns the same forward token at the end', async () => {
    const s = await newStream();
    await put(s, numbered(25));
    const messages: string[] = [];
    let token: string | undefined;
    let calls = 0;
    for (;;) {
      const page = await c.logs.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: s,
          startFromHead: true,
          limit: 10,
          nextToken: token,
        }),
      );
      calls++;
      messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
      if (page.nextForwardToken === token) {
        assert.equal(page.events?.length, 0);
        break;
      }
      token = page.nextForwardToken;
    }
    assert.equal(calls, 4);
    assert.deepEqual(
      messages,
      numbered(25).map((e) => e.message),
    );

    // New events arrive: the caught-up token now yields exactly them.
    await put(s, numbered(3, 25));
    const more = await c.logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, nextToken: token }),
    );
    assert.deepEqual(
      more.events?.map((e) => e.message),
      ['line 25', 'line 26', 'line 27'],
    );
  });

  it('starts at the tail by default (startFromHead false) and walks back with the backward token', async () => {
    const s = await newStream();
    await put(s, numbered(25));
    const last = await c.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, limit: 10 }));
    assert.deepEqual(
      last.events?.map((e) => e.message),
      numbered(10, 15).map((e) => e.message),
    );
    const before = await c.logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, limit: 10, nextToken: last.nextBackwardToken }),
    );
    assert.deepEqual(
      before.events?.map((e) => e.message),
      numbered(10, 5).map((e) => e.message),
    );
    const first = await c.logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: s,
        limit: 10,
        nextToken: before.nextBackwardToken,
      }),
    );
    assert.deepEqual(
      first.events?.map((e) => e.message),
      numbered(5).map((e) => e.message),
    );
    const none = await c.logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, limit: 10, nextToken: first.nextBackwardToken }),
    );
    assert.equal(none.events?.length, 0);
    assert.equal(none.nextBackwardToken, first.nextBackwardToken);
  });

  it('filters GetLogEvents by startTime (inclusive) and endTime (exclusive), in milliseconds', async () => {
    const s = await newStream();
    await put(s, numbered(10));
    const page = await c.logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: s,
        startFromHead: true,
        startTime: T0 + 3000,
        endTime: T0 + 6000,
      }),
    );
    assert.deepEqual(
      page.events?.map((e) => e.message),
      ['line 3', 'line 4', 'line 5'],
    );
    assert.equal(
      await errorName(c.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, limit: 10_001 }))),
      'InvalidParameterException',
    );
  });

  it('caps a GetLogEvents page at 1 MB', async () => {
    const s = await newStream();
    const big = 'x'.repeat(100_000);
    await put(
      s,
      Array.from({ length: 10 }, (_, i) => ({ timestamp: T0 + i, message: `${i}${big}` })),
    );
    await put(
      s,
      Array.from({ length: 10 }, (_, i) => ({ timestamp: T0 + 10 + i, message: `${10 + i}${big}` })),
    );
    const page = await c.logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, startFromHead: true }),
    );
    const bytes = (page.events ?? []).reduce((n, e) => n + Buffer.byteLength(e.message ?? '') + 26, 0);
    assert.ok(bytes <= 1_048_576, `page of ${bytes} bytes`);
    assert.equal(page.events?.length, 10);
    const rest = await c.logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s, nextToken: page.nextForwardToken }),
    );
    assert.equal(rest.events?.[0]?.message?.slice(0, 2), '10');
  });

  it('describes streams by name prefix or by last event time, descending, with limit and nextToken', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'order-group' }));
    for (const [name, ts] of [
      ['i-b', 3],
      ['i-a', 1],
      ['i-c', 2],
      ['other', 4],
    ] as const) {
      await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'order-group', logStreamName: name }));
      await c.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'order-group',
          logStreamName: name,
          logEvents: [{ timestamp: T0 + ts, message: name }],
        }),
      );
    }
    const byTime = await c.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'order-group', orderBy: 'LastEventTime', descending: true }),
    );
    assert.deepEqual(
      byTime.logStreams?.map((s) => s.logStreamName),
      ['other', 'i-b', 'i-c', 'i-a'],
    );
    assert.equal(byTime.logStreams?.[0]?.lastEventTimestamp, T0 + 4);
    assert.equal(byTime.logStreams?.[0]?.firstEventTimestamp, T0 + 4);

    const first = await c.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'order-group', logStreamNamePrefix: 'i-', limit: 2 }),
    );
    assert.deepEqual(
      first.logStreams?.map((s) => s.logStreamName),
      ['i-a', 'i-b'],
    );
    const second = await c.logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: 'order-group',
        logStreamNamePrefix: 'i-',
        limit: 2,
        nextToken: first.nextToken,
      }),
    );
    assert.deepEqual(
      second.logStreams?.map((s) => s.logStreamName),
      ['i-c'],
    );
    assert.equal(second.nextToken, undefined);
    assert.equal(
      await errorName(
        c.logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: 'order-group',
            orderBy: 'LastEventTime',
            logStreamNamePrefix: 'i-',
          }),
        ),
      ),
      'InvalidParameterException',
    );
  });

  it('filters events across streams in time order, by substring, and may return an empty page with a token', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'filter-group' }));
    const mk = async (name: string, events: InputLogEvent[]): Promise<void> => {
      await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'filter-group', logStreamName: name }));
      await c.logs.send(
        new PutLogEventsCommand({ logGroupName: 'filter-group', logStreamName: name, logEvents: events }),
      );
    };
    await mk('a', [
      { timestamp: T0 + 1, message: 'INFO: a1' },
      { timestamp: T0 + 3, message: 'ERROR: a3' },
    ]);
    await mk('b', [
      { timestamp: T0 + 2, message: 'ERROR: b2' },
      { timestamp: T0 + 4, message: 'INFO: b4' },
    ]);
    // 22,000 non-matching events before the last match: a whole call's scan finds nothing.
    await mk(
      'noise',
      Array.from({ length: 10_000 }, (_, i) => ({ timestamp: T0 + 10 + i, message: 'INFO: noise' })),
    );
    await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'filter-group',
        logStreamName: 'noise',
        logEvents: Array.from({ length: 10_000 }, (_, i) => ({ timestamp: T0 + 10_010 + i, message: 'INFO: noise' })),
      }),
    );
    await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'filter-group',
        logStreamName: 'noise',
        logEvents: [
          ...Array.from({ length: 2_000 }, (_, i) => ({ timestamp: T0 + 20_010 + i, message: 'INFO: noise' })),
          { timestamp: T0 + 30_000, message: 'ERROR: late' },
        ],
      }),
    );

    const both = await c.logs.send(
      new FilterLogEventsCommand({ logGroupName: 'filter-group', logStreamNames: ['a', 'b'] }),
    );
    assert.deepEqual(
      both.events?.map((e) => `${e.logStreamName}:${e.message}`),
      ['a:INFO: a1', 'b:ERROR: b2', 'a:ERROR: a3', 'b:INFO: b4'],
    );

    const errors: string[] = [];
    let token: string | undefined;
    let emptyPagesWithToken = 0;
    do {
      const page = await c.logs.send(
        new FilterLogEventsCommand({ logGroupName: 'filter-group', filterPattern: 'ERROR', nextToken: token }),
      );
      if ((page.events ?? []).length === 0 && page.nextToken) emptyPagesWithToken++;
      errors.push(...(page.events ?? []).map((e) => e.message ?? ''));
      token = page.nextToken;
    } while (token);
    assert.deepEqual(errors, ['ERROR: b2', 'ERROR: a3', 'ERROR: late']);
    assert.ok(emptyPagesWithToken >= 1, 'expected an empty page that still carries a nextToken');

    const window = await c.logs.send(
      new FilterLogEventsCommand({
        logGroupName: 'filter-group',
        logStreamNamePrefix: 'a',
        startTime: T0 + 2,
        endTime: T0 + 4,
      }),
    );
    assert.deepEqual(
      window.events?.map((e) => e.message),
      ['ERROR: a3'],
    );
  });
});
