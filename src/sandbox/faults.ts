// Switchable failures for the fault matrix (issue 7). Matching is deterministic: a fault fires on the first `count`
// matching requests, or with `probability` drawn from its own seeded generator, so a failing test replays exactly.
export type SandboxService = 's3' | 'ec2' | 'logs' | 'sts' | 'sfn' | 'pricing' | 'cloudformation' | 'scheduler' | 'ssm';

const FAULT_KINDS = [
  'throttle',
  'internalError',
  'reset',
  'slow',
  'denied',
  'dropTail',
  'notEventStream',
  'capacity',
  'interrupt',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Kinds decided later than a request's arrival: picked by name where they apply, never by admit(). */
const LATE_KINDS: readonly FaultKind[] = ['dropTail', 'capacity', 'interrupt'];
/** capacity: the EC2 error codes a RunInstances refused for capacity can carry. */
const CAPACITY_CODES = [
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'MaxSpotInstanceCountExceeded',
] as const;

export interface FaultSpec {
  service: SandboxService;
  kind: FaultKind;
  /** Wire operation name, e.g. `GetObject`, `RunInstances`, `PutLogEvents`; any when absent. */
  operation?: string;
  bucket?: string;
  key?: string;
  keyPrefix?: string;
  logGroup?: string;
  logStream?: string;
  /** Streams whose name starts with this, e.g. `i-` for every machine's stream (known before its id is). */
  logStreamPrefix?: string;
  /** reset: how many body bytes pass before the socket is destroyed; immediately when absent. */
  afterBytes?: number;
  /** reset with afterBytes: cut the response body (default) or the body of an S3 upload (PutObject, UploadPart). */
  during?: 'response' | 'upload';
  /** slow: wait this long before answering. */
  delayMs?: number;
  /** slow: stream the response body at this rate. */
  bytesPerSecond?: number;
  /** dropTail: live-tail updates sent before the connection is dropped. */
  afterUpdates?: number;
  /** Fire on at most this many matching requests; every matching request when absent. */
  count?: number;
  /** Fire on each matching request with this probability (0..1), drawn from a generator seeded with `seed`. */
  probability?: number;
  seed?: number;
  /** capacity / interrupt: only launches in this market (`spot` or `on-demand`); any when absent. */
  market?: 'spot' | 'on-demand';
  /** capacity / interrupt: only this instance type. */
  instanceType?: string;
  /** interrupt: only the machine with this `adatrap:date` tag. */
  date?: string;
  /** interrupt: only this machine. */
  instanceId?: string;
  /** capacity: the error code (default InsufficientInstanceCapacity). */
  code?: (typeof CAPACITY_CODES)[number];
  /** interrupt: ms after the machine is running before the notice (default 0). */
  afterMs?: number;
  /** interrupt: ms from the notice to the termination (default: two minutes of sandbox time). */
  noticeMs?: number;
}

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Matching requests seen, fired or not. */
  matched: number;
  fired: number;
}

/** What a request is about, as far as fault matching cares. */
export interface RequestTarget {
  service: SandboxService;
  operation: string;
  bucket?: string;
  key?: string;
  logGroup?: string;
  logStream?: string;
  market?: 'spot' | 'on-demand';
  instanceType?: string;
  date?: string;
  instanceId?: string;
}

export class FaultSpecError extends Error {}

export class Faults {
  private readonly active: Array<{ fault: ActiveFault; random: () => number }> = [];
  private readonly served = new Map<string, number>();
  private nextId = 1;

  /** Adds a fault and returns its id; throws FaultSpecError on a spec that could never behave as asked. */
  add(spec: FaultSpec): string {
    validateSpec(spec);
    const fault: ActiveFault = { ...spec, id: `fault-${this.nextId++}`, matched: 0, fired: 0 };
    this.active.push({ fault, random: seededRandom(spec.seed ?? 1) });
    return fault.id;
  }

  remove(id: string): boolean {
    const index = this.active.findIndex((a) => a.fault.id === id);
    if (index < 0) return false;
    this.active.splice(index, 1);
    return true;
  }

  clear(): void {
    this.active.length = 0;
  }

  list(): ActiveFault[] {
    return this.active.map((a) => ({ ...a.fault }));
  }

  /** Counts the request and returns the fault that fires for it, if any (the first added wins). */
  onRequest(target: RequestTarget, kinds?: readonly FaultKind[]): ActiveFault | undefined {
    this.countRequest(target);
    return this.pick(target, kinds);
  }

  countRequest(target: RequestTarget): void {
    const name = `${target.service}:${target.operation}`;
    this.served.set(name, (this.served.get(name) ?? 0) + 1);
  }

