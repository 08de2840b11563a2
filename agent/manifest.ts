// D.manifest.json: what a result was made from and how the run went, beside D.zip, so a result can be
// trusted (or questioned) months later without the machine that made it.
export interface ManifestInput {
  role: 'gps' | 'file196' | 'transactions' | 'opProgram' | 'serviceDetail' | 'executable' | 'parTemplate';
  bucket: string;
  key: string;
  size: number;
  etag?: string;
}

/** The machine a result was made on (IMDS), so its cost can be computed after EC2 forgets it. */
export interface RunMachine {
  instanceType?: string;
  market: 'spot' | 'on-demand';
  availabilityZone?: string;
  /** EC2's launch time (instance identity document pendingTime). */
  launchedAt?: string;
  /** When the manifest was written: the machine terminates itself right after. */
  endedAt: string;
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
  machine?: RunMachine;
}

export function manifestJson(manifest: RunManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
