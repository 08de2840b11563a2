// S3, zip directory, pre-flight, EC2 runs and the launcher against the sandbox with real SDK clients.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { productSetup } from '../../helpers/sandboxClients';
import { S3Storage } from '../../../src/aws/storage';
import { listZipObject } from '../../../src/aws/zipDirectory';
import { checkDates, sharedPrefix } from '../../../src/aws/preflight';
import { Ec2Runs } from '../../../src/aws/runs';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { launchDate } from '../../../src/aws/launcher';
import type { AdatrapConfig } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';

describe('aws storage, zip directory, pre-flight, runs and launcher against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let storage: S3Storage;
  let config: AdatrapConfig;

  before(async () => {
    sandbox = await startSandbox();
    ({ config, clients } = productSetup(sandbox));
    storage = new S3Storage(clients.s3);
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
  });

  afterEach(() => sandbox.faults.clear());

  describe('storage', () => {
    it('lists by prefix across pages, heads, and reads ranges', async () => {
      const bucket = config.outputBucket;
      // Seeded through the store directly: 1005 uploads over HTTP would only slow the test down.
      for (let i = 0; i < 1005; i++)
        await sandbox.s3.putBuffer(bucket, `many/${String(i).padStart(4, '0')}`, Buffer.from('x'));
      await sandbox.s3.putBuffer(bucket, 'manyx', Buffer.from('not under the prefix'));
      const keys = (await storage.listAll(bucket, 'many/')).map((o) => o.key);
      assert.equal(keys.length, 1005, 'more than one ListObjectsV2 page');
      await storage.upload(bucket, 'r.txt', Buffer.from('0123456789'));
      assert.equal((await storage.head(bucket, 'r.txt'))?.size, 10);
      assert.equal(await storage.head(bucket, 'nope.txt'), undefined);
      assert.equal((await storage.getBytes(bucket, 'r.txt', { start: 2, end: 4 })).toString(), '234');
    });

    it('uploads a stream with a verified checksum, copies and deletes', async () => {
      const bucket = config.outputBucket;
      await storage.upload(bucket, 'stream.bin', Readable.from([Buffer.alloc(6 * 1024 * 1024, 7)]), {
        checksum: 'SHA256',
      });
      assert.equal((await storage.head(bucket, 'stream.bin'))?.size, 6 * 1024 * 1024);
      await storage.copy({ bucket, key: 'stream.bin' }, { bucket, key: 'copy.bin' });
      assert.equal((await storage.head(bucket, 'copy.bin'))?.size, 6 * 1024 * 1024);
      await storage.delete(bucket, 'copy.bin');
      assert.equal(await storage.head(bucket, 'copy.bin'), undefined);
    });

    it('probes buckets: existing, readable, writable; missing', async () => {
      assert.deepEqual(await storage.probeBucket(config.outputBucket, { write: true }), {
        exists: true,
        readable: true,
        writable: true,
      });
      const missing = await storage.probeBucket('no-such-bucket-here');
      assert.equal(missing.exists, false);
    });
  });

  describe('zip directory over ranged GETs', () => {
    it('lists a PO zip without downloading it', async () => {
      const zip = new ZipFile();
      const big = Buffer.alloc(2 * 1024 * 1024, 1);
      zip.addBuffer(big, '2021-01-01/Big_PO20210101.csv.gz', { compress: false });
      zip.addBuffer(Buffer.from('a'), '2021-01-01/Small_PO20210101.txt.gz');
      zip.end();
      const chunks: Buffer[] = [];
      for await (const c of zip.outputStream) chunks.push(Buffer.from(c as Uint8Array));
      await storage.upload(config.opProgramBucket, 'test-only.zip', Buffer.concat(chunks));
      sandbox.faults.resetCounts();
      const entries = await listZipObject(storage, config.opProgramBucket, 'test-only.zip');
      assert.deepEqual(
        entries.map((e) => e.name),
        ['2021-01-01/Big_PO20210101.csv.gz', '2021-01-01/Small_PO20210101.txt.gz'],
      );
      assert.equal(entries[0]?.uncompressedSize, big.length);
      assert.equal(sandbox.faults.count('s3', 'GetObject'), 2, 'tail and central directory only');
      await storage.delete(config.opProgramBucket, 'test-only.zip');
    });
  });

  describe('pre-flight', () => {
    it('shares one prefix across a range', () => {
      assert.equal(sharedPrefix(['2020-06-29', '2020-07-02']), '2020-0');
      assert.equal(sharedPrefix(['2020-06-29']), '2020-06-29');
    });

    it('judges seeded days ready and the incomplete day not, reading each PO zip directory once', async () => {
      sandbox.faults.resetCounts();
      const results = await checkDates(storage, config, ['2020-06-29', '2020-06-30', '2020-07-01', '2020-07-02']);
      assert.deepEqual(
        results.map((r) => r.ready),
        [true, true, true, false],
      );
      assert.deepEqual(
        results[3]?.problems.map((p) => p.key),
        ['2020-07-02.trx.gz'],
      );
      // Two PO zips apply (2020-06-01 and 2020-06-30): two ranged reads each, plus the .par template.
      assert.equal(sandbox.faults.count('s3', 'GetObject'), 5);
    });

    it('names the bucket and its .env key when a bucket is missing', async () => {
      await assert.rejects(
        checkDates(storage, { ...config, gpsBucket: 'missing-gps-bucket' }, ['2020-06-29']),
        (e: unknown) =>
          e instanceof UserError && /missing-gps-bucket/.test(e.message) && /GPS_BUCKET_NAME/.test(e.message),
      );
    });
  });

  describe('runs and launcher', () => {
    it('launches a date, lists it by tag, refuses a second live run, terminates and waits', async () => {
      const runs = new Ec2Runs(clients.ec2);
      const logs = new CloudWatchLogs(clients.logs);
      const deps = {
        config,
        storage,
        runs,
        logs,
        logLanguage: 'es' as const,
        agentBundle: async () => ({ sha256: 'a'.repeat(64), version: 'test' }),
      };
      const { instanceId } = await launchDate(deps, '2020-06-30');
      const listed = (await runs.list()).find((r) => r.instanceId === instanceId);
      assert.equal(listed?.date, '2020-06-30');
      assert.ok(listed?.launchTime instanceof Date);
      assert.match(listed?.deadline ?? '', /^\d{4}-\d{2}-\d{2}T/);
      await assert.rejects(launchDate(deps, '2020-06-30'), /already has a live run/);
      const own: string[] = [];
      for await (const e of logs.read(config.logGroup, instanceId)) own.push(e.message);
      assert.deepEqual(
        own.map((m) => m.replace(/^\S+ \S+\t/, '')),
        ['INFO: Instancia creada correctamente.'],
      );
      await runs.terminate(instanceId);
      const ended = await runs.waitForState(instanceId, ['terminated'], { intervalMs: 100, timeoutMs: 10_000 });
      assert.equal(ended.state, 'terminated');
      await runs.tag(instanceId, { 'adatrap:status': 'failed: stopped by hand' });
      assert.equal((await runs.describe(instanceId))?.status, 'failed: stopped by hand');
      // A status the agent never writes is not trusted: the run shows it as unknown.
      await runs.tag(instanceId, { 'adatrap:status': 'stopped' });
      const forged = await runs.describe(instanceId);
      assert.equal(forged?.status, undefined);
      assert.deepEqual(forged?.unknownTags, ['status']);
      assert.equal(await runs.describe('i-0000000000000beef'), undefined);
    });

    it('refuses to launch when the log group is missing, naming LOG_GROUP, and starts no machine', async () => {
      const runs = new Ec2Runs(clients.ec2);
      const before = (await runs.list()).length;
      const deps = {
        config: { ...config, logGroup: 'no-such-group' },
        storage,
        runs,
        logs: new CloudWatchLogs(clients.logs),
        agentBundle: async () => ({ sha256: 'b'.repeat(64), version: 'test' }),
      };
      await assert.rejects(
        launchDate(deps, '2020-07-01'),
        (e: unknown) => e instanceof UserError && /no-such-group.*LOG_GROUP/.test(e.message),
      );
      assert.equal((await runs.list()).length, before);
    });
  });
});
