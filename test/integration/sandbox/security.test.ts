// The sandbox on a shared machine: only its own signed requests and token-bearing control calls get through;
// everything else is refused the way AWS refuses it, and nothing is written or run.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { presignS3Url } from '../../../src/sandbox/auth/presign';
import { sandboxControl } from '../../../src/sandbox/control';
import { clientsFor, errorName, type SandboxClients } from './clients';
import { rawRequest, type RawRequest } from './signedFetch';

const BUCKET = 'adatrap-sandbox-output';
const RUN_FORM = (count: number): string =>
  new URLSearchParams({
    Action: 'RunInstances',
    Version: '2016-11-15',
    ImageId: 'ami-05a4d6b0c0ffee001',
    MinCount: String(count),
    MaxCount: String(count),
  }).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('sandbox security: who may use it', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let launched = 0;

  before(async () => {
    sandbox = await startSandbox({
      timings: { pendingMs: 20, shuttingDownMs: 20 },
      limits: { apiBodyBytes: 64 * 1024, s3BodyBytes: 256 * 1024 },
      launcher: {
        start() {
          launched++;
          return { stop: async () => undefined, exited: new Promise(() => undefined) };
        },
      },
    });
    c = clientsFor(sandbox);
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  const send = (r: RawRequest) => rawRequest(sandbox.endpoint, r);
  /** The calls the cases send (one-machine RunInstances, DescribeLogGroups, a PUT), `how` naming what each spoils. */
  type How = Partial<RawRequest>;
  const rawRunOne = (how: How) =>
    send({ method: 'POST', path: '/', service: 'ec2', headers: FORM, body: RUN_FORM(1), ...how });
  const describeLogGroups = (how: How) =>
    send({
      method: 'POST',
      path: '/',
      service: 'logs',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      body: '{}',
      ...how,
    });
  const put = (key: string, how: How) =>
    send({ method: 'PUT', path: `/${BUCKET}/${key}`, service: 's3', body: 'x', ...how });
  const objectExists = (key: string): boolean => sandbox.s3.head(BUCKET, key) !== undefined;
  const instances = (): number => sandbox.ec2.instances.size;

  it('refuses an unsigned PUT with S3 AccessDenied and writes nothing', async () => {
    const r = await put('unsigned.txt', { unsigned: true });
    assert.equal(r.status, 403);
    assert.match(r.body, /<Code>AccessDenied<\/Code>/);
    assert.equal(objectExists('unsigned.txt'), false);
  });

  it('refuses an unsigned RunInstances with EC2 AuthFailure and runs nothing', async () => {
    const before = instances();
    const r = await rawRunOne({ unsigned: true });
    assert.equal(r.status, 401);
    assert.match(r.body, /<Code>AuthFailure<\/Code>/);
    assert.equal(instances(), before);
    assert.equal(launched, 0);
  });

  it('refuses unsigned Logs and STS calls in their own words', async () => {
    const logs = await describeLogGroups({ unsigned: true });
    assert.equal(logs.status, 400);
    assert.equal((JSON.parse(logs.body) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const sts = await send({
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: FORM,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      unsigned: true,
    });
    assert.equal(sts.status, 403);
    assert.match(sts.body, /<Code>MissingAuthenticationToken<\/Code>/);
  });

  it('refuses a wrong secret (SignatureDoesNotMatch / AuthFailure) and a tampered signature', async () => {
    const wrongSecret = { accessKeyId: 'AKIASANDBOX000000000', secretAccessKey: 'guessed' };
    const stored = await put('wrong-secret.txt', { credentials: wrongSecret });
    assert.equal(stored.status, 403);
    assert.match(stored.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.equal(objectExists('wrong-secret.txt'), false);
    const run = await rawRunOne({ tamper: true });
    assert.equal(run.status, 401);
    assert.match(run.body, /<Code>AuthFailure<\/Code>/);
    assert.equal(launched, 0);
    const logs = await describeLogGroups({ credentials: wrongSecret });
    assert.equal((JSON.parse(logs.body) as { __type: string }).__type, 'InvalidSignatureException');
  });

  it('refuses a request dated more than 15 minutes away (RequestExpired, RequestTimeTooSkewed)', async () => {
    const signed = await rawRunOne({ now: new Date(Date.now() - 20 * 60 * 1000) });
    assert.equal(signed.status, 400);
    assert.match(signed.body, /<Code>RequestExpired<\/Code>/);
    const skewedPut = await put('late.txt', { now: new Date(Date.now() + 20 * 60 * 1000) });
    assert.equal(skewedPut.status, 403);
    assert.match(skewedPut.body, /<Code>RequestTimeTooSkewed<\/Code>/);
    assert.equal(objectExists('late.txt'), false);
  });

  it('refuses an S3 body that does not match its signed x-amz-content-sha256, keeping nothing', async () => {
    const r = await put('mismatch.txt', { body: 'the real body', headers: { 'x-amz-content-sha256': 'a'.repeat(64) } });
    assert.equal(r.status, 400);
    assert.match(r.body, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
    assert.equal(objectExists('mismatch.txt'), false);
  });

  it('stores a signed aws-chunked body whose every chunk signature matches, and refuses one that does not', async () => {
    const body = 'signed chunks: 0123456789'.repeat(10);
    const ok = await put('chunked.txt', { body, signedChunks: { size: 64 } });
    assert.equal(ok.status, 200, ok.body);
    const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'chunked.txt' }));
    assert.equal(await got.Body?.transformToString(), body, 'the object is the data alone, framing removed');
    for (const tamperChunk of [1, 4]) {
      const key = `bad-chunk-${tamperChunk}.txt`;
      const r = await put(key, { body, signedChunks: { size: 64, tamperChunk } });
      assert.equal(r.status, 403, `chunk ${tamperChunk}`);
      assert.match(r.body, /<Code>SignatureDoesNotMatch<\/Code>/);
      assert.equal(objectExists(key), false);
    }
  });

  it('refuses a request signed with another access key, whatever the service', async () => {
    const stranger = clientsFor({ ...sandbox, env: { ...sandbox.env, AWS_ACCESS_KEY_ID: 'AKIAOTHER00000000000' } });
    try {
      const run = stranger.ec2.send(new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 1, MaxCount: 1 }));
      assert.equal(await errorName(run), 'AuthFailure');
      assert.equal(launched, 0);
    } finally {
      stranger.destroy();
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even when signed', async () => {
    const host = await send({
      method: 'GET',
      path: `/${BUCKET}?list-type=2`,
      service: 's3',
      headers: { host: 'evil.example' },
    });
    assert.equal(host.status, 403);
    assert.match(host.body, /evil\.example/);
    const port = await send({
      method: 'GET',
      path: `/${BUCKET}?list-type=2`,
      service: 's3',
      headers: { host: '127.0.0.1:1' },
    });
    assert.equal(port.status, 403, 'the right name with another port is foreign too');
    const origin = await rawRunOne({ headers: { ...FORM, origin: 'http://evil.example' } });
    assert.equal(origin.status, 403);
    assert.match(origin.body, /evil\.example/);
    assert.equal(launched, 0);
    const own = await send({
      method: 'GET',
      path: `/${BUCKET}?list-type=2`,
      service: 's3',
      headers: { host: `localhost:${sandbox.port}`, origin: `http://localhost:${sandbox.port}` },
    });
    assert.equal(own.status, 200, 'localhost with the port, and the sandbox as its own Origin, are fine');
  });

  it('takes control calls only with the bearer token printed at start', async () => {
    const none = await fetch(`${sandbox.endpoint}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ service: 's3', kind: 'throttle' }),
    });
    assert.equal(none.status, 401);
    const wrong = await sandboxControl(sandbox.endpoint, 'not-the-token').request('GET', '/_sandbox/state');
    assert.equal(wrong.status, 401);
    assert.deepEqual(sandbox.faults.list(), [], 'no fault was added');
    assert.equal((await sandboxControl(sandbox.endpoint, sandbox.controlToken).state()).endpoint, sandbox.endpoint);
    assert.equal(sandbox.env.SANDBOX_CONTROL_TOKEN, sandbox.controlToken);
  });

  it('caps a chunked (no Content-Length) body by the bytes actually received', async () => {
    const big = `${RUN_FORM(1)}&UserData=${'A'.repeat(100 * 1024)}`;
    const r = await rawRunOne({ body: big, chunkedPieces: 8192 });
    assert.equal(r.status, 413);
    assert.equal(launched, 0);
    const s3 = await put('too-big.bin', { body: Buffer.alloc(300 * 1024, 1), chunkedPieces: 16384 });
    assert.equal(s3.status, 400);
    assert.match(s3.body, /<Code>EntityTooLarge<\/Code>/);
    assert.equal(objectExists('too-big.bin'), false);
  });

  it('serves a presigned GET until it expires, and refuses one with a changed key', async () => {
    const key = 'presigned/a b+ñ.txt';
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'presigned body' }));
    const url = presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 60 });
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'presigned body');
    const other = await fetch(url.replace('presigned/', 'presigned2/'));
    assert.equal(other.status, 403);
    assert.match(await other.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const old = presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 1, now: new Date(Date.now() - 5000) });
    const expired = await fetch(old);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it('refuses presigned URLs as S3 does: past X-Amz-Expires, over a week, signed with another secret', async () => {
    const key = 'presigned/limits.txt';
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'limits' }));
    const status = async (url: string): Promise<[number, string]> => {
      const r = await fetch(url);
      return [r.status, await r.text()];
    };
    // Seven days is the longest S3 accepts; one second more is refused before the signature is looked at.
    const week = await status(presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 604_800 }));
    assert.deepEqual(week, [200, 'limits']);
    const [overStatus, over] = await status(presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 604_801 }));
    assert.equal(overStatus, 400);
    assert.match(over, /<Code>AuthorizationQueryParametersError<\/Code>/);
    assert.match(
      over,
      /X-Amz-Expires must be less than a week \(in seconds\); that is, the given X-Amz-Expires must be less than 604800 seconds/,
    );
    const good = presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 60 });
    const [nanStatus, nan] = await status(good.replace('X-Amz-Expires=60', 'X-Amz-Expires=soon'));
    assert.equal(nanStatus, 400);
    assert.match(nan, /<Code>AuthorizationQueryParametersError<\/Code><Message>X-Amz-Expires should be a number/);
    const [negStatus, neg] = await status(good.replace('X-Amz-Expires=60', 'X-Amz-Expires=-1'));
    assert.equal(negStatus, 400);
    assert.match(neg, /X-Amz-Expires must be non-negative/);
    // A link that lived its whole week, signed eight days ago: expired, however valid its signature.
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const [oldStatus, old] = await status(
      presignS3Url(sandbox.endpoint, BUCKET, key, { expiresSeconds: 604_800, now: eightDaysAgo }),
    );
    assert.equal(oldStatus, 403);
    assert.match(old, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    // A longer X-Amz-Expires written into a signed URL breaks its signature.
    const [stretchedStatus, stretched] = await status(good.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'));
    assert.equal(stretchedStatus, 403);
    assert.match(stretched, /<Code>SignatureDoesNotMatch<\/Code>/);
    const forged = presignS3Url(sandbox.endpoint, BUCKET, key, {
      credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: 'not-the-sandbox-secret' },
    });
    const [forgedStatus, forgedBody] = await status(forged);
    assert.equal(forgedStatus, 403);
    assert.match(forgedBody, /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('refuses MaxCount=100000 (InstanceLimitExceeded) and keeps the live machines within the quota of 20', async () => {
    const huge = c.ec2.send(new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 1, MaxCount: 100_000 }));
    assert.equal(await errorName(huge), 'InstanceLimitExceeded');
    assert.equal(instances(), 0);
    assert.equal(launched, 0);
    const some = await c.ec2.send(new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 1, MaxCount: 15 }));
    assert.equal(some.Instances?.length, 15);
    const over = c.ec2.send(new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 6, MaxCount: 6 }));
    assert.equal(await errorName(over), 'InstanceLimitExceeded', 'only 5 more fit');
    const rest = await c.ec2.send(new RunInstancesCommand({ ImageId: sandbox.env.AMI_ID, MinCount: 1, MaxCount: 20 }));
    assert.equal(rest.Instances?.length, 5, 'as EC2 does, the largest number above MinCount that fits');
    assert.equal(instances(), 20);
    const ids = [...sandbox.ec2.instances.keys()];
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
  });

  it('stores a key with ../ segments under its own name, never outside the data folder', async () => {
    const key = '../../../escape/../../x.txt';
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'inside' }));
    const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(await got.Body?.transformToString(), 'inside');
    assert.ok(objectExists(key), 'the object has exactly that key');
    const encoded = await send({ method: 'GET', path: `/${BUCKET}/%2E%2E/%2e%2e/x.txt`, service: 's3' });
    assert.equal(encoded.status, 404, 'an encoded ../ is part of the key too, not a way to another bucket');
    assert.equal(existsSync(path.join(sandbox.dataDir, '..', 'x.txt')), false);
    assert.equal(existsSync(path.join(sandbox.dataDir, '..', '..', 'x.txt')), false);
  });
});
