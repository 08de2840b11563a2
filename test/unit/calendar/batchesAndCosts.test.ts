// What the calendar reads besides the buckets: the days running batches hold (bounded: only batches whose dates
// meet the month are described) and the month's run costs (bounded in time: a price that does not answer leaves
// its run unpriced, never the month waiting).
import * as assert from 'node:assert/strict';
import type { BatchDetail, BatchInfo, Batches, ListOptions } from '../../../src/aws/batches';
import { costsOfMonthRuns, forgottenRuns, runOfManifest, type ManifestCache } from '../../../src/aws/monthCosts';
import { computeMonth, type MonthListings } from '../../../src/core/calendar';
import type { Prices } from '../../../src/aws/prices';
import type { RunInfo } from '../../../src/aws/runs';
import { runningBatchDays } from '../../../src/aws/runningBatches';
import { summarizeBatch, type DayProgress } from '../../../src/core/batchProgress';
import type { PriceQuote } from '../../../src/core/costEstimate';
import { UserError } from '../../../src/core/errors';
import { t } from '../../../src/core/i18n';

const ARN = (name: string) => `arn:aws:states:us-east-1:123456789012:execution:adatrap-miner-batches:${name}`;

class FakeBatches implements Pick<Batches, 'list' | 'describe'> {
  readonly described: string[] = [];
  listOptions: ListOptions | undefined;
  constructor(
    private readonly running: Record<string, DayProgress[]>,
    private readonly failure?: Error,
  ) {}
  async list(options?: ListOptions): Promise<BatchInfo[]> {
    this.listOptions = options;
    if (this.failure) throw this.failure;
    return Object.keys(this.running).map((name) => ({ executionArn: ARN(name), name, status: 'RUNNING' }));
  }
  async describe(executionArn: string): Promise<BatchDetail> {
    this.described.push(executionArn);
    const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
    const days = this.running[name] ?? [];
    return {
      executionArn,
      name,
      status: 'RUNNING',
      dates: days.map((d) => d.date),
      days,
      summary: summarizeBatch(days, 'RUNNING'),
    };
  }
}

const progress = (date: string, state: DayProgress['state'], attempts = 1): DayProgress => ({ date, state, attempts });

