// Lists a zip's entries from its End of Central Directory and central directory alone, with two or three
// ranged reads, so a PO zip's contents are known without downloading it (APPNOTE.TXT 4.3.12-4.3.16, 4.5.3).
import { t } from '../core/i18n';
import type { Storage } from './storage';

interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
}

/** Reads bytes [start, end] (inclusive) of the zip. */
export type RangeReader = (start: number, end: number) => Promise<Buffer>;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const MAX_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const UTF8_FLAG = 0x0800;

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

interface Directory {
  entries: number;
  size: number;
  offset: number;
}

export async function readZipDirectory(totalSize: number, read: RangeReader): Promise<ZipEntry[]> {
  if (totalSize < EOCD_SIZE) throw new ZipFormatError(t('aws.zip.tooSmall'));
  // The EOCD ends the file, followed only by a comment of up to 65535 bytes; fetch the zip64 locator with it.
  const tailLength = Math.min(totalSize, EOCD_SIZE + MAX_COMMENT + ZIP64_LOCATOR_SIZE);
  const tailStart = totalSize - tailLength;
  const tail = await read(tailStart, totalSize - 1);
  const eocdAt = findEocd(tail);
  if (eocdAt < 0) throw new ZipFormatError(t('aws.zip.noEnd'));
  let dir: Directory = {
    entries: tail.readUInt16LE(eocdAt + 10),
    size: tail.readUInt32LE(eocdAt + 12),
    offset: tail.readUInt32LE(eocdAt + 16),
  };
  const locatorAt = eocdAt - ZIP64_LOCATOR_SIZE;
  if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIGNATURE) {
    const recordOffset = readUInt64(tail, locatorAt + 8);
    const record = await read(recordOffset, recordOffset + ZIP64_EOCD_SIZE - 1);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError(t('aws.zip.badZip64'));
    dir = { entries: readUInt64(record, 32), size: readUInt64(record, 40), offset: readUInt64(record, 48) };
  }
  if (dir.offset + dir.size > totalSize) throw new ZipFormatError(t('aws.zip.outside'));
  if (dir.size === 0) return [];
  const central = await read(dir.offset, dir.offset + dir.size - 1);
  return parseCentralDirectory(central, dir.entries);
}

/** Scans backwards so a comment that happens to contain the signature cannot fool us. */
function findEocd(tail: Buffer): number {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const commentLength = tail.readUInt16LE(i + 20);
    if (i + EOCD_SIZE + commentLength === tail.length) return i;
  }
  return -1;
}

function parseCentralDirectory(central: Buffer, expected: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= central.length && central.readUInt32LE(at) === CENTRAL_HEADER_SIGNATURE) {
    const flags = central.readUInt16LE(at + 8);
    let compressedSize = central.readUInt32LE(at + 20);
    let uncompressedSize = central.readUInt32LE(at + 24);
    const nameLength = central.readUInt16LE(at + 28);
    const extraLength = central.readUInt16LE(at + 30);
    const commentLength = central.readUInt16LE(at + 32);
    const nameBytes = central.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString(flags & UTF8_FLAG ? 'utf8' : 'latin1');
    const extra = central.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const zip64 = findExtra(extra, ZIP64_EXTRA_ID);
    if (zip64) {
      // The zip64 field holds only the values whose 32-bit slot is saturated, in this order.
      let p = 0;
      if (uncompressedSize === 0xffffffff) {
        uncompressedSize = readUInt64(zip64, p);
        p += 8;
      }
      if (compressedSize === 0xffffffff) compressedSize = readUInt64(zip64, p);
    }
    entries.push({ name, compressedSize, uncompressedSize, isDirectory: name.endsWith('/') });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== expected) {
    throw new ZipFormatError(t('aws.zip.count', { found: entries.length, expected }));
  }
  return entries;
}

function findExtra(extra: Buffer, id: number): Buffer | undefined {
  let at = 0;
  while (at + 4 <= extra.length) {
    const fieldId = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (fieldId === id) return extra.subarray(at + 4, at + 4 + size);
    at += 4 + size;
  }
  return undefined;
}

function readUInt64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError(t('aws.zip.tooLarge'));
  return Number(value);
}

/** The entries of an S3 object that is a zip, read with ranged GETs. */
export async function listZipObject(storage: Storage, bucket: string, key: string, size?: number): Promise<ZipEntry[]> {
  const total = size ?? (await storage.head(bucket, key))?.size;
  if (total === undefined) throw new ZipFormatError(t('aws.zip.missing', { bucket, key }));
  return readZipDirectory(total, (start, end) => storage.getBytes(bucket, key, { start, end }));
}
