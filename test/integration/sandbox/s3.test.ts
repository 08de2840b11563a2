import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { rawRequest } from './signedFetch';
import { clientsFor, errorName, sandboxClientConfig, type SandboxClients } from './clients';

const BUCKET = 'sandbox-test-bucket';

describe('sandbox S3 (real SDK v3 client)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let c: SandboxClients;

  before(async () => {
    sandbox = await startSandbox({ seed: false });
    c = clientsFor(sandbox);
    await c.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  it('creates, lists and heads buckets; a second create and a missing bucket are the AWS errors', async () => {
    const list = await c.s3.send(new ListBucketsCommand({}));
    assert.deepEqual(
      list.Buckets?.map((b) => b.Name),
      [BUCKET],
    );
    await c.s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    assert.equal(await errorName(c.s3.send(new CreateBucketCommand({ Bucket: BUCKET }))), 'BucketAlreadyOwnedByYou');
    assert.equal(await errorName(c.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))), 'NotFound');
    assert.equal(await errorName(c.s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))), 'NoSuchBucket');
    assert.equal(await errorName(c.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))), 'InvalidBucketName');
  });

  it('puts and gets an object with its md5 ETag, content type and user metadata', async () => {
    const body = Buffer.from('día 2020-06-30\n', 'utf8');
    const put = await c.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'dir/a b+ñ.txt',
        Body: body,
        ContentType: 'text/plain',
        Metadata: { origin: 'test' },
      }),
    );
    assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
    const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'dir/a b+ñ.txt' }));
    assert.equal(await got.Body?.transformToString(), body.toString());
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, body.length);
    assert.deepEqual(got.Metadata, { origin: 'test' });
    const head = await c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'dir/a b+ñ.txt' }));
    assert.equal(head.ETag, put.ETag);
  });

  it('answers a malformed URI with 400 InvalidURI, and keeps serving', async () => {
    const r = await rawRequest(sandbox.endpoint, { method: 'GET', path: `/${BUCKET}/bad%zzkey`, service: 's3' });
    assert.equal(r.status, 400);
    assert.match(r.body, /<Code>InvalidURI<\/Code>/);
    await c.s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
  });

  it('answers a missing key with NoSuchKey (GET) and NotFound (HEAD)', async () => {
    assert.equal(await errorName(c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing' }))), 'NoSuchKey');
    assert.equal(await errorName(c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' }))), 'NotFound');
  });

  it('serves byte ranges (a-b, a-, -n) and rejects a range past the end', async () => {
    const body = Buffer.from('0123456789');
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range.bin', Body: body }));
    const get = async (Range: string): Promise<{ text: string; range?: string }> => {
      const r = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.bin', Range }));
      return { text: (await r.Body?.transformToString()) ?? '', range: r.ContentRange };
    };
    assert.deepEqual(await get('bytes=2-4'), { text: '234', range: 'bytes 2-4/10' });
    assert.deepEqual(await get('bytes=7-'), { text: '789', range: 'bytes 7-9/10' });
    assert.deepEqual(await get('bytes=-3'), { text: '789', range: 'bytes 7-9/10' });
    assert.deepEqual(await get('bytes=8-100'), { text: '89', range: 'bytes 8-9/10' });
    assert.equal(await errorName(get('bytes=10-12')), 'InvalidRange');
  });

  it('paginates ListObjectsV2 with Prefix, Delimiter/CommonPrefixes, MaxKeys, ContinuationToken and StartAfter', async () => {
    const keys = ['p/2020/a.gz', 'p/2020/b.gz', 'p/2021/c.gz', 'p/x.gz', 'p/y.gz', 'p/z.gz', 'q/other.gz'];
    for (const Key of keys) await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Key }));

    const seen: string[] = [];
    const prefixes: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await c.s3.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: 'p/',
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      pages++;
      seen.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''));
      assert.ok((page.KeyCount ?? 0) <= 2);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    assert.deepEqual(prefixes, ['p/2020/', 'p/2021/']);
    assert.deepEqual(seen, ['p/x.gz', 'p/y.gz', 'p/z.gz']);
    assert.equal(pages, 3);

    const after = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'p/', StartAfter: 'p/x.gz' }));
    assert.deepEqual(
      after.Contents?.map((o) => o.Key),
      ['p/y.gz', 'p/z.gz'],
    );
    const all = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'p/2020/' }));
    assert.deepEqual(
      all.Contents?.map((o) => [o.Key, o.Size]),
      [
        ['p/2020/a.gz', 11],
        ['p/2020/b.gz', 11],
      ],
    );
    assert.equal(all.IsTruncated, false);
  });

  it('uploads a multi-part object with lib-storage: bytes intact, ETag in the -N form', async () => {
    const data = randomBytes(12 * 1024 * 1024 + 123);
    const upload = new Upload({
      client: c.s3,
      params: { Bucket: BUCKET, Key: 'big/multipart.bin', Body: Readable.from(chunks(data, 256 * 1024)) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    });
    const done = await upload.done();
    assert.match(done.ETag ?? '', /^"[0-9a-f]{32}-3"$/);
    assert.equal(sandbox.faults.count('s3', 'UploadPart'), 3);
    const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big/multipart.bin' }));
    const back = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    assert.equal(back.length, data.length);
    assert.ok(back.equals(data), 'downloaded bytes differ from the uploaded ones');
  });

  it('completes an upload of more than ten parts without piling listeners on the object file', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const part = randomBytes(5 * 1024 * 1024);
      const upload = new Upload({
        client: c.s3,
        params: {
          Bucket: BUCKET,
          Key: 'big/twelve.bin',
          Body: Readable.from(chunks(Buffer.concat(Array(12).fill(part)), 1024 * 1024)),
        },
        partSize: 5 * 1024 * 1024,
        queueSize: 4,
      });
      assert.match((await upload.done()).ETag ?? '', /^"[0-9a-f]{32}-12"$/);
      const head = await c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big/twelve.bin' }));
      assert.equal(head.ContentLength, 12 * part.length);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(
        warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')),
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('enforces S3 rules: parts but the last of at least 5 MiB, keys of at most 1024 bytes', async () => {
    const { UploadId } = await c.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'small-parts.bin' }));
    const parts = [];
    for (const PartNumber of [1, 2]) {
      const r = await c.s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'small-parts.bin',
          UploadId,
          PartNumber,
          Body: Buffer.alloc(1024, PartNumber),
        }),
      );
      parts.push({ PartNumber, ETag: r.ETag });
    }
    const complete = c.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'small-parts.bin',
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    assert.equal(await errorName(complete), 'EntityTooSmall');
    await c.s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'small-parts.bin', UploadId }));
    assert.equal(
      await errorName(c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k'.repeat(1025), Body: 'x' }))),
      'KeyTooLongError',
    );
  });

  it('stores streamed bodies sent with aws-chunked framing (default SDK checksums) as the plain bytes', async () => {
    const plain = new S3Client({ ...sandboxClientConfig(sandbox, 3), forcePathStyle: true });
    try {
      const data = randomBytes(300_000);
      await plain.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'chunked.bin',
          Body: Readable.from(chunks(data, 65536)),
          ContentLength: data.length,
        }),
      );
      const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'chunked.bin' }));
      assert.ok(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(data));
    } finally {
      plain.destroy();
    }
  });

  it('refuses an aws-chunked body cut short before its final chunk as S3 does (400 IncompleteBody), storing nothing', async () => {
    const unsigned = await rawRequest(sandbox.endpoint, {
      method: 'PUT',
      path: `/${BUCKET}/cut-unsigned.txt`,
      service: 's3',
      headers: {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '10',
      },
      body: '5\r\nhello\r\n',
    });
    const signed = await rawRequest(sandbox.endpoint, {
      method: 'PUT',
      path: `/${BUCKET}/cut-signed.txt`,
      service: 's3',
      body: 'signed but cut short: 0123456789'.repeat(4),
      signedChunks: { size: 32, truncated: true },
    });
    for (const [key, reply] of [
      ['cut-unsigned.txt', unsigned],
      ['cut-signed.txt', signed],
    ] as const) {
      assert.equal(reply.status, 400, `${key}: ${reply.body}`);
      assert.match(reply.body, /<Code>IncompleteBody<\/Code>/);
      assert.equal(
        await errorName(c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))),
        'NotFound',
        `${key} is not stored`,
      );
    }
  });

  it('verifies and returns additional checksums: the default SDK client validates its download against them', async () => {
    const sdkDefaults = new S3Client({ ...sandboxClientConfig(sandbox, 3), forcePathStyle: true });
    try {
      const data = randomBytes(200_000);
      for (const ChecksumAlgorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
        const Key = `sum/${ChecksumAlgorithm}.bin`;
        const put = await sdkDefaults.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key,
            Body: Readable.from(chunks(data, 50_000)),
            ContentLength: data.length,
            ChecksumAlgorithm,
          }),
        );
        const head = await sdkDefaults.send(new HeadObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }));
        const field = `Checksum${ChecksumAlgorithm}` as const;
        assert.ok(put[field], `${ChecksumAlgorithm} echoed on PutObject`);
        assert.equal(head[field], put[field]);
        const got = await sdkDefaults.send(new GetObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }));
        assert.ok(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(data));
      }
      const sha = createHash('sha256').update('right').digest('base64');
      const wrong = c.s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'sum/wrong.txt', Body: 'wrong', ChecksumSHA256: sha }),
      );
      assert.equal(await errorName(wrong), 'BadDigest');
      assert.equal(
        await errorName(c.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'sum/wrong.txt' }))),
        'NotFound',
      );
    } finally {
      sdkDefaults.destroy();
    }
  });

  it('copies and deletes objects (single and batch)', async () => {
    await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy/src.txt', Body: 'copy me' }));
    await c.s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copy/dst ñ.txt',
        CopySource: `${BUCKET}/${encodeURIComponent('copy/src.txt')}`,
      }),
    );
    const got = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy/dst ñ.txt' }));
    assert.equal(await got.Body?.transformToString(), 'copy me');
    await c.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'copy/src.txt' }));
    await c.s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'copy/dst ñ.txt' }] } }));
    const left = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'copy/' }));
    assert.equal(left.KeyCount, 0);
  });

  it('keeps objects in --data across restarts', async () => {
    const second = await startSandbox({ seed: false, dataDir: sandbox.dataDir, port: 0 });
    try {
      const c2 = clientsFor(second);
      const got = await c2.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.bin' }));
      assert.equal(await got.Body?.transformToString(), '0123456789');
      c2.destroy();
    } finally {
      await second.close();
    }
  });
});

function* chunks(data: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}
