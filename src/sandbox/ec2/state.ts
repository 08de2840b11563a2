// Instances, key pairs and tags of the emulated EC2 region, with the instance life cycle
// pending -> running -> shutting-down -> terminated (or stopping -> stopped) on short timers.
import { createHash, generateKeyPair, randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import type { BlockDevice } from './blockDevices';
import type { InstanceLauncher, LaunchedInstance } from '../instanceLauncher';
import { SANDBOX_DEFAULT_GROUP_ID, type SecurityGroup } from './securityGroups';
import { appendConsole, bufferConsole, ec2LaunchLine, publishPassword } from './machineConsole';
import { ImdsServer } from './imds';
import type { MarketChoice } from './spot';
import type { Subnet } from './subnets';

type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

interface StateReason {
  code: string;
  message: string;
}

export interface Instance {
  instanceId: string;
  /** The root volume and any others RunInstances asked for (ec2/blockDevices.ts). */
  blockDevices?: BlockDevice[];
  reservationId: string;
  amiLaunchIndex: number;
  imageId: string;
  instanceType: string;
  keyName?: string;
  launchTime: Date;
  state: InstanceStateName;
  stateReason?: StateReason;
  stateTransitionReason: string;
  /** Base64, as given to RunInstances. */
  userData?: string;
  tags: Map<string, string>;
  iamInstanceProfile?: { name?: string; arn?: string };
  shutdownBehavior: 'stop' | 'terminate';
  metadataOptions: { httpTokens: string; httpEndpoint: string; httpPutResponseHopLimit: number };
  monitoring: boolean;
  securityGroupIds: string[];
  subnetId: string;
  /** The zone of its subnet (ec2/subnets.ts). */
  availabilityZone: string;
  privateIpAddress: string;
  /** Exit code of the launched work once it ended on its own. */
  exitCode?: number | null;
  launchError?: string;
  /** Public address while running (from TEST-NET-2, 198.51.100.0/24: reachable by nobody). */
  publicIpAddress?: string;
  /** Console text up to now (last 64 KB), and the copy buffered at the last state transition (machineConsole.ts). */
  consoleOutput?: string;
  consoleUpdatedAt?: number;
  consoleBuffered?: string;
  consoleBufferedAt?: number;
  /** Base64 of the Administrator password encrypted with the key pair's public key, once published. */
  passwordData?: string;
  passwordAt?: number;
  /** 'spot' for a Spot Instance (DescribeInstances InstanceLifecycle); on-demand when absent. */
  lifecycle?: 'spot';
  spotInstanceRequestId?: string;
  spotInterruptionBehavior?: 'stop' | 'terminate';
  /** When the Spot interruption takes effect (ISO), once EC2 has issued the notice. */
  interruptionTime?: string;
}

/** A Windows image the sandbox publishes as Amazon publishes its own (DescribeImages). */
export interface SandboxImage {
  imageId: string;
  name: string;
  description: string;
}

export interface KeyPair {
  keyPairId: string;
  keyName: string;
  keyFingerprint: string;
  keyType: 'rsa' | 'ed25519';
  createTime: Date;
  /** SPKI PEM of an RSA pair: GetPasswordData encrypts with it. */
  publicKey?: string;
}

export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface Ec2Timings {
  /** pending -> running. */
  pendingMs: number;
  /** shutting-down -> terminated, stopping -> stopped. */
  shuttingDownMs: number;
  /** running -> Windows password published (real machines: a few minutes). Default 2 s. */
  passwordMs?: number;
  /** Spot interruption notice -> interruption; EC2 gives two minutes. */
  spotNoticeMs?: number;
}

/** What the machines' metadata services say about where they run, and what happens when one is running. */
interface Ec2Identity {
  region: string;
  accountId: string;
  /** Called once a machine is running (e.g. to arm an `interrupt` fault). */
  onRunning?: (instance: Instance) => void;
}

export interface RunRequest {
  imageId: string;
  instanceType: string;
  keyName?: string;
  minCount: number;
  maxCount: number;
  userData?: string;
  tags: Record<string, string>;
  iamInstanceProfile?: { name?: string; arn?: string };
  shutdownBehavior: 'stop' | 'terminate';
  metadataOptions: { httpTokens: string; httpEndpoint: string; httpPutResponseHopLimit: number };
  monitoring: boolean;
  securityGroupIds: string[];
  subnet: Subnet;
  /** Idempotency token: the same token again returns the machines it started, as EC2 does. */
  clientToken?: string;
  blockDevices?: BlockDevice[];
  market?: MarketChoice;
}

interface LaunchContext {
  endpoint: string;
  env: Record<string, string>;
}

const generateKeyPairAsync = promisify(generateKeyPair);

export class Ec2State {
  readonly instances = new Map<string, Instance>();
  readonly keyPairs = new Map<string, KeyPair>();
  /** Filled by the EC2 handler (securityGroups.ts). */
  readonly securityGroups = new Map<string, SecurityGroup>();
  readonly images = new Map<string, SandboxImage>();
  private readonly launched = new Map<string, LaunchedInstance>();
  /** RunInstances ClientToken -> the machines it started: an SDK retry whose first answer was lost starts none. */
  private readonly byClientToken = new Map<string, Instance[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly imds = new Map<string, ImdsServer>();
  private closed = false;

  constructor(
    private readonly launcher: InstanceLauncher,
    private readonly context: () => LaunchContext,
    private readonly timings: Ec2Timings,
    /** Called after every state change, e.g. for the sandbox command's activity lines. */
    private readonly onChange: (instance: Instance) => void = () => undefined,
    private readonly identity: Ec2Identity = { region: 'us-east-1', accountId: '123456789012' },
  ) {}

  get region(): string {
    return this.identity.region;
  }

  addImage(imageId: string, name: string, description: string): void {
    this.images.set(imageId, { imageId, name, description });
  }

  /** Instances that count against the instance quota: every one not terminated. */
  liveCount(): number {
    let n = 0;
    for (const i of this.instances.values()) if (i.state !== 'terminated') n++;
    return n;
  }

  run(r: RunRequest): Instance[] {
    const earlier = r.clientToken ? this.byClientToken.get(r.clientToken) : undefined;
    if (earlier) return earlier;
    const reservationId = `r-${hex(17)}`;
    const created: Instance[] = [];
    for (let i = 0; i < r.maxCount; i++) {
      const instance: Instance = {
        instanceId: `i-${hex(17)}`,
        reservationId,
        ...(r.blockDevices ? { blockDevices: r.blockDevices } : {}),
        amiLaunchIndex: i,
        imageId: r.imageId,
        instanceType: r.instanceType,
        keyName: r.keyName,
        launchTime: new Date(Math.floor(Date.now() / 1000) * 1000),
        state: 'pending',
        stateTransitionReason: '',
        userData: r.userData,
        tags: new Map(Object.entries(r.tags)),
        iamInstanceProfile: r.iamInstanceProfile,
        shutdownBehavior: r.shutdownBehavior,
        metadataOptions: r.metadataOptions,
        monitoring: r.monitoring,
        securityGroupIds: r.securityGroupIds.length ? r.securityGroupIds : [SANDBOX_DEFAULT_GROUP_ID],
        subnetId: r.subnet.subnetId,
        availabilityZone: r.subnet.availabilityZone,
        privateIpAddress: `172.31.${randomBytes(1)[0] ?? 0}.${((randomBytes(1)[0] ?? 0) % 250) + 4}`,
        ...(r.market?.market === 'spot'
          ? {
              lifecycle: 'spot' as const,
              spotInstanceRequestId: `sir-${hex(8)}`,
              spotInterruptionBehavior:
                r.market.interruptionBehavior === 'stop' ? ('stop' as const) : ('terminate' as const),
            }
          : {}),
      };
      this.instances.set(instance.instanceId, instance);
      created.push(instance);
      this.onChange(instance);
      this.later(this.timings.pendingMs, () => void this.boot(instance));
    }
    if (r.clientToken) this.byClientToken.set(r.clientToken, created);
    return created;
  }

  /** Returns [previous, current] state per id, in the order given. */
  terminate(ids: string[]): Array<{ instance: Instance; previous: InstanceStateName }> {
    const found = ids.map((id) => this.get(id));
    return found.map((instance) => {
      const previous = instance.state;
      if (previous !== 'terminated' && previous !== 'shutting-down') {
        this.shutDown(instance, 'terminate', {
          code: 'Client.UserInitiatedShutdown',
          message: 'Client.UserInitiatedShutdown: User initiated shutdown',
        });
      }
      return { instance, previous };
    });
  }

  get(id: string): Instance {
    if (!/^i-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
      throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    const instance = this.instances.get(id);
    if (!instance) throw new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    return instance;
  }

  async createKeyPair(keyName: string, keyType: 'rsa' | 'ed25519'): Promise<{ pair: KeyPair; material: string }> {
    if (this.keyPairs.has(keyName)) throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair already exists`);
    const generated =
      keyType === 'rsa'
        ? await generateKeyPairAsync('rsa', {
            modulusLength: 2048,
            publicKeyEncoding: { type: 'spki', format: 'pem' },
            privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
          })
        : await generateKeyPairAsync('ed25519', {
            publicKeyEncoding: { type: 'spki', format: 'pem' },
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          });
    const material = generated.privateKey;
    // A race with a concurrent CreateKeyPair of the same name must still produce exactly one winner.
    if (this.keyPairs.has(keyName)) throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair already exists`);
    const pair = this.registerKeyPair(keyName, keyType, fingerprint(material));
    // The real public key, so GetPasswordData's encryption can be undone with the .pem the user saved.
    pair.publicKey = generated.publicKey;
    return { pair, material };
  }

  /** A key pair whose private key nobody holds (seeded). */
  registerKeyPair(keyName: string, keyType: 'rsa' | 'ed25519' = 'rsa', keyFingerprint = fingerprint(hex(32))): KeyPair {
    const pair: KeyPair = { keyPairId: `key-${hex(17)}`, keyName, keyFingerprint, keyType, createTime: new Date() };
    this.keyPairs.set(keyName, pair);
    return pair;
  }

  /**
   * EC2 reclaims a Spot Instance: the interruption notice appears in its metadata now, the machine is stopped or
   * terminated `noticeMs` later (two minutes on AWS), with state reason Server.SpotInstanceTermination.
   */
  interrupt(id: string, noticeMs = this.timings.spotNoticeMs ?? 120_000): void {
    const instance = this.get(id);
    if (instance.lifecycle !== 'spot') {
      throw new Ec2Error('InvalidParameterValue', `Instance ${id} is not a Spot Instance: EC2 does not interrupt it.`);
    }
    if (instance.state !== 'running' && instance.state !== 'pending') {
      throw new Ec2Error(
        'IncorrectInstanceState',
        `The instance '${id}' is not in a state from which it can be interrupted.`,
      );
    }
    if (instance.interruptionTime) return;
    instance.interruptionTime = new Date(Date.now() + noticeMs).toISOString();
    this.change(instance);
    this.later(noticeMs, () => {
      if (instance.state !== 'running' && instance.state !== 'pending') return;
      this.shutDown(instance, instance.spotInterruptionBehavior ?? 'terminate', {
        code: 'Server.SpotInstanceTermination',
        message: 'Server.SpotInstanceTermination: Spot instance termination',
      });
    });
  }

  /** Stops every launched process and timer; instances keep their last state. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const servers = [...this.imds.values()];
    this.imds.clear();
    await Promise.allSettled(servers.map((s) => s.close()));
    const running = [...this.launched.values()];
    this.launched.clear();
    await Promise.allSettled(running.map((l) => l.stop()));
  }

  private async boot(instance: Instance): Promise<void> {
    if (instance.state !== 'pending' || this.closed) return;
    instance.state = 'running';
    instance.publicIpAddress = `198.51.100.${randomInt(1, 255)}`;
    appendConsole(instance, ec2LaunchLine(`EC2Launch v2 (sandbox): instance ${instance.instanceId} booting`));
    this.change(instance);
    this.later(this.timings.passwordMs ?? 2000, () => this.windowsReady(instance));
    const tags = Object.fromEntries(instance.tags);
    const { endpoint, env } = this.context();
    try {
      const imdsEndpoint = await this.startImds(instance);
      this.identity.onRunning?.(instance);
      const launched = await this.launcher.start({
        instanceId: instance.instanceId,
        date: tags['adatrap:date'],
        userData: instance.userData ? Buffer.from(instance.userData, 'base64').toString('utf8') : '',
        tags,
        endpoint,
        env,
        console: (text) => appendConsole(instance, text),
        imdsEndpoint,
        ...(instance.blockDevices?.[0] ? { rootVolumeGb: instance.blockDevices[0].volumeSize } : {}),
      });
      if (instance.state !== 'running' || this.closed) {
        await launched.stop();
        return;
      }
      this.launched.set(instance.instanceId, launched);
      void launched.exited.then(({ code }) => this.onExited(instance, code));
    } catch (e) {
      instance.launchError = e instanceof Error ? e.message : String(e);
      this.shutDown(instance, instance.shutdownBehavior, {
        code: 'Server.InternalError',
        message: 'Server.InternalError: Internal error on launch',
      });
    }
  }

  /** What EC2Launch does once Windows is up: say so on the console and publish the password. */
  private windowsReady(instance: Instance): void {
    if (instance.state !== 'running') return;
    const pair = instance.keyName ? this.keyPairs.get(instance.keyName) : undefined;
    if (pair) publishPassword(instance, pair);
    appendConsole(instance, ec2LaunchLine('Message: Windows is Ready to use'));
  }

  private change(instance: Instance): void {
    bufferConsole(instance);
    this.onChange(instance);
  }

  private async startImds(instance: Instance): Promise<string> {
    const server = new ImdsServer(() => ({
      instanceId: instance.instanceId,
      instanceType: instance.instanceType,
      imageId: instance.imageId,
      region: this.identity.region,
      availabilityZone: instance.availabilityZone,
      privateIp: instance.privateIpAddress,
      accountId: this.identity.accountId,
      lifecycle: instance.lifecycle ?? 'on-demand',
      launchTime: instance.launchTime,
      interruption: instance.interruptionTime
        ? { action: instance.spotInterruptionBehavior ?? 'terminate', time: instance.interruptionTime }
        : undefined,
    }));
    this.imds.set(instance.instanceId, server);
    return server.start();
  }

  private onExited(instance: Instance, code: number | null): void {
    this.launched.delete(instance.instanceId);
    if (instance.state !== 'running') return;
    instance.exitCode = code;
    this.shutDown(instance, instance.shutdownBehavior, {
      code: 'Client.InstanceInitiatedShutdown',
      message: 'Client.InstanceInitiatedShutdown: Instance initiated shutdown',
    });
  }

  private shutDown(instance: Instance, behavior: 'stop' | 'terminate', reason: StateReason): void {
    const now = new Date()
      .toISOString()
      .replace(/\.\d+Z$/, ' GMT')
      .replace('T', ' ');
    instance.state = behavior === 'terminate' ? 'shutting-down' : 'stopping';
    instance.stateReason = reason;
    instance.stateTransitionReason = `${reason.code.startsWith('Client.User') ? 'User initiated' : 'Service initiated'} (${now})`;
    appendConsole(instance, ec2LaunchLine(behavior === 'terminate' ? 'Shutting down' : 'Stopping'));
    this.change(instance);
    const launched = this.launched.get(instance.instanceId);
    this.launched.delete(instance.instanceId);
    void launched?.stop();
    this.later(this.timings.shuttingDownMs, () => {
      instance.state = behavior === 'terminate' ? 'terminated' : 'stopped';
      instance.publicIpAddress = undefined;
      this.change(instance);
      const imds = this.imds.get(instance.instanceId);
      this.imds.delete(instance.instanceId);
      void imds?.close();
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}

function hex(n: number): string {
  return randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
}

/** AWS shows the SHA-1 of the private key for key pairs it created, as colon-separated hex. */
function fingerprint(material: string): string {
  return (createHash('sha1').update(material).digest('hex').match(/../g) ?? []).join(':');
}
