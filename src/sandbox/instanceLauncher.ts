// What "booting a machine" means in the sandbox. RunInstances hands each instance to a launcher once it is
// running; the agent issue's launcher (agentLauncher.ts) runs the real agent as a child process. When the launched
// work exits the instance shuts itself down, and TerminateInstances stops it.
export interface InstanceLaunch {
  instanceId: string;
  /** The `adatrap:date` tag, when the instance has one. */
  date?: string;
  /** User data, base64-decoded. */
  userData: string;
  tags: Record<string, string>;
  /** The sandbox endpoint, e.g. http://127.0.0.1:4566. */
  endpoint: string;
  /** The sandbox `.env` values (credentials, buckets, log group …) the launched work talks to the sandbox with. */
  env: Record<string, string>;
  /** The machine's console (GetConsoleOutput): a launcher writes what the machine prints here. */
  console?: (text: string) => void;
  /** This machine's instance metadata service (IMDSv2), for AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  imdsEndpoint?: string;
  /** Its root volume's size (GiB), from RunInstances' block device mappings or the image's snapshot. */
  rootVolumeGb?: number;
}

export interface LaunchedInstance {
  /** Stops the work (TerminateInstances or sandbox shutdown); resolves once it is gone. */
  stop(): Promise<void>;
  /** Settles when the work ends on its own; the instance then shuts down as its user data would. */
  exited: Promise<{ code: number | null }>;
}

export interface InstanceLauncher {
  start(launch: InstanceLaunch): Promise<LaunchedInstance> | LaunchedInstance;
}

/** The default: nothing runs, the instance stays `running` until terminated. */
export const idleLauncher: InstanceLauncher = {
  start(): LaunchedInstance {
    let release: (v: { code: number | null }) => void = () => undefined;
    const exited = new Promise<{ code: number | null }>((resolve) => {
      release = resolve;
    });
    return {
      exited,
      stop: async () => release({ code: null }),
    };
  },
};
