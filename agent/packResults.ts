// D.zip: the tables of ADATRAP/D/, really compressed (deflate; the old tool stored them), without the kmls,
// reportes and debug folders, streamed from disk to disk.
import { createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as yazl from 'yazl';

const EXCLUDED_FOLDERS = ['kmls', 'reportes', 'debug'];

export interface PackedResults {
  files: string[];
  bytes: number;
}

async function filesUnder(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && EXCLUDED_FOLDERS.includes(entry.name.toLowerCase())) continue;
      out.push(...(await filesUnder(root, abs)));
    } else if (entry.isFile()) {
      out.push(abs);
    }
  }
  return out.sort();
}

/** Zips `folder` into `zipPath` (entries relative to the folder); returns the names packed and the zip size. */
export async function packResults(folder: string, zipPath: string): Promise<PackedResults> {
  const files = await filesUnder(folder, folder);
  const zip = new yazl.ZipFile();
  const names: string[] = [];
  for (const file of files) {
    const name = relative(folder, file).split(sep).join('/');
    zip.addFile(file, name, { compress: true });
    names.push(name);
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return { files: names, bytes: (await stat(zipPath)).size };
}
