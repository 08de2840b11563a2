import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as yauzl from 'yauzl';
import { loadConfig } from '../../../src/core/config';
import { requiredPoFiles, templateProblems } from '../../../src/core/par';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { INCOMPLETE_DAY, SEEDED_DAYS, SEEDED_PO_DATES } from '../../../src/sandbox/seed';
import { clientsFor, type SandboxClients } from './clients';

describe('sandbox seed', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let startMs = 0;

  before(async () => {
    const t0 = Date.now();
    sandbox = await startSandbox();
    startMs = Date.now() - t0;
    c = clientsFor(sandbox);
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  const get = async (bucket: string, key: string): Promise<Buffer> => {
    const r = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from((await r.Body?.transformToByteArray()) ?? []);
  };
  const keys = async (bucket: string): Promise<string[]> =>
    ((await c.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key ?? '');

  it('starts seeded in well under a second', () => {
    assert.ok(startMs < 1000, `startSandbox took ${startMs} ms`);
  });

  it('prints a .env the core accepts: all sixteen keys, the instance profile and the endpoint', () => {
    const { problems, config } = loadConfig(sandbox.envText(), {});
    assert.deepEqual(problems, []);
    assert.equal(config?.instanceProfile, 'adatrap-sandbox-agent');
    assert.equal(sandbox.env.AWS_ENDPOINT_URL, sandbox.endpoint);
    assert.match(sandbox.env.AWS_ACCESS_KEY_ID ?? '', /^AKIASANDBOX/);
  });

  it('holds three complete days and one day without transactions, each file gzipped with its columns', async () => {
    const gps = await keys(sandbox.env.GPS_BUCKET_NAME as string);
    const f196 = await keys(sandbox.env.FILE_196_BUCKET_NAME as string);
    const trx = await keys(sandbox.env.TRANSACTION_BUCKET_NAME as string);
    assert.deepEqual(
      gps,
      [...SEEDED_DAYS, INCOMPLETE_DAY].map((d) => `${d}.gps.gz`),
    );
    assert.deepEqual(
      f196,
      [...SEEDED_DAYS, INCOMPLETE_DAY].map((d) => `${d}.196.gz`),
    );
    assert.deepEqual(
      trx,
      SEEDED_DAYS.map((d) => `${d}.trx.gz`),
    );
    const gpsRows = gunzipSync(await get(sandbox.env.GPS_BUCKET_NAME as string, '2020-06-30.gps.gz'))
      .toString()
      .trim()
      .split('\n');
    assert.ok(gpsRows.length >= 100);
    assert.match(gpsRows[0] ?? '', /^[A-Z0-9]{6};-33\.\d+;-70\.\d+;2020-06-30 \d\d:\d\d:\d\d$/);
    const trxRow =
      gunzipSync(await get(sandbox.env.TRANSACTION_BUCKET_NAME as string, '2020-06-30.trx.gz'))
        .toString()
        .split('\n')[0] ?? '';
    assert.equal(trxRow.split(';').length, 14);
  });

  it('holds an executable and a template whose every PO file is in each seeded PO zip, gzipped, under one top folder', async () => {
    const version = sandbox.env.EXECUTABLE_VERSION as string;
    const exe = await keys(sandbox.env.EXECUTABLES_BUCKET as string);
    assert.deepEqual(exe, [`pvmtsc_v${version}.exe`, `pvmtsc_v${version}.par`]);
    const template = (await get(sandbox.env.EXECUTABLES_BUCKET as string, `pvmtsc_v${version}.par`)).toString('utf8');
    assert.deepEqual(templateProblems('pvmtsc', template), []);
    assert.deepEqual(
      await keys(sandbox.env.OP_PROGRAM_BUCKET_NAME as string),
      SEEDED_PO_DATES.map((d) => `${d}.po.zip`),
    );

    for (const poDate of SEEDED_PO_DATES) {
      const zip = await get(sandbox.env.OP_PROGRAM_BUCKET_NAME as string, `${poDate}.po.zip`);
      const entries = await readZip(zip);
      const names = [...entries.keys()];
      assert.ok(
        names.every((n) => n.startsWith(`${poDate}/`)),
        'one top folder named after the PO date',
      );
      const required = requiredPoFiles(template, poDate);
      assert.ok(required.length >= 10);
      for (const file of required) {
        const entry = entries.get(`${poDate}/${file}.gz`);
        assert.ok(entry, `${poDate}.po.zip lacks ${file}.gz`);
        assert.ok(gunzipSync(entry).length > 0);
      }
    }
  });

  it('holds service-detail files covering every seeded day, an empty output bucket, the log group, stream and key pair', async () => {
    const details = await keys(sandbox.env.SERVICE_DETAIL_BUCKET_NAME as string);
    assert.ok(details.includes('Diccionario-DetalleServicioZP_20200601_20200731.csv.gz'));
    assert.deepEqual(await keys(sandbox.env.OUTPUT_DATA_BUCKET_NAME as string), []);
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: sandbox.env.LOG_GROUP }));
    assert.deepEqual(
      streams.logStreams?.map((s) => s.logStreamName),
      [sandbox.env.GENERAL_LOG_STREAM],
    );
    const pairs = await c.ec2.send(new DescribeKeyPairsCommand({}));
    assert.deepEqual(
      pairs.KeyPairs?.map((p) => p.KeyName),
      [sandbox.env.KEY_PAIR],
    );
  });

  it('starts empty with seed: false', async () => {
    const empty = await startSandbox({ seed: false });
    try {
      assert.deepEqual(empty.s3.listBuckets(), []);
      assert.equal(empty.logs.hasGroup(sandbox.env.LOG_GROUP as string), false);
    } finally {
      await empty.close();
    }
  });
});

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (ch: Buffer) => chunks.push(ch));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