  /** Like onRequest without counting: for faults decided later in a request's life (e.g. dropTail). */
  pick(target: RequestTarget, kinds?: readonly FaultKind[]): ActiveFault | undefined {
    for (const entry of this.active) {
      const f = entry.fault;
      if (kinds && !kinds.includes(f.kind)) continue;
      if (!kinds && LATE_KINDS.includes(f.kind)) continue;
      if (!matches(f, target)) continue;
      if (f.count !== undefined && f.fired >= f.count) continue;
      f.matched++;
      if (f.probability !== undefined && entry.random() >= f.probability) continue;
      f.fired++;
      return { ...f };
    }
    return undefined;
  }

  /** Requests received per `service:Operation`, faulted ones included (each is an AWS call the client made). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.served.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  count(service: SandboxService, operation?: string): number {
    let total = 0;
    for (const [name, n] of this.served) {
      const [s, op] = name.split(':');
      if (s === service && (operation === undefined || op === operation)) total += n;
    }
    return total;
  }

  totalRequests(): number {
    let total = 0;
    for (const n of this.served.values()) total += n;
    return total;
  }

  resetCounts(): void {
    this.served.clear();
  }
}

function matches(f: FaultSpec, t: RequestTarget): boolean {
  if (f.service !== t.service) return false;
  if (f.operation !== undefined && f.operation !== t.operation) return false;
  if (f.bucket !== undefined && f.bucket !== t.bucket) return false;
  if (f.key !== undefined && f.key !== t.key) return false;
  if (f.keyPrefix !== undefined && !(t.key ?? '').startsWith(f.keyPrefix)) return false;
  if (f.logGroup !== undefined && f.logGroup !== t.logGroup) return false;
  if (f.logStream !== undefined && f.logStream !== t.logStream) return false;
  if (f.logStreamPrefix !== undefined && !(t.logStream ?? '').startsWith(f.logStreamPrefix)) return false;
  if (f.market !== undefined && f.market !== t.market) return false;
  if (f.instanceType !== undefined && f.instanceType !== t.instanceType) return false;
  if (f.date !== undefined && f.date !== t.date) return false;
  if (f.instanceId !== undefined && f.instanceId !== t.instanceId) return false;
  return true;
}

const SERVICES: readonly SandboxService[] = [
  's3',
  'ec2',
  'logs',
  'sts',
  'sfn',
  'pricing',
  'cloudformation',
  'scheduler',
  'ssm',
];

function validateSpec(spec: FaultSpec): void {
  if (!SERVICES.includes(spec.service)) throw new FaultSpecError(`unknown service "${String(spec.service)}"`);
  if (!FAULT_KINDS.includes(spec.kind)) throw new FaultSpecError(`unknown fault kind "${String(spec.kind)}"`);
  const nonNegative: Array<keyof FaultSpec> = [
    'afterBytes',
    'delayMs',
    'bytesPerSecond',
    'afterUpdates',
    'count',
    'afterMs',
    'noticeMs',
  ];
  for (const name of nonNegative) {
    const v = spec[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new FaultSpecError(`${name} must be a number >= 0`);
    }
  }
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
    throw new FaultSpecError('probability must be between 0 and 1');
  }
  if (spec.kind === 'slow' && spec.delayMs === undefined && spec.bytesPerSecond === undefined) {
    throw new FaultSpecError('a slow fault needs delayMs or bytesPerSecond');
  }
  if (spec.bytesPerSecond === 0) throw new FaultSpecError('bytesPerSecond must be > 0');
  if ((spec.kind === 'capacity' || spec.kind === 'interrupt') && spec.service !== 'ec2') {
    throw new FaultSpecError(`a ${spec.kind} fault is an ec2 fault`);
  }
  if (
    spec.kind === 'notEventStream' &&
    (spec.service !== 'logs' || (spec.operation ?? 'StartLiveTail') !== 'StartLiveTail')
  ) {
    throw new FaultSpecError('a notEventStream fault is a logs StartLiveTail fault');
  }
  if (spec.code !== undefined && !CAPACITY_CODES.includes(spec.code)) {
    throw new FaultSpecError(`code must be one of ${CAPACITY_CODES.join(', ')}`);
  }
  if (spec.market !== undefined && spec.market !== 'spot' && spec.market !== 'on-demand') {
    throw new FaultSpecError('market must be "spot" or "on-demand"');
  }
  if (spec.during !== undefined && spec.during !== 'response' && spec.during !== 'upload') {
    throw new FaultSpecError('during must be "response" or "upload"');
  }
}

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