describe('calendar: running batches and month costs', () => {
  describe('runningBatchDays', () => {
    it('describes only running batches whose dates meet the month, and keeps only the month’s open days', async () => {
      const batches = new FakeBatches({
        '2020-06-29_2020-07-02_4d_20261201T100000Z_aa': [
          progress('2020-06-29', 'succeeded'),
          progress('2020-06-30', 'running'),
          progress('2020-07-01', 'interrupted'),
          progress('2020-07-02', 'queued', 0),
        ],
        '2020-05-01_2020-05-03_3d_20261201T100000Z_bb': [progress('2020-05-01', 'queued', 0)],
        'started-from-the-console': [progress('2020-07-10', 'queued', 0)],
      });
      const read = await runningBatchDays(batches, '2020-07', 'adatrap-miner');
      assert.deepEqual(batches.listOptions, { status: 'RUNNING', limit: 100 });
      assert.deepEqual(batches.described, [
        ARN('2020-06-29_2020-07-02_4d_20261201T100000Z_aa'),
        ARN('started-from-the-console'),
      ]);
      assert.equal(read.problem, undefined);
      assert.deepEqual(
        read.days.map((d) => [d.date, d.state, d.attempts]),
        [
          ['2020-07-01', 'interrupted', 1],
          ['2020-07-02', 'queued', 0],
          ['2020-07-10', 'queued', 0],
        ],
      );
    });

    it('says nothing without a deployed workflow, and names any other reason the batches were not read', async () => {
      const noStack = new FakeBatches({}, new UserError(t('batches.noStateMachine', { stack: 'adatrap-miner' })));
      assert.deepEqual(await runningBatchDays(noStack, '2020-07', 'adatrap-miner'), { days: [] });
      const denied = new FakeBatches({}, new UserError('AccessDenied: states:ListExecutions'));
      assert.deepEqual(await runningBatchDays(denied, '2020-07', 'adatrap-miner'), {
        days: [],
        problem: 'AccessDenied: states:ListExecutions',
      });
    });
  });

  describe('costsOfMonthRuns', () => {
    const launched = new Date('2020-07-20T10:00:00Z');
    const ended = new Date('2020-07-20T12:00:00Z');
    const run = (instanceId: string, date: string, over: Partial<RunInfo> = {}): RunInfo => ({
      instanceId,
      date,
      state: 'terminated',
      launchTime: launched,
      endedAt: ended,
      instanceType: 'm5.xlarge',
      market: 'spot',
      ...over,
    });
    const known = (usd: number): Promise<PriceQuote> => Promise.resolve({ known: true, usd });
    const asked: string[] = [];
    const prices: Prices = {
      onDemandHourly: () => known(0.376),
      // The Spot history never answers for this zone: its run must end up unpriced within the time bound.
      spotHourly: (_region, _type, _at, zone) => {
        asked.push(zone ?? '');
        return zone === 'us-east-1z' ? new Promise<PriceQuote>(() => undefined) : known(0.15);
      },
      gp3GbMonth: () => known(0.08),
    };

    it('prices the month’s runs (recorded price first), leaving a lookup that does not answer in time unpriced', async () => {
      const started = Date.now();
      const costs = await costsOfMonthRuns(
        '2020-07',
        [
          run('i-recorded', '2020-07-01', { price: { market: 'spot', usdPerHour: 0.2 } }),
          run('i-looked-up', '2020-07-02', { availabilityZone: 'us-east-1a' }),
          run('i-slow', '2020-07-03', { availabilityZone: 'us-east-1z' }),
          run('i-june', '2020-06-30'),
          run('i-no-type', '2020-07-04', { instanceType: undefined }),
        ],
        prices,
        { region: 'us-east-1', rootVolumeGb: 30 },
        { timeoutMs: 100 },
      );
      assert.ok(Date.now() - started < 2_000, 'the time bound holds');
      assert.deepEqual([...costs.keys()].sort(), ['i-looked-up', 'i-recorded']);
      assert.equal(costs.get('i-recorded')?.machineUsd, 0.4);
      assert.equal(costs.get('i-recorded')?.recorded, true);
      assert.equal(costs.get('i-looked-up')?.machineUsd, 0.3);
      assert.equal(costs.get('i-looked-up')?.recorded, false);
      assert.ok(!asked.includes(''), 'the June run was not priced for July');
    });

    it('asks nothing for a month without runs', async () => {
      const none = await costsOfMonthRuns('2020-08', [run('i-1', '2020-07-01')], prices, { region: 'us-east-1' });
      assert.equal(none.size, 0);
    });
  });

  describe('forgottenRuns (the run that wrote an output, after EC2 forgot its machine)', () => {
    const machine = (over: Record<string, unknown> = {}) => ({
      instanceType: 'm5.xlarge',
      market: 'spot',
      availabilityZone: 'us-east-1b',
      launchedAt: '2020-07-20T10:00:00.000Z',
      endedAt: '2020-07-20T13:30:00.000Z',
      ...over,
    });
    const manifest = (instanceId: string, over: Record<string, unknown> = {}) =>
      JSON.stringify({ schema: 1, instanceId, machine: machine(over) });
    const bodies: Record<string, string> = {
      '2020-07-01.manifest.json': manifest('i-forgotten'),
      '2020-07-02.manifest.json': manifest('i-listed'),
      '2020-07-03.manifest.json': 'not json',
      '2020-07-04.manifest.json': JSON.stringify({ schema: 1, instanceId: 'i-old-agent' }),
    };
    const reads: string[] = [];
    const storage = {
      getBytes: async (bucket: string, key: string): Promise<Buffer> => {
        reads.push(`${bucket}/${key}`);
        const body = bodies[key];
        if (body === undefined) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
        return Buffer.from(body);
      },
    };
    const calendar = computeMonth(
      '2020-07',
      {
        buckets: { gps: 'g', file196: 'f', transactions: 't', opProgram: 'p', serviceDetail: 's', executables: 'e' },
        executableVersion: '0.2',
        executableKeys: [],
        gpsKeys: [],
        file196Keys: [],
        transactionKeys: [],
        poKeys: [],
        serviceDetailKeys: [],
        poZips: {},
        runs: [],
        outputs: ['01', '02', '03', '04', '05'].flatMap((d) => [
          { key: `2020-07-${d}.zip`, size: 1, lastModified: 1 },
          // 2020-07-05 has an output without a manifest: nothing to read.
          ...(d === '05' ? [] : [{ key: `2020-07-${d}.manifest.json`, size: 1, lastModified: 1 }]),
        ]),
      } satisfies MonthListings,
      Date.parse('2020-07-20T16:00:00Z'),
    );

    it('reads each manifest once, keeps the machines EC2 does not list, and skips what cannot be priced', async () => {
      const cache: ManifestCache = new Map();
      const listed: RunInfo[] = [{ instanceId: 'i-listed', state: 'terminated', date: '2020-07-02' }];
      const first = await forgottenRuns(storage, 'out', calendar, listed, { cache });
      assert.deepEqual(first.forgotten, [{ date: '2020-07-01', instanceId: 'i-forgotten' }]);
      assert.deepEqual(first.runs[0], {
        instanceId: 'i-forgotten',
        date: '2020-07-01',
        state: 'terminated',
        launchTime: new Date('2020-07-20T10:00:00.000Z'),
        endedAt: new Date('2020-07-20T13:30:00.000Z'),
        instanceType: 'm5.xlarge',
        market: 'spot',
        availabilityZone: 'us-east-1b',
      });
      assert.deepEqual(reads.sort(), [
        'out/2020-07-01.manifest.json',
        'out/2020-07-02.manifest.json',
        'out/2020-07-03.manifest.json',
        'out/2020-07-04.manifest.json',
      ]);
      await forgottenRuns(storage, 'out', calendar, listed, { cache });
      assert.equal(reads.length, 4, 'the second round reads nothing again');
    });

    it('takes no run from a manifest without a machine, its times, or a sane instance id', () => {
      assert.equal(runOfManifest('2020-07-01', manifest('i-1', { endedAt: undefined })), undefined);
      assert.equal(runOfManifest('2020-07-01', manifest('i-1', { endedAt: '2020-07-20T09:00:00Z' })), undefined);
      assert.equal(runOfManifest('2020-07-01', manifest('not-an-id')), undefined);
      assert.equal(runOfManifest('2020-07-01', manifest('i-1', { instanceType: 7 })), undefined);
      assert.equal(runOfManifest('2020-07-01', manifest('i-1', { market: 'weird' }))?.market, 'on-demand');
    });
  });
});
