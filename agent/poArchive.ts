// The operation programme arrives as `YYYY-MM-DD.po.zip` holding one top folder named after its date, whose
// files (at depth 0 and 1 inside it) are each gzipped. It is checked whole before anything is written, then
// every entry is streamed out and gunzipped one at a time: a PO can be large and the machine is small.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as yauzl from 'yauzl';
import { byteLimit, gunzipLimit, InflatedTooLarge, IO_CHUNK, isZlibError, MAX_GUNZIP_RATIO } from './transfer';
import type { Reasons } from './runFailure';

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/**
 * Unpacks `zipPath` into `destDir`/<folder>/…, dropping `.gz` from each name. Returns the files written,
 * relative to `destDir`.
 */
export async function unpackPo(
  zipPath: string,
  destDir: string,
  folder: string,
  label: string,
  reasons: Reasons,
): Promise<string[]> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(zipPath);
    entries = await readEntries(zip);
  } catch (e) {
    // yauzl also refuses absolute paths and `..` here, before anything is written.
    throw reasons.failure('agent.reason.corruptZip', { file: label, detail: (e as Error).message });
  }
  try {
    const tops = [...new Set(entries.map((e) => e.fileName.split('/')[0]))];
    if (tops.length !== 1 || tops[0] !== folder || !entries.some((e) => e.fileName.startsWith(`${folder}/`))) {
      throw reasons.failure('agent.reason.poTopFolder', { file: label, folder, found: tops.join(', ') || '-' });
    }
    const written: string[] = [];
    for (const entry of entries) {
      const name = entry.fileName;
      if (name.endsWith('/')) {
        await mkdir(join(destDir, name), { recursive: true });
        continue;
      }
      const target = name.replace(/\.gz$/i, '');
      await mkdir(join(destDir, target, '..'), { recursive: true });
      try {
        const source = await openEntry(zip, entry);
        await pipeline(
          source,
          createGunzip({ chunkSize: IO_CHUNK }),
          byteLimit(gunzipLimit(entry.compressedSize)),
          createWriteStream(join(destDir, target), { highWaterMark: IO_CHUNK }),
        );
      } catch (e) {
        if (e instanceof InflatedTooLarge)
          throw reasons.failure('agent.reason.inflatedTooLarge', {
            file: `${label}:${name}`,
            size: entry.compressedSize,
            ratio: MAX_GUNZIP_RATIO,
          });
        if (isZlibError(e))
          throw reasons.failure('agent.reason.corruptGzip', { file: `${label}:${name}`, detail: (e as Error).message });
        throw reasons.failure('agent.reason.corruptZip', { file: label, detail: (e as Error).message });
      }
      written.push(target);
    }
    return written;
  } finally {
    zip.close();
  }
}
