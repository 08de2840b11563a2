// The additional checksums S3 accepts on uploads (x-amz-checksum-*), computed while the body streams to disk so
// a mismatch is refused (BadDigest) before the object exists, and returned on reads that ask for them.
import { createHash, type Hash } from 'node:crypto';

export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface Checksum {
  update(chunk: Buffer): void;
  /** Base64 of the digest, as S3 writes it in `x-amz-checksum-*`. */
  digest(): string;
}

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'crc32':
      return crc(CRC32_TABLE);
    case 'crc32c':
      return crc(CRC32C_TABLE);
    case 'sha1':
    case 'sha256':
      return hash(createHash(algorithm));
  }
}

function hash(h: Hash): Checksum {
  return { update: (chunk) => void h.update(chunk), digest: () => h.digest('base64') };
}

function crc(table: Uint32Array): Checksum {
  let value = 0xffffffff;
  return {
    update(chunk) {
      let c = value;
      for (let i = 0; i < chunk.length; i++) c = (table[(c ^ (chunk[i] as number)) & 0xff] as number) ^ (c >>> 8);
      value = c;
    },
    digest() {
      const out = Buffer.alloc(4);
      out.writeUInt32BE((value ^ 0xffffffff) >>> 0);
      return out.toString('base64');
    },
  };
}

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crcTable(0xedb88320);
const CRC32C_TABLE = crcTable(0x82f63b78);
