// Fault matrix, S3 through the storage adapter the extension, CLI and agent share: connection resets while
// uploading (single and multipart) and downloading, 5xx and slow answers. Every object is verified by checksum.
import * as assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { fault, inject, sha256, startFaultEnv, type FaultEnv } from './faultKit';

const BUCKET = 'adatrap-faults';

/** Incompressible and reproducible. */
function bytes(size: number, seed: number): Buffer {
  return createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16, 0)).update(Buffer.alloc(size));
}

describe('fault matrix: S3 (storage adapter)', function () {
  this.timeout(30_000);
  let env: FaultEnv;

  beforeEach(async () => {
    env = await startFaultEnv({ seed: false });
    await env.sb.s3.createBucket(BUCKET);
  });

  afterEach(async () => {
    await env?.close();
  });

  async function stored(key: string): Promise<string> {
    return sha256(await env.storage.getBytes(BUCKET, key));
  }

  it('a reset in the middle of a single-request upload: the object is stored whole (checksum)', async () => {
    const body = bytes(3 << 20, 1);
    const fired = inject(
      env.sb,
      fault('s3', 'reset', 'PutObject', { during: 'upload', afterBytes: 512 << 10, count: 1 }),
    );
    await env.storage.upload(BUCKET, 'single.bin', body);
    fired();
    assert.equal(await stored('single.bin'), sha256(body));
  });

  it('resets in the middle of two multipart parts and a 5xx on completion: the object is stored whole', async () => {
    const body = bytes(12 << 20, 2);
    const fired = inject(
      env.sb,
      fault('s3', 'reset', 'UploadPart', { during: 'upload', afterBytes: 1 << 20, count: 2 }),
      fault('s3', 'internalError', 'CompleteMultipartUpload', { count: 1 }),
    );
    await env.storage.upload(BUCKET, 'multi.bin', body);
    fired();
    assert.equal(await stored('multi.bin'), sha256(body));
    assert.deepEqual(
      (await env.storage.listAll(BUCKET)).map((o) => o.key),
      ['multi.bin'],
      'no stray object',
    );
  });

  it('a throttled (SlowDown) and a 5xx PutObject: retried, stored once, whole', async () => {
    const body = bytes(64 << 10, 3);
    const fired = inject(
      env.sb,
      fault('s3', 'throttle', 'PutObject', { count: 1 }),
      fault('s3', 'internalError', 'PutObject', { count: 1 }),
    );
    await env.storage.upload(BUCKET, 'small.bin', body);
    fired();
    assert.equal(await stored('small.bin'), sha256(body));
  });

  it('slow S3 (delayed answers, a body trickling at 256 KB/s): the download is whole', async () => {
    const body = bytes(384 << 10, 4);
    await env.sb.s3.putBuffer(BUCKET, 'slow.bin', body);
    const fired = inject(
      env.sb,
      fault('s3', 'slow', 'HeadObject', { delayMs: 400 }),
      fault('s3', 'slow', 'GetObject', { bytesPerSecond: 256 << 10 }),
    );
    assert.equal((await env.storage.head(BUCKET, 'slow.bin'))?.size, body.length);
    assert.equal(await stored('slow.bin'), sha256(body));
    fired();
  });

  it('a connection cut in the middle of a download surfaces as an error, never as a short body', async () => {
    const body = bytes(2 << 20, 5);
    await env.sb.s3.putBuffer(BUCKET, 'cut.bin', body);
    const fired = inject(env.sb, fault('s3', 'reset', 'GetObject', { afterBytes: 700 << 10, count: 1 }));
    await assert.rejects(env.storage.getBytes(BUCKET, 'cut.bin'));
    fired();
    assert.equal(await stored('cut.bin'), sha256(body), 'the next read is whole');
  });
});
