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
  /** The price this machine was launched at (the launcher's lookup, carried in the run config). */
  price?: { market: 'spot' | 'on-demand'; usdPerHour: number; source: 'launch' };
}

/** launchedAt to endedAt × price, per second with a 60 s minimum, plus the root volume (src/core/costEstimate.ts). */
export interface RunCostRecord {
  billedHours: number;
  usd: number;
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
  cost?: RunCostRecord;
}

export function manifestJson(manifest: RunManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
