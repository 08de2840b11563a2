// Shared by the fault matrix: a sandbox with the tools' own client factory pointed at it (the retry policy
// under test is the product's, not a test's), the built CLI run asynchronously, and small assertions.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { S3Storage } from '../../../src/aws/storage';
import { loadConfig, type AdatrapConfig } from '../../../src/core/config';
import {
  startSandbox,
  type FaultKind,
  type FaultSpec,
  type Sandbox,
  type SandboxOptions,
  type SandboxService,
} from '../../../src/sandbox';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

export interface FaultEnv {
  sb: Sandbox;
  config: AdatrapConfig;
  clients: AwsClients;
  logs: CloudWatchLogs;
  storage: S3Storage;
  close(): Promise<void>;
}

export async function startFaultEnv(options: SandboxOptions = {}): Promise<FaultEnv> {
  const sb = await startSandbox(options);
  const { config } = loadConfig('', sb.env);
  assert.ok(config, 'the sandbox env is a valid configuration');
  const clients = createClients({ ...config, region: 'us-east-1' });
  return {
    sb,
    config,
    clients,
    logs: new CloudWatchLogs(clients.logs),
    storage: new S3Storage(clients.s3),
    async close() {
      clients.destroy();
      await sb.close();
    },
  };
}

/** One fault on one wire operation, the rest of its spec (count, bytes, seed, where) in `more`. */
export function fault(
  service: SandboxService,
  kind: FaultKind,
  operation: string,
  more: Omit<FaultSpec, 'service' | 'kind' | 'operation'> = {},
): FaultSpec {
  return { service, kind, operation, ...more };
}

/** Adds faults and returns a check that each one really fired (a fault that never fires tests nothing). */
export function inject(sb: Sandbox, ...specs: FaultSpec[]): () => void {
  const ids = specs.map((s) => sb.faults.add(s));
  return () => {
    const active = sb.faults.list();
    for (const id of ids) {
      const f = active.find((a) => a.id === id);
      assert.ok(f && f.fired > 0, `fault ${JSON.stringify(f ?? id)} never fired: the case did not exercise it`);
    }
  };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Numbered, distinct lines so a lost, repeated or reordered event is visible in a plain comparison. */
export function numberedLines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} line ${String(i).padStart(6, '0')}`);
}
