// Issue 11 (S3): a bucket in another region than REGION_NAME answers as S3 does (301 PermanentRedirect with
// x-amz-bucket-region) and our clients follow it; CopyObject refuses sources over its limit as S3 does, and the
// storage adapter (and so the agent's history copy of a previous D.zip) switches to a multipart copy.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
  CreateMultipartUploadCommand,
} from '@aws-sdk/client-s3';
import { publishResults } from '../../../agent/publishResults';
import { Reasons } from '../../../agent/runFailure';
import type { AwsClients } from '../../../src/aws/clients';
import { productSetup } from '../../helpers/sandboxClients';
import { S3Storage } from '../../../src/aws/storage';
import type { AdatrapConfig } from '../../../src/core/config';
import { startSandbox, type Sandbox } from '../../../src/sandbox';

const MiB = 1024 * 1024;
const LIMIT = 8 * MiB;

describe('S3 fidelity: buckets in other regions, the CopyObject limit and multipart copy', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let config: AdatrapConfig;
  let plain: S3Client;

  before(async () => {
    sandbox = await startSandbox({
      s3: { bucketRegions: { 'adatrap-sandbox-gps': 'sa-east-1' }, copyObjectMaxBytes: LIMIT },
    });
    ({ config, clients } = productSetup(sandbox));
    assert.equal(config.gpsBucket, 'adatrap-sandbox-gps');
    // The same client without region redirects: what S3 answers before the SDK follows anything.
    plain = new S3Client({
      region: config.region,
      endpoint: sandbox.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKeyId ?? '', secretAccessKey: config.secretAccessKey ?? '' },
      maxAttempts: 1,
    });
  });

  after(async () => {
    plain?.destroy();
    clients?.destroy();
    await sandbox?.close();
  });

  it('answers a request signed for the wrong region with 301 PermanentRedirect and x-amz-bucket-region', async () => {
    const err = await plain.send(new ListObjectsV2Command({ Bucket: config.gpsBucket })).then(
      () => undefined,
      (e: unknown) =>
        e as {
          name?: string;
          $metadata?: { httpStatusCode?: number };
          $response?: { headers: Record<string, string> };
        },
    );
    assert.equal(err?.$metadata?.httpStatusCode, 301);
    assert.equal(err?.name, 'PermanentRedirect');
    assert.equal(err?.$response?.headers['x-amz-bucket-region'], 'sa-east-1');
    const location = await plain.send(new GetBucketLocationCommand({ Bucket: config.gpsBucket }));
    assert.equal(location.LocationConstraint, 'sa-east-1', 'GetBucketLocation answers from any region');
    const home = await plain.send(new GetBucketLocationCommand({ Bucket: config.outputBucket }));
    assert.ok(!home.LocationConstraint, 'us-east-1 is the empty LocationConstraint');
  });

  it('our clients follow the redirect (followRegionRedirects): listing, reading and HeadBucket work', async () => {
    const storage = new S3Storage(clients.s3);
    const keys = (await storage.listAll(config.gpsBucket)).map((o) => o.key);
    assert.ok(
      keys.some((k) => k.endsWith('.gps.gz')),
      keys.join(),
    );
    const first = keys.find((k) => k.endsWith('.gps.gz')) ?? '';
    assert.ok((await storage.getBytes(config.gpsBucket, first)).length > 0);
    const head = await clients.s3.send(new HeadBucketCommand({ Bucket: config.gpsBucket }));
    assert.equal(head.BucketRegion, 'sa-east-1');
  });

  it('refuses CopyObject over the limit with 400 InvalidRequest, as S3 does over 5 GB', async () => {
    const bucket = config.outputBucket;
    await sandbox.s3.putBuffer(bucket, 'big.zip', randomBytes(LIMIT + 1));
    const err = await plain
      .send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy.zip', CopySource: `${bucket}/big.zip` }))
      .then(
        () => undefined,
        (e: unknown) => e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } },
      );
    assert.equal(err?.$metadata?.httpStatusCode, 400);
    assert.equal(err?.name, 'InvalidRequest');
    assert.match(
      err?.message ?? '',
      /copy source is larger than the maximum allowable size for a copy source: 8388608/,
    );
    // A part copy over the limit is refused too.
    const upload = await plain.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'parts.zip' }));
    await assert.rejects(
      plain.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: 'parts.zip',
          UploadId: upload.UploadId,
          PartNumber: 1,
          CopySource: `${bucket}/big.zip`,
        }),
      ),
      (e: { name?: string }) => e.name === 'InvalidRequest',
    );
  });

  it('copies a source over the limit with UploadPartCopy ranges, byte for byte', async () => {
    const bucket = config.outputBucket;
    const body = randomBytes(LIMIT + 3 * MiB + 17);
    await sandbox.s3.putBuffer(bucket, 'year.zip', body);
    const storage = new S3Storage(clients.s3, { copyObjectMaxBytes: LIMIT, copyPartBytes: 5 * MiB });
    sandbox.faults.resetCounts();
    await storage.copy({ bucket, key: 'year.zip' }, { bucket, key: 'history/year.zip' }, body.length);
    assert.deepEqual(await storage.getBytes(bucket, 'history/year.zip'), body);
    assert.equal(sandbox.faults.count('s3', 'UploadPartCopy'), 3, '5 + 5 + 1 MiB parts');
    assert.equal(sandbox.faults.count('s3', 'CopyObject'), 0);
  });

  it('the agent keeps a previous D.zip over the limit under history/ (multipart copy), then publishes', async () => {
    const bucket = config.outputBucket;
    const previous = randomBytes(LIMIT + MiB);
    await sandbox.s3.putBuffer(bucket, '2020-06-29.zip', previous);
    const dir = await mkdtemp(join(tmpdir(), 'adatrap-publish-'));
    try {
      const zipPath = join(dir, 'new.zip');
      await writeFile(zipPath, 'new result');
      const storage = new S3Storage(clients.s3, { copyObjectMaxBytes: LIMIT, copyPartBytes: 5 * MiB });
      const published = await publishResults(storage, new Reasons('en'), bucket, '2020-06-29', zipPath, '{}');
      assert.ok(published.previous?.startsWith('history/2020-06-29/'));
      assert.deepEqual(await storage.getBytes(bucket, published.previous ?? ''), previous);
      assert.equal((await storage.getBytes(bucket, '2020-06-29.zip')).toString(), 'new result');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
