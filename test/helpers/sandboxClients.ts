// The product's own AWS clients (src/aws/clients.ts: its retry policy, its endpoint resolution) on a started
// sandbox, signed with the sandbox's keys, for tests of the adapters the tools use.
import * as assert from 'node:assert/strict';
import { createClients, type AwsClients } from '../../src/aws/clients';
import { loadConfig, type AdatrapConfig } from '../../src/core/config';
import type { Sandbox } from '../../src/sandbox';

// The SDK's credential chain would otherwise probe the EC2 metadata address, and its Node-version notice would
// land in the test output.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export function productClients(sandbox: Pick<Sandbox, 'endpoint' | 'env'>): AwsClients {
  return createClients({
    region: 'us-east-1',
    accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
    endpoints: { default: sandbox.endpoint },
  });
}

/** The configuration the sandbox's .env gives, as the tools load it, and the product's clients made from it. */
export function productSetup(sandbox: Pick<Sandbox, 'envText'>): { config: AdatrapConfig; clients: AwsClients } {
  const loaded = loadConfig(sandbox.envText(), {});
  assert.ok(loaded.config, JSON.stringify(loaded.problems));
  return { config: loaded.config, clients: createClients(loaded.config) };
}

/** Every item of an async iterable (a paged read, a search), in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
