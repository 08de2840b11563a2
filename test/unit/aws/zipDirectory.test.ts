import * as assert from 'node:assert/strict';
import { ZipFile } from 'yazl';
import { readZipDirectory, ZipFormatError, type RangeReader } from '../../../src/aws/zipDirectory';

interface Made {
  bytes: Buffer;
}

async function makeZip(
  files: Record<string, string>,
  options: { zip64?: boolean; comment?: string; dirs?: string[] } = {},
): Promise<Made> {
  const zip = new ZipFile();
  for (const d of options.dirs ?? []) zip.addEmptyDirectory(d);
  for (const [name, text] of Object.entries(files)) {
    zip.addBuffer(Buffer.from(text), name, { forceZip64Format: options.zip64 ?? false });
  }
  zip.end({ forceZip64Format: options.zip64 ?? false, comment: options.comment ?? '' });
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(Buffer.from(c as Uint8Array));
  return { bytes: Buffer.concat(chunks) };
}

function rangedReader(bytes: Buffer, calls: Array<[number, number]>): RangeReader {
  return async (start, end) => {
    calls.push([start, end]);
    return bytes.subarray(start, end + 1);
  };
}

const PO_FILES = {
  '2020-06-27/Diccionario/Servicios_PO20200627.csv.gz': 'a,b\n1,2\n',
  '2020-06-27/Paraderos/Paraderos_PO20200627.txt.gz': 'x'.repeat(5000),
  '2020-06-27/Rutas_PO20200627.dbg.gz': 'ruta',
};

describe('readZipDirectory', () => {
  it('lists names and sizes of an ordinary zip without reading file data', async () => {
    const { bytes } = await makeZip(PO_FILES, { dirs: ['2020-06-27'] });
    const calls: Array<[number, number]> = [];
    const entries = await readZipDirectory(bytes.length, rangedReader(bytes, calls));
    assert.deepEqual(
      entries.map((e) => e.name),
      ['2020-06-27/', ...Object.keys(PO_FILES)],
    );
    assert.equal(entries[0]?.isDirectory, true);
    const paraderos = entries.find((e) => e.name.includes('Paraderos'));
    assert.equal(paraderos?.uncompressedSize, 5000);
    assert.ok((paraderos?.compressedSize ?? 0) < 5000, 'yazl compresses by default');
    assert.equal(calls.length, 2, 'one read for the tail, one for the central directory');
  });

  it('reads zip64 records', async () => {
    const { bytes } = await makeZip(PO_FILES, { zip64: true });
    const calls: Array<[number, number]> = [];
    const entries = await readZipDirectory(bytes.length, rangedReader(bytes, calls));
    assert.deepEqual(
      entries.map((e) => e.name),
      Object.keys(PO_FILES),
    );
    assert.equal(entries[1]?.uncompressedSize, 5000);
    assert.equal(calls.length, 3, 'tail, zip64 record, central directory');
  });

  it('finds the directory behind a long archive comment that contains the EOCD signature', async () => {
    // yazl only writes CP437 comments, so the signature is patched in afterwards.
    const { bytes } = await makeZip(PO_FILES, { comment: `PK##${'c'.repeat(60000)}` });
    const at = bytes.lastIndexOf('PK##');
    Buffer.from([0x50, 0x4b, 0x05, 0x06]).copy(bytes, at);
    const entries = await readZipDirectory(bytes.length, rangedReader(bytes, []));
    assert.equal(entries.length, 3);
  });

  it('handles non-ASCII UTF-8 names', async () => {
    const { bytes } = await makeZip({ 'Año/Línea_ñ.csv.gz': 'z' });
    const entries = await readZipDirectory(bytes.length, rangedReader(bytes, []));
    assert.equal(entries[0]?.name, 'Año/Línea_ñ.csv.gz');
  });

  it('rejects a file that is not a zip', async () => {
    const bytes = Buffer.from('this is plainly not a zip file, just some text');
    await assert.rejects(readZipDirectory(bytes.length, rangedReader(bytes, [])), ZipFormatError);
  });

  it('lists an empty zip as no entries', async () => {
    const { bytes } = await makeZip({});
    assert.deepEqual(await readZipDirectory(bytes.length, rangedReader(bytes, [])), []);
  });
});
