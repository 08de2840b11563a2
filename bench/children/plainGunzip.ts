// Baseline for the input stage: a bare HTTP GET of the same object piped into zlib with the agent's chunk
// size and written to a file, with no SDK and no HEAD (the URL comes presigned).
import { createWriteStream } from 'node:fs';
import * as http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { args, reportResult } from '../childReport';

const IO_CHUNK = 1 << 20;

async function main(): Promise<void> {
  const { url, out } = args(['url', 'out']);
  const started = process.hrtime.bigint();
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject));
  if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode}`);
  await pipeline(res, createGunzip({ chunkSize: IO_CHUNK }), createWriteStream(out, { highWaterMark: IO_CHUNK }));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  reportResult({ ms });
}

void main();
