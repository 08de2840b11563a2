// Bad-input matrix, the agent's side: objects whose names are right but whose bytes are not (not gzip, cut
// short, empty, a gzip of a gzip). The agent's real download step must fail with one reason naming the file,
// never hand the executable a broken input.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Reasons, RunFailure } from '../../../agent/runFailure';
import { fetchObject } from '../../../agent/transfer';
import { startFaultEnv, type FaultEnv } from '../faults/faultKit';

const BUCKET = 'adatrap-bad-inputs';
const good = gzipSync(Buffer.from('1;2020-06-29 05:00:00;BJFB28\n'.repeat(2000)));

const CASES: Array<{ name: string; key: string; body: Buffer; reason: RegExp }> = [
  {
    name: 'plain text named .gz',
    key: '2020-06-29.gps.gz',
    body: Buffer.from('this is not gzip\n'),
    reason: /2020-06-29\.gps\.gz is not a valid gzip file/,
  },
  {
    name: 'a gzip cut short',
    key: '2020-06-29.196.gz',
    body: good.subarray(0, Math.floor(good.length / 2)),
    reason: /2020-06-29\.196\.gz is not a valid gzip file/,
  },
  {
    name: 'an empty object',
    key: '2020-06-29.trx.gz',
    body: Buffer.alloc(0),
    reason: /2020-06-29\.trx\.gz is not a valid gzip file/,
  },
  {
    name: 'a gzip whose checksum is wrong',
    key: '2020-06-30.gps.gz',
    body: Buffer.concat([good.subarray(0, good.length - 8), Buffer.from([0, 0, 0, 0]), good.subarray(good.length - 4)]),
    reason: /2020-06-30\.gps\.gz is not a valid gzip file/,
  },
  {
    name: 'a missing object',
    key: '2020-06-30.trx.gz',
    body: Buffer.alloc(0),
    reason: /input missing: s3:\/\/adatrap-bad-inputs\/2020-06-30\.trx\.gz/,
  },
];

describe('bad-input matrix: input files the agent downloads', function () {
  this.timeout(30_000);
  let env: FaultEnv;
  let dir: string;

  before(async () => {
    env = await startFaultEnv({ seed: false });
    await env.sb.s3.createBucket(BUCKET);
    for (const c of CASES) if (c.name !== 'a missing object') await env.sb.s3.putBuffer(BUCKET, c.key, c.body);
    await env.sb.s3.putBuffer(BUCKET, 'good.gz', good);
    dir = mkdtempSync(path.join(tmpdir(), 'adatrap-bad-agent-inputs-'));
  });

  after(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const fetch = (key: string) =>
    fetchObject(env.storage, new Reasons('en'), BUCKET, key, path.join(dir, key.replace(/\.gz$/, '')), {
      gunzip: true,
    });

  for (const c of CASES) {
    it(`${c.name}: the run fails, naming the file`, async () => {
      await assert.rejects(fetch(c.key), (e: unknown) => {
        assert.ok(e instanceof RunFailure, String(e));
        assert.match(e.reason, c.reason);
        return true;
      });
    });
  }

  it('the same step takes a good file (the cases above fail for their bytes, not for the setup)', async () => {
    const got = await fetch('good.gz');
    assert.equal(got.size, good.length);
  });
});
