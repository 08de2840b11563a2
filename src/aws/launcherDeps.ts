// What a launch needs, built once for the CLI and the extension: the same adapters, the agent bundle and the
// pinned node.exe checked in EXECUTABLES_BUCKET (once per batch of dates), the deadline schedules, the image
// lookup for the root volume and the `resolve:ssm:` AMI resolver. Callers differ only in the version they report
// for the agent and in where an upload's progress line goes.
import type { AdatrapConfig } from '../core/config';
import { once } from '../core/once';
import { ensureAgentBundle } from './agentBundle';
import { resolveAmiId } from './amiResolver';
import type { AwsClients } from './clients';
import { deadlineSchedules } from './deadlines';
import { Ec2Images } from './images';
import type { LauncherDeps } from './launcher';
import type { Logs } from './logs';
import { AwsPrices, type Prices } from './prices';
import { Ec2Runs, type Runs } from './runs';
import { ensureNodeRuntime } from './runtimeUpload';
import type { Storage } from './storage';

interface LauncherParts {
  config: AdatrapConfig;
  clients: AwsClients;
  storage: Storage;
  logs: Logs;
  /** The EC2 runs adapter when the caller already has one; else one over `clients.ec2`. */
  runs?: Runs;
  /** The version the agent reports (the CLI's or the extension's package version). */
  version: string;
  /** Told when node.exe is being fetched and uploaded (minutes on a slow line: worth a line of progress). */
  onUpload?: (message: string) => void;
  /** The session's price cache when the caller has one; else one over `clients.pricing` and `clients.ec2`. */
  prices?: Prices;
}

export function launcherDeps(parts: LauncherParts): LauncherDeps {
  const { config, clients, storage } = parts;
  return {
    config,
    storage,
    runs: parts.runs ?? new Ec2Runs(clients.ec2),
    logs: parts.logs,
    agentBundle: async () => {
      const bundle = await ensureAgentBundle(storage, config.executablesBucket);
      return { sha256: bundle.sha256, version: parts.version };
    },
    // Once per launch batch: a range of dates asks the bucket once, and downloads/uploads at most once.
    runtime: once(() =>
      ensureNodeRuntime(storage, config.executablesBucket, parts.onUpload ? { onUpload: parts.onUpload } : {}),
    ),
    deadlines: deadlineSchedules(config, clients),
    images: new Ec2Images(clients.ec2),
    resolveAmi: (amiId) => resolveAmiId(() => clients.ssm, amiId),
    // Each machine carries the price it was launched at (src/aws/launchPrices.ts).
    prices: parts.prices ?? new AwsPrices(clients.pricing, clients.ec2),
  };
}
