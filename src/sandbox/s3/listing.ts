// ListObjects and ListObjectsV2: one page of a bucket's keys, with prefixes, delimiters, markers and tokens.
import { toXml, xmlDocument, type XmlNode } from '../xml';
import { compareKeys, searchKeys, type ObjectMeta } from './store';
import { S3_NS, sendXml, type S3Operation } from './wire';

interface ListPage {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next page starts after. */
  last?: string;
}

/** One page of a listing: keys after `marker` under `prefix`, folded into common prefixes by `delimiter`. */
export function listPage(
  sorted: readonly string[],
  o: { prefix: string; delimiter: string; marker: string; maxKeys: number },
): ListPage {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  const resumeInsidePrefix = o.delimiter !== '' && o.marker.endsWith(o.delimiter) && o.marker.startsWith(o.prefix);
  // Keys under the prefix are contiguous in sorted order: start at the later of "just before the prefix" and
  // "just after the marker", stop at the first key past the prefix.
  const start = Math.max(searchKeys(sorted, o.prefix, true), o.marker ? searchKeys(sorted, o.marker) : 0);
  for (let i = start; i < sorted.length; i++) {
    const key = sorted[i] as string;
    if (!key.startsWith(o.prefix)) {
      if (compareKeys(key, o.prefix) > 0) break;
      continue;
    }
    if (resumeInsidePrefix && key.startsWith(o.marker)) continue;
    let entry = key;
    let isPrefix = false;
    if (o.delimiter) {
      const at = key.indexOf(o.delimiter, o.prefix.length);
      if (at >= 0) {
        entry = key.slice(0, at + o.delimiter.length);
        isPrefix = true;
      }
    }
    if (isPrefix && entry === last) continue;
    if (keys.length + prefixes.length >= o.maxKeys) return { keys, prefixes, truncated: true, last };
    if (isPrefix) prefixes.push(entry);
    else keys.push(entry);
    last = entry;
  }
  return { keys, prefixes, truncated: false, last };
}

const listObjects =
  (v2: boolean): S3Operation =>
  (ctx, ex, { bucket }) => {
    const q = ex.url.searchParams;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0));
    const urlEncode = q.get('encoding-type') === 'url';
    const token = q.get('continuation-token');
    let marker = v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '');
    if (v2 && token) {
      marker = decodeToken(token);
    }
    const page = listPage(ctx.store.sortedKeys(bucket), { prefix, delimiter, marker, maxKeys });
    const enc = (s: string): string => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
    const contents = page.keys.map((k) => ({ Contents: objectXml(ctx.store.head(bucket, k), enc) }));
    const common = page.prefixes.map((p) => ({ CommonPrefixes: { Prefix: enc(p) } }));
    const body: XmlNode = {
      Name: bucket,
      Prefix: enc(prefix),
      ...(v2
        ? { StartAfter: q.has('start-after') ? enc(q.get('start-after') ?? '') : undefined }
        : { Marker: enc(q.get('marker') ?? '') }),
      ...(v2 ? { ContinuationToken: token ?? undefined } : {}),
      ...(v2 ? { KeyCount: page.keys.length + page.prefixes.length } : {}),
      MaxKeys: maxKeys,
      Delimiter: delimiter ? enc(delimiter) : undefined,
      EncodingType: urlEncode ? 'url' : undefined,
      IsTruncated: page.truncated,
      ...(page.truncated && page.last !== undefined
        ? v2
          ? { NextContinuationToken: encodeToken(page.last) }
          : { NextMarker: delimiter ? enc(page.last) : undefined }
        : {}),
    };
    const xml = toXml(body) + contents.map(toXml).join('') + common.map(toXml).join('');
    return sendXml(ex, 200, xmlDocument('ListBucketResult', xml, S3_NS));
  };

function objectXml(meta: ObjectMeta | undefined, enc: (s: string) => string): XmlNode {
  if (!meta) return {};
  return {
    Key: enc(meta.key),
    LastModified: meta.lastModified,
    ETag: `"${meta.etag}"`,
    Size: meta.size,
    StorageClass: 'STANDARD',
  };
}

function encodeToken(marker: string): string {
  return Buffer.from(marker, 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

export const LISTING_OPERATIONS: Record<string, S3Operation> = {
  ListObjects: listObjects(false),
  ListObjectsV2: listObjects(true),
};
