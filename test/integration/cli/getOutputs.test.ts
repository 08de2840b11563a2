// get-outputs against the sandbox: a range streamed to a folder, resumed with a ranged GET, nothing overwritten,
// and a presigned link that downloads the zip.
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { requireBuilt, runCli } from '../../helpers/cli';

describe('CLI: get-outputs against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let workspace: string;
  const zip = randomBytes(300_000);
  const manifest = Buffer.from('{"schema":1,"date":"2020-06-29"}\n');

  before(async () => {
    requireBuilt();
    sandbox = await startSandbox({ onRequest: (r) => requests.push(r) });
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-outputs-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());
    const bucket = sandbox.env.OUTPUT_DATA_BUCKET_NAME ?? '';
    for (const date of ['2020-06-29', '2020-06-30']) {
      await sandbox.s3.putBuffer(bucket, `${date}.zip`, zip, 'application/zip');
      await sandbox.s3.putBuffer(bucket, `${date}.manifest.json`, manifest, 'application/json');
    }
  });
  after(async () => {
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });
  const requests: Array<{ operation?: string; status?: number }> = [];
  const cli = (...args: string[]) => runCli(workspace, args);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('downloads a range into a folder, naming the day without outputs', async () => {
    const r = await cli('get-outputs', '2020-06-29', '--to', '2020-07-01', '-o', 'out');
    assert.equal(r.code, 0, r.stderr);
    const out = path.join(workspace, 'out');
    assert.equal(sha(readFileSync(path.join(out, '2020-06-29.zip'))), sha(zip));
    assert.equal(readFileSync(path.join(out, '2020-06-30.manifest.json'), 'utf8'), manifest.toString());
    assert.match(r.stderr, /2020-07-01: no 2020-07-01\.zip in s3:\/\/adatrap-sandbox-output/);
    assert.match(r.stderr, /4 downloaded, 0 already here, 1 not in S3\./);
    assert.equal(r.stdout.trim().split('\n').length, 4);
    assert.ok(!existsSync(path.join(out, '2020-06-29.zip.part')), 'no .part left behind');
  });

  it('skips what is complete, keeps a different file untouched, resumes a .part with a ranged GET', async () => {
    const out = path.join(workspace, 'resume');
    mkdirSync(out);
    writeFileSync(path.join(out, '2020-06-29.manifest.json'), manifest);
    writeFileSync(path.join(out, '2020-06-30.manifest.json'), 'mine, do not touch');
    const etag = `"${createHash('md5').update(zip).digest('hex')}"`;
    writeFileSync(path.join(out, '2020-06-29.zip.part'), zip.subarray(0, 123_456));
    writeFileSync(path.join(out, '2020-06-29.zip.part.etag'), etag);
    requests.length = 0;
    const r = await cli('get-outputs', '2020-06-29', '--to', '2020-06-30', '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2020-06-29\.manifest\.json is already complete here: skipped\./);
    assert.match(
      r.stderr,
      /2020-06-30\.manifest\.json exists here with a different size than in S3: it was left as it is/,
    );
    assert.match(r.stderr, /Resuming .*2020-06-29\.zip at /);
    assert.equal(readFileSync(path.join(out, '2020-06-30.manifest.json'), 'utf8'), 'mine, do not touch');
    assert.equal(sha(readFileSync(path.join(out, '2020-06-29.zip'))), sha(zip));
    assert.equal(sha(readFileSync(path.join(out, '2020-06-30.zip'))), sha(zip));
    assert.match(r.stderr, /2 downloaded, 1 already here, 0 not in S3\./);
  });

  it('a transfer cut mid-way leaves a .part that the next run completes', async () => {
    const out = path.join(workspace, 'cut');
    sandbox.faults.add({
      service: 's3',
      kind: 'reset',
      operation: 'GetObject',
      key: '2020-06-30.zip',
      afterBytes: 150_000,
      count: 1,
    });
    const first = await cli('get-outputs', '2020-06-30', '-o', out);
    assert.equal(first.code, 1, 'the cut is reported');
    assert.match(first.stderr, /The download of .*2020-06-30\.zip broke off .*Run again to resume\./);
    assert.ok(!existsSync(path.join(out, '2020-06-30.zip')), 'no finished file from a cut transfer');
    assert.ok(existsSync(path.join(out, '2020-06-30.zip.part')));
    const second = await cli('get-outputs', '2020-06-30', '-o', out);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /Resuming .*2020-06-30\.zip at /);
    assert.equal(sha(readFileSync(path.join(out, '2020-06-30.zip'))), sha(zip));
  });

  it('--link prints a presigned URL that downloads the zip; more than 7 days is refused before any call', async () => {
    const r = await cli('get-outputs', '2020-06-30', '--link', '--expires', '2h');
    assert.equal(r.code, 0, r.stderr);
    const url = r.stdout.trim();
    assert.match(url, /X-Amz-Expires=7200/);
    assert.match(url, /X-Amz-Signature=/);
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.equal(sha(body), sha(zip));
    assert.match(r.stderr, /Anyone with this link can download 2020-06-30\.zip until /);
    const tooLong = await cli('get-outputs', '2020-06-30', '--link', '--expires', '8d');
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /at most 7 days/);
    const missing = await cli('get-outputs', '2020-07-01', '--link');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no 2020-07-01\.zip in s3:\/\/adatrap-sandbox-output/);
  });
});
