// D.manifest.json: what a result was made from and how the run went, beside D.zip, so a result can be
// trusted (or questioned) months later without the machine that made it.
export interface ManifestInput {
  role: 'gps' | 'file196' | 'transactions' | 'opProgram' | 'serviceDetail' | 'executable' | 'parTemplate';
  bucket: string;
  key: string;
  size: number;
  etag?: string;
}

export interface RunManifest {
  schema: 1;
  date: string;
  instanceId?: string;
  executableVersion: string;
  agentVersion: string;
  poDate: string;
  poKey: string;
  serviceDetailFile: string;
  inputs: ManifestInput[];
  outputs: string[];
  exitCode: number | null;
  startedAt: string;
  finishedAt: string;
  timings: Record<string, number>;
}

export function manifestJson(manifest: RunManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
