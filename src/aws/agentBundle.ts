// Machines run exactly the agent that launched them: the launcher's own dist/agent.js is stored in
// EXECUTABLES_BUCKET under its content hash (`agent/agent-<sha256>.js`), uploaded once if missing, and the user
// data fetches that key and checks the same hash before running it.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { agentBundleKey } from '../core/nodeRuntime';
import type { Storage } from './storage';

export interface AgentBundle {
  key: string;
  sha256: string;
  size: number;
  /** False when the bucket already held this exact bundle. */
  uploaded: boolean;
}

/**
 * dist/agent.js beside the running bundle (dist/cli.js, dist/extension.js), or in the repository's dist/ when
 * running from compiled tests (out/…).
 */
function locateAgentBundle(from: string = __dirname): string {
  const candidates = [
    join(from, 'agent.js'),
    ...[1, 2, 3].map((up) => resolve(from, ...Array<string>(up).fill('..'), 'dist', 'agent.js')),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new UserError(t('agent.bundle.missing', { path: candidates[candidates.length - 1] }));
  return found;
}

export async function ensureAgentBundle(
  storage: Storage,
  bucket: string,
  bundlePath: string = locateAgentBundle(),
): Promise<AgentBundle> {
  let body: Buffer;
  try {
    body = await readFile(bundlePath);
  } catch {
    throw new UserError(t('agent.bundle.missing', { path: bundlePath }));
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  const key = agentBundleKey(sha256);
  try {
    const existing = await storage.head(bucket, key);
    // Same key means same content, unless an upload was cut short: then the size differs and it is redone.
    if (existing && existing.size === body.length) return { key, sha256, size: body.length, uploaded: false };
    await storage.upload(bucket, key, body, { contentType: 'application/javascript' });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const detail = (e as { name?: string; message?: string }).name ?? String(e);
    throw new UserError(t('agent.bundle.uploadFailed', { bucket, key, detail }));
  }
  return { key, sha256, size: body.length, uploaded: true };
}
