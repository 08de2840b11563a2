// Resumable, never-overwriting downloads of run outputs: what to do with one object given what is on disk.
// A finished file is never touched. A partial download lives in `<file>.part` beside a note of the object's
// ETag; it continues with a ranged GET only while the object in S3 is still the same one.

interface RemoteObject {
  size: number;
  etag?: string;
}

interface LocalState {
  /** Size of the finished file, when it exists. */
  finalSize?: number;
  /** Size of `<file>.part`, when it exists. */
  partSize?: number;
  /** The ETag the partial download was made from. */
  partEtag?: string;
}

export type DownloadPlan =
  /** The finished file is there with the object's size. */
  | { action: 'skip' }
  /** A file of that name is there but differs: it is the user's, left alone. */
  | { action: 'keep' }
  /** Fetch bytes `from`..end into the .part (from 0 with `restart` when an old .part must be emptied). */
  | { action: 'fetch'; from: number; restart: boolean; reason?: 'changed' };

export function planDownload(remote: RemoteObject, local: LocalState): DownloadPlan {
  if (local.finalSize !== undefined) return local.finalSize === remote.size ? { action: 'skip' } : { action: 'keep' };
  if (local.partSize === undefined) return { action: 'fetch', from: 0, restart: false };
  const sameObject = local.partEtag !== undefined && local.partEtag === remote.etag;
  if (!sameObject || local.partSize > remote.size)
    return { action: 'fetch', from: 0, restart: true, reason: local.partSize > 0 ? 'changed' : undefined };
  return { action: 'fetch', from: local.partSize, restart: false };
}

/** `30m`, `12h`, `7d`, `90s` → seconds; presigned SigV4 URLs live at most 7 days (604800 s). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export function parseExpiry(text: string): number | undefined {
  const m = /^(\d+)\s*([smhd])$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const seconds = Number(m[1]) * unit;
  return seconds >= 1 && seconds <= MAX_PRESIGN_SECONDS ? seconds : undefined;
}
