// Publishing a large result: multipart upload, and a second run keeps the first result under history/.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsClients } from '../../../src/aws/clients';
import { productClients } from '../../helpers/sandboxClients';
import { S3Storage } from '../../../src/aws/storage';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { publishResults } from '../../../agent/publishResults';
import { Reasons } from '../../../agent/runFailure';

describe('publishing results', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let clients: AwsClients;
  let dir: string;

  before(async () => {
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    sb = await startSandbox({ seed: false });
    await sb.s3.createBucket('out');
    clients = productClients(sb);
    dir = await mkdtemp(join(tmpdir(), 'adatrap-publish-'));
  });
  after(async () => {
    clients?.destroy();
    await sb?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads a large zip in parts, then keeps it under history/ when the day is published again', async () => {
    const storage = new S3Storage(clients.s3);
    const reasons = new Reasons('en');
    const first = randomBytes(12 * 1024 * 1024);
    const second = randomBytes(1024);
    await writeFile(join(dir, 'a.zip'), first);
    await writeFile(join(dir, 'b.zip'), second);

    const one = await publishResults(
      storage,
      reasons,
      'out',
      '2020-06-29',
      join(dir, 'a.zip'),
      '{"run":1}',
      new Date('2026-01-01T10:00:00Z'),
    );
    assert.equal(one.previous, undefined);
    assert.ok(sb.faults.count('s3', 'CreateMultipartUpload') >= 1, 'a 12 MB zip goes up in parts');
    assert.equal((await storage.head('out', '2020-06-29.zip'))?.size, first.length);

    const two = await publishResults(
      storage,
      reasons,
      'out',
      '2020-06-29',
      join(dir, 'b.zip'),
      '{"run":2}',
      new Date('2026-01-02T10:00:00Z'),
    );
    assert.equal(two.previous, 'history/2020-06-29/20260102T100000Z/2020-06-29.zip');
    assert.deepEqual(await storage.getBytes('out', two.previous ?? ''), first);
    assert.equal(
      (await storage.getBytes('out', 'history/2020-06-29/20260102T100000Z/2020-06-29.manifest.json')).toString(),
      '{"run":1}',
    );
    assert.deepEqual(await storage.getBytes('out', '2020-06-29.zip'), second);
    assert.equal((await storage.getBytes('out', '2020-06-29.manifest.json')).toString(), '{"run":2}');
  });
});
