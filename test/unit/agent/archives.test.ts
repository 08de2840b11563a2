// The PO zip is checked whole before anything is written, and D.zip holds only the tables, deflated.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { unpackPo } from '../../../agent/poArchive';
import { packResults } from '../../../agent/packResults';
import { Reasons, RunFailure } from '../../../agent/runFailure';
import { tempDirEach } from '../../helpers/tempDir';

const reasons = new Reasons('en');

async function zipFile(path: string, files: Record<string, Buffer | null>): Promise<void> {
  const zip = new ZipFile();
  for (const [name, body] of Object.entries(files)) {
    if (body === null) zip.addEmptyDirectory(name);
    else zip.addBuffer(body, name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  await writeFile(path, Buffer.concat(chunks));
}

function entriesOf(path: string): Promise<Array<{ name: string; method: number }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: Array<{ name: string; method: number }> = [];
      zip.on('entry', (e: yauzl.Entry) => {
        out.push({ name: e.fileName, method: e.compressionMethod });
        zip.readEntry();
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('agent archives', () => {
  const dir = tempDirEach('adatrap-archives-');

  it('unpacks a PO zip into its dated folder, gunzipping every file at depth 0 and 1', async () => {
    const zip = join(dir(), '2020-06-01.po.zip');
    await zipFile(zip, {
      '2020-06-01/': null,
      '2020-06-01/Readme_PO20200601.txt.gz': gzipSync('top'),
      '2020-06-01/Paraderos/BaseInfra_PO20200601.csv.gz': gzipSync('a;b\n1;2\n'),
    });
    const written = await unpackPo(zip, join(dir(), 'tmp'), '2020-06-01', '2020-06-01.po.zip', reasons);
    assert.deepEqual(written.sort(), [
      '2020-06-01/Paraderos/BaseInfra_PO20200601.csv',
      '2020-06-01/Readme_PO20200601.txt',
    ]);
    assert.equal(
      readFileSync(join(dir(), 'tmp', '2020-06-01', 'Paraderos', 'BaseInfra_PO20200601.csv'), 'utf8'),
      'a;b\n1;2\n',
    );
  });

  for (const [title, files] of [
    ['files at the root', { 'Paraderos/BaseInfra_PO20200601.csv.gz': gzipSync('x') }],
    ['a folder with another date', { '2020-07-01/BaseInfra_PO20200601.csv.gz': gzipSync('x') }],
    ['two top folders', { '2020-06-01/a.csv.gz': gzipSync('x'), 'extra/b.csv.gz': gzipSync('x') }],
  ] as const) {
    it(`refuses a PO zip with ${title}, before writing anything`, async () => {
      const zip = join(dir(), 'po.zip');
      await zipFile(zip, files);
      await assert.rejects(
        unpackPo(zip, join(dir(), 'tmp'), '2020-06-01', 'po.zip', reasons),
        (e: unknown) => e instanceof RunFailure && /one top folder named 2020-06-01/.test(e.reason),
      );
      assert.ok(!existsSync(join(dir(), 'tmp')), 'something was unpacked');
    });
  }

  it('names the entry that is not gzipped', async () => {
    const zip = join(dir(), 'po.zip');
    await zipFile(zip, { '2020-06-01/BaseInfra.csv.gz': Buffer.from('plain text') });
    await assert.rejects(
      unpackPo(zip, join(dir(), 'tmp'), '2020-06-01', 'po.zip', reasons),
      (e: unknown) =>
        e instanceof RunFailure && /po\.zip:2020-06-01\/BaseInfra\.csv\.gz is not a valid gzip/.test(e.reason),
    );
  });

  it('names a file that is not a zip at all', async () => {
    await writeFile(join(dir(), 'po.zip'), 'nope');
    await assert.rejects(
      unpackPo(join(dir(), 'po.zip'), join(dir(), 'tmp'), '2020-06-01', 'po.zip', reasons),
      (e: unknown) => e instanceof RunFailure && /po\.zip is not a valid zip/.test(e.reason),
    );
  });

  it('packs the tables deflated, without kmls, reportes and debug', async () => {
    const out = join(dir(), 'ADATRAP', '2020-06-29');
    for (const sub of ['kmls', 'reportes', 'debug', 'extra']) await mkdir(join(out, sub), { recursive: true });
    await writeFile(join(out, '2020-06-29.viajes'), 'viaje;1\n'.repeat(1000));
    await writeFile(join(out, '2020-06-29.etapas'), 'etapa;1\n'.repeat(1000));
    await writeFile(join(out, 'kmls', 'a.kml'), '<kml/>');
    await writeFile(join(out, 'reportes', 'r.txt'), 'r');
    await writeFile(join(out, 'debug', 'd.txt'), 'd');
    await writeFile(join(out, 'extra', 'kept.txt'), 'k');
    const zip = join(dir(), '2020-06-29.zip');
    const packed = await packResults(out, zip);
    assert.deepEqual(packed.files, ['2020-06-29.etapas', '2020-06-29.viajes', 'extra/kept.txt']);
    const entries = await entriesOf(zip);
    assert.deepEqual(
      entries.map((e) => e.name),
      packed.files,
    );
    assert.ok(
      entries.every((e) => e.method === 8),
      'deflated',
    );
    assert.ok(packed.bytes < 2000, `really compressed: ${packed.bytes} bytes for 16 KB of tables`);
    assert.deepEqual(
      (await readdir(out)).sort(),
      ['2020-06-29.etapas', '2020-06-29.viajes', 'debug', 'extra', 'kmls', 'reportes'],
      'nothing removed from disk',
    );
  });
});
