import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { StartLiveTailCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Faults } from '../../../src/sandbox/faults';
import { startSandbox, type RequestSummary, type Sandbox } from '../../../src/sandbox';
import { sandboxControl } from '../../../src/sandbox/control';
import { clientsFor, errorName, type SandboxClients } from './clients';
import { rawRequest } from './signedFetch';

const BUCKET = 'adatrap-sandbox-output';

describe('sandbox faults', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let retrying: SandboxClients;
  const blob = randomBytes(256 * 1024);

  before(async () => {
    sandbox = await startSandbox({ liveTailIntervalMs: 50 });
    c = clientsFor(sandbox, 1);
    retrying = clientsFor(sandbox, 3);
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'blob.bin', Body: blob }));
  });
  afterEach(() => sandbox.faults.clear());
  after(async () => {
    c.destroy();
    retrying.destroy();
    await sandbox.close();
  });

  const getBlob = async (client: SandboxClients): Promise<Buffer> => {
    const r = await client.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'blob.bin' }));
    return Buffer.from((await r.Body?.transformToByteArray()) ?? []);
  };

  it("throttles with each service's own error: SlowDown, RequestLimitExceeded, ThrottlingException, Throttling", async () => {
    sandbox.faults.add({ service: 's3', operation: 'GetObject', kind: 'throttle', count: 1 });
    sandbox.faults.add({ service: 'ec2', kind: 'throttle', count: 1 });
    sandbox.faults.add({ service: 'logs', operation: 'GetLogEvents', kind: 'throttle', count: 1 });
    sandbox.faults.add({ service: 'sts', kind: 'throttle', count: 1 });
    assert.equal(await errorName(getBlob(c)), 'SlowDown');
    assert.equal(await errorName(c.ec2.send(new DescribeInstancesCommand({}))), 'RequestLimitExceeded');
    assert.equal(
      await errorName(
        c.logs.send(new GetLogEventsCommand({ logGroupName: sandbox.env.LOG_GROUP, logStreamName: 'general' })),
      ),
      'ThrottlingException',
    );
    assert.equal(await errorName(c.sts.send(new GetCallerIdentityCommand({}))), 'Throttling');
    // `count: 1`: the next request of each passes.
    assert.ok((await getBlob(c)).equals(blob));
    await c.ec2.send(new DescribeInstancesCommand({}));
  });

  it('fires on the first N matching requests only, so the SDK retry succeeds and every request is counted', async () => {
    sandbox.faults.resetCounts();
    sandbox.faults.add({ service: 's3', operation: 'GetObject', key: 'blob.bin', kind: 'internalError', count: 2 });
    assert.ok((await getBlob(retrying)).equals(blob));
    assert.equal(sandbox.faults.count('s3', 'GetObject'), 3);
    assert.equal(sandbox.faults.list()[0]?.fired, 2);
    assert.equal(sandbox.faults.count('ec2'), 0, 'no EC2 call was made');
  });

  it('matches bucket and key: other objects are untouched', async () => {
    sandbox.faults.add({ service: 's3', bucket: BUCKET, key: 'other.bin', kind: 'internalError' });
    assert.ok((await getBlob(c)).equals(blob));
    assert.equal(
      await errorName(c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'other.bin' }))),
      'InternalError',
    );
  });

  it('launches one machine when a RunInstances reply is lost and the SDK retries with the same client token', async () => {
    const before = sandbox.state().instances.length;
    sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', kind: 'reset', afterBytes: 40, count: 1 });
    const r = await retrying.ec2.send(
      new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 1, MaxCount: 1 }),
    );
    assert.equal(sandbox.faults.count('ec2', 'RunInstances') >= 2, true, 'the reply was lost once and retried');
    assert.equal(sandbox.state().instances.length, before + 1);
    assert.equal(sandbox.state().instances.at(-1)?.instanceId, r.Instances?.[0]?.InstanceId);
  });

  it('resets the connection before any reply', async () => {
    sandbox.faults.add({ service: 's3', operation: 'GetObject', kind: 'reset', count: 1 });
    assert.notEqual(await errorName(getBlob(c)), 'no error');
  });

  it('cuts a download after N bytes: the client gets fewer bytes and an error, never a short "success"', async () => {
    sandbox.faults.add({ service: 's3', operation: 'GetObject', kind: 'reset', afterBytes: 100_000, count: 1 });
    const r = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'blob.bin' }));
    assert.equal(r.ContentLength, blob.length, 'headers promise the whole object');
    let received = 0;
    const read = async (): Promise<void> => {
      for await (const chunk of r.Body as AsyncIterable<Uint8Array>) received += chunk.length;
    };
    assert.notEqual(await errorName(read()), 'no error');
    assert.ok(received <= 100_000, `received ${received} bytes`);
    assert.ok((await getBlob(c)).equals(blob), 'the next download is whole');
  });

  it('cuts an upload after N bytes: the request fails and no object appears', async () => {
    sandbox.faults.add({
      service: 's3',
      operation: 'PutObject',
      kind: 'reset',
      during: 'upload',
      afterBytes: 50_000,
      count: 1,
    });
    const body = randomBytes(200_000);
    assert.notEqual(
      await errorName(c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cut.bin', Body: body }))),
      'no error',
    );
    assert.equal(await errorName(c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cut.bin' }))), 'NotFound');
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cut.bin', Body: body }));
    const head = await c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cut.bin' }));
    assert.equal(head.ContentLength, body.length);
  });

  it('slows replies by a delay and streams bodies at a byte rate', async () => {
    sandbox.faults.add({ service: 'sts', kind: 'slow', delayMs: 300, count: 1 });
    let t = Date.now();
    await c.sts.send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - t >= 290, `delay was ${Date.now() - t} ms`);

    sandbox.faults.add({ service: 's3', operation: 'GetObject', kind: 'slow', bytesPerSecond: 512 * 1024, count: 1 });
    t = Date.now();
    assert.ok((await getBlob(c)).equals(blob));
    const ms = Date.now() - t;
    assert.ok(ms >= 400, `256 KiB at 512 KiB/s took only ${ms} ms`);
  });

  it('denies StartLiveTail with AccessDeniedException', async () => {
    sandbox.faults.add({ service: 'logs', operation: 'StartLiveTail', kind: 'denied' });
    const name = await errorName(
      c.logs.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${sandbox.env.LOG_GROUP}`],
        }),
      ),
    );
    assert.equal(name, 'AccessDeniedException');
  });

  it('drops a live tail connection after N updates', async () => {
    sandbox.faults.add({ service: 'logs', operation: 'StartLiveTail', kind: 'dropTail', afterUpdates: 2, count: 1 });
    const r = await c.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${sandbox.env.LOG_GROUP}`],
      }),
    );
    let updates = 0;
    const consume = async (): Promise<void> => {
      for await (const frame of r.responseStream ?? []) if (frame.sessionUpdate) updates++;
    };
    const outcome = await errorName(consume());
    assert.equal(updates, 2);
    assert.ok(outcome !== undefined);
  });

  it('refuses requests signed with another access key, each service in its own words, and unsigned ones', async () => {
    const stranger = clientsFor({ ...sandbox, env: { ...sandbox.env, AWS_ACCESS_KEY_ID: 'AKIAOTHER00000000000' } });
    try {
      assert.equal(await errorName(getBlob(stranger)), 'InvalidAccessKeyId');
      assert.equal(await errorName(stranger.ec2.send(new DescribeInstancesCommand({}))), 'AuthFailure');
      assert.equal(await errorName(stranger.sts.send(new GetCallerIdentityCommand({}))), 'InvalidClientTokenId');
      assert.equal(
        await errorName(
          stranger.logs.send(
            new GetLogEventsCommand({ logGroupName: sandbox.env.LOG_GROUP, logStreamName: 'general' }),
          ),
        ),
        'UnrecognizedClientException',
      );
    } finally {
      stranger.destroy();
    }
    const anonymous = await rawRequest(sandbox.endpoint, {
      method: 'GET',
      path: `/${BUCKET}/blob.bin`,
      service: 's3',
      unsigned: true,
    });
    assert.equal(anonymous.status, 403, 'an unsigned GET is refused like a private bucket refuses it');
    assert.match(anonymous.body, /<Code>AccessDenied<\/Code>/);
  });

  it('reports every request once answered, with status 0 for a cut connection', async () => {
    const seen: RequestSummary[] = [];
    const traced = await startSandbox({ onRequest: (r) => seen.push(r) });
    const tc = clientsFor(traced);
    try {
      traced.faults.add({ service: 's3', operation: 'GetObject', kind: 'reset', count: 1 });
      const key = '2020-06-30.gps.gz';
      assert.notEqual(
        await errorName(tc.s3.send(new GetObjectCommand({ Bucket: traced.env.GPS_BUCKET_NAME, Key: key }))),
        'no error',
      );
      await tc.s3.send(new HeadObjectCommand({ Bucket: traced.env.GPS_BUCKET_NAME, Key: key }));
      await waitUntil(() => seen.length >= 2);
      assert.deepEqual(
        seen.map((r) => [r.service, r.operation, r.resource, r.status]),
        [
          ['s3', 'GetObject', `${traced.env.GPS_BUCKET_NAME}/${key}`, 0],
          ['s3', 'HeadObject', `${traced.env.GPS_BUCKET_NAME}/${key}`, 200],
        ],
      );
    } finally {
      tc.destroy();
      await traced.close();
    }
  });

  it('fires with a seeded probability: the same seed gives the same pattern', () => {
    const pattern = (seed: number): string => {
      const f = new Faults();
      f.add({ service: 's3', kind: 'throttle', probability: 0.5, seed });
      return Array.from({ length: 40 }, () =>
        f.onRequest({ service: 's3', operation: 'GetObject' }) ? 'x' : '.',
      ).join('');
    };
    assert.equal(pattern(7), pattern(7));
    assert.notEqual(pattern(7), pattern(8));
    const fired = pattern(7)
      .split('')
      .filter((ch) => ch === 'x').length;
    assert.ok(fired > 8 && fired < 32, `fired ${fired} of 40`);
  });

  it('is switchable over HTTP: POST/GET/DELETE /_sandbox/faults, GET /_sandbox/state, request counts', async () => {
    const control = sandboxControl(sandbox.endpoint, sandbox.controlToken);
    const ids = await control.addFaults([
      { service: 'ec2', operation: 'DescribeInstances', kind: 'throttle', count: 1 },
    ]);
    assert.equal(ids.length, 1);
    assert.equal(await errorName(c.ec2.send(new DescribeInstancesCommand({}))), 'RequestLimitExceeded');
    const state = await control.state();
    assert.equal(state.faults[0]?.fired, 1);
    assert.deepEqual(state.logGroups.find((g) => g.name === sandbox.env.LOG_GROUP)?.streams, [
      { name: 'general', events: 0 },
    ]);
    assert.ok((state.requests['ec2:DescribeInstances'] ?? 0) >= 1);
    const bad = await control.request('POST', '/_sandbox/faults', { service: 's3', kind: 'explode' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /unknown fault kind/);
    await control.clearFaults();
    assert.deepEqual(sandbox.faults.list(), []);
  });
});

async function waitUntil(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
