import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { awsChunkedDecoder } from '../../../src/sandbox/s3/awsChunked';
import { createChecksum } from '../../../src/sandbox/s3/checksums';
import { listPage } from '../../../src/sandbox/s3/listing';
import { parseRange } from '../../../src/sandbox/s3/wire';
import { compareKeys } from '../../../src/sandbox/s3/store';
import { compilePattern, getEventsPage } from '../../../src/sandbox/logs/paging';
import type { LogStream } from '../../../src/sandbox/logs/store';
import { wildcardMatch } from '../../../src/sandbox/ec2/query';

async function decode(framed: Buffer, pieceSize: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < framed.length; i += pieceSize) pieces.push(framed.subarray(i, i + pieceSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(awsChunkedDecoder())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('sandbox wire details', () => {
  it('decodes aws-chunked bodies whatever the piece boundaries, dropping signatures and trailers', async () => {
    const data = Buffer.from('hello, aws-chunked world: 0123456789'.repeat(50));
    const a = data.subarray(0, 1000);
    const b = data.subarray(1000);
    const framed = Buffer.concat([
      Buffer.from(`${a.length.toString(16)};chunk-signature=abc\r\n`),
      a,
      Buffer.from('\r\n'),
      Buffer.from(`${b.length.toString(16)}\r\n`),
      b,
      Buffer.from('\r\n'),
      Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
    ]);
    for (const size of [1, 2, 7, 64, 1001, framed.length]) {
      assert.ok((await decode(framed, size)).equals(data), `piece size ${size}`);
    }
  });

  it('reports the trailing checksum header of an aws-chunked body', async () => {
    const trailers: Array<[string, string]> = [];
    const framed = Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n');
    const out: Buffer[] = [];
    for await (const chunk of Readable.from([framed]).pipe(awsChunkedDecoder((n, v) => trailers.push([n, v]))))
      out.push(chunk as Buffer);
    assert.equal(Buffer.concat(out).toString(), 'abc');
    assert.deepEqual(trailers, [['x-amz-checksum-crc32', 'NSRBwg==']]);
  });

  it('computes CRC32 and CRC32C like the standard check values', () => {
    const digest = (algorithm: 'crc32' | 'crc32c'): string => {
      const sum = createChecksum(algorithm);
      sum.update(Buffer.from('12345'));
      sum.update(Buffer.from('6789'));
      return Buffer.from(sum.digest(), 'base64').toString('hex');
    };
    assert.equal(digest('crc32'), 'cbf43926');
    assert.equal(digest('crc32c'), 'e3069283');
  });

  it('rejects a malformed aws-chunked body', async () => {
    await assert.rejects(decode(Buffer.from('zz\r\nabc\r\n'), 4));
    await assert.rejects(decode(Buffer.from('3\r\nabcd\r\n0\r\n\r\n'), 4), /malformed aws-chunked body/);
  });

  it('rejects an aws-chunked body that ends before its last chunk, as S3 does', async () => {
    await assert.rejects(decode(Buffer.from('3\r\nabc\r\n'), 2), /ended before its last chunk/);
  });

  it('parses ranges the way S3 does', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=5-', 10), { start: 5, end: 9 });
    assert.deepEqual(parseRange('bytes=-20', 10), { start: 0, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1', 0), 'unsatisfiable');
    assert.equal(parseRange('items=0-1', 10), undefined, 'unknown units: the whole object');
    assert.equal(parseRange('bytes=5-2', 10), undefined);
  });

  it('lists with a delimiter, resuming after a common prefix without repeating it', () => {
    const keys = ['a/1', 'a/2', 'b', 'c/1', 'c/2', 'd'];
    const first = listPage(keys, { prefix: '', delimiter: '/', marker: '', maxKeys: 2 });
    assert.deepEqual([first.prefixes, first.keys, first.truncated, first.last], [['a/'], ['b'], true, 'b']);
    const second = listPage(keys, { prefix: '', delimiter: '/', marker: 'a/', maxKeys: 1 });
    assert.deepEqual([second.prefixes, second.keys], [[], ['b']]);
    const third = listPage(keys, { prefix: '', delimiter: '/', marker: 'b', maxKeys: 5 });
    assert.deepEqual([third.prefixes, third.keys, third.truncated], [['c/'], ['d'], false]);
  });

  it('lists only the keys under a prefix, the prefix itself included, in UTF-8 byte order', () => {
    const keys = ['a', 'p', 'p/1', 'p/2', 'p0', 'q', '\uFF5E', '\u{1F600}'].sort(compareKeys);
    assert.deepEqual(keys.slice(-2), ['\uFF5E', '\u{1F600}'], 'an astral character sorts after U+FF5E in UTF-8');
    assert.deepEqual(listPage(keys, { prefix: 'p', delimiter: '', marker: '', maxKeys: 10 }).keys, [
      'p',
      'p/1',
      'p/2',
      'p0',
    ]);
    assert.deepEqual(listPage(keys, { prefix: 'p/', delimiter: '', marker: 'p/1', maxKeys: 10 }).keys, ['p/2']);
    assert.deepEqual(listPage(keys, { prefix: 'zz', delimiter: '', marker: '', maxKeys: 10 }).keys, []);
  });

  it('treats a filter pattern as AND of terms, quoted phrases, and -exclusions', () => {
    const m = compilePattern('ERROR "disk full" -ignored');
    assert.equal(m('ERROR: disk full now'), true);
    assert.equal(m('ERROR: disk is full'), false);
    assert.equal(m('ERROR: disk full, ignored'), false);
    assert.equal(compilePattern('')('anything'), true);
  });

  it('returns the same forward token on an empty stream, and new events once they arrive', () => {
    const stream: LogStream = { name: 's', creationTime: 0, events: [], storedBytes: 0 };
    const first = getEventsPage(stream, {});
    assert.equal(first.events.length, 0);
    const again = getEventsPage(stream, { nextToken: first.nextForwardToken });
    assert.equal(again.nextForwardToken, first.nextForwardToken);
    stream.events.push({ timestamp: 1, message: 'x', ingestionTime: 1 });
    const after = getEventsPage(stream, { nextToken: first.nextForwardToken });
    assert.deepEqual(
      after.events.map((e) => e.message),
      ['x'],
    );
    assert.notEqual(after.nextForwardToken, first.nextForwardToken);
    assert.throws(() => getEventsPage(stream, { nextToken: 'garbage' }), /nextToken is invalid/);
  });

  it('matches EC2 filter wildcards', () => {
    assert.equal(wildcardMatch('2020-06-*', '2020-06-30'), true);
    assert.equal(wildcardMatch('2020-0?-30', '2020-06-30'), true);
    assert.equal(wildcardMatch('2020-06', '2020-06-30'), false);
    assert.equal(wildcardMatch('a.b', 'axb'), false, 'dots are literal');
  });
});
