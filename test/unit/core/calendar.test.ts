import * as assert from 'node:assert/strict';
import type { BatchDay } from '../../../src/core/batchView';
import type { RunCostView } from '../../../src/core/costEstimate';
import {
  computeMonth,
  priceMonth,
  summarize,
  weekdayColumn,
  type CalendarRun,
  type DayState,
  type MonthListings,
  type OutputObject,
} from '../../../src/core/calendar';
import {
  KIND_SYMBOL,
  cellText,
  describeDay,
  formatElapsed,
  monthCostLine,
  nextLine,
  summaryLine,
} from '../../../src/core/calendarText';
import { inLanguage } from '../../helpers/language';
import { dailyKeys, monthListings } from '../../helpers/listings';

const MINUTE = 60_000;
// 2020-07-20 12:00 in Santiago (UTC-4 in July): "today" for most cases.
const NOW = Date.parse('2020-07-20T16:00:00Z');

// A template needing one PO file, so the pre-flight can check a PO zip's contents.
const PAR_TEMPLATE = [
  '{date}\t* fecha',
  'tmp/{date}.gps\t* gps',
  '{po_path}/Diccionario/Servicios_PO{po_date}.csv\t* servicios',
].join('\n');

function listings(over: Partial<MonthListings> = {}): MonthListings {
  return monthListings({ parTemplate: PAR_TEMPLATE, ...over });
}

function run(date: string, over: Partial<CalendarRun> = {}): CalendarRun {
  return {
    instanceId: `i-${date.replace(/-/g, '')}`,
    date,
    state: 'terminated',
    launchTime: NOW - 120 * MINUTE,
    ...over,
  };
}

function zip(date: string, size = 3_200_000, lastModified = NOW - 60 * MINUTE): OutputObject {
  return { key: `${date}.zip`, size, lastModified };
}

const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:adatrap-miner-batches:2020-07-01_2020-07-03_3d_x';

function held(date: string, state: BatchDay['state'], over: Partial<BatchDay> = {}): BatchDay {
  return {
    date,
    kind: state === 'queued' ? 'queued' : 'running',
    executionArn: EXECUTION,
    state,
    attempts: state === 'queued' ? 0 : 1,
    ...over,
  };
}

function cost(usd: number, over: Partial<RunCostView> = {}): RunCostView {
  return {
    hours: 1,
    machineUsd: usd,
    volumeUsd: 0,
    usd,
    market: 'spot',
    usdPerHour: usd,
    recorded: true,
    running: false,
    ...over,
  };
}

function day(month: string, l: MonthListings, date: string, now = NOW): DayState {
  const found = computeMonth(month, l, now).days.find((d) => d.date === date);
  assert.ok(found, `${date} is not in ${month}`);
  return found;
}

describe('core/calendar: day states of a month', () => {
  // The texts asserted below are the English catalogue's; the Spanish block switches on its own.
  inLanguage('en');

  describe('month boundaries', () => {
    it('gives every day of the month once, in order, including 29 February of a leap year', () => {
      const feb = computeMonth('2020-02', listings(), NOW).days.map((d) => d.date);
      assert.equal(feb.length, 29);
      assert.equal(feb[0], '2020-02-01');
      assert.equal(feb[28], '2020-02-29');
      assert.equal(computeMonth('2021-02', listings(), NOW).days.length, 28);
      assert.equal(computeMonth('2020-07', listings(), NOW).days.length, 31);
    });

    it('ignores files, outputs and runs of the neighbouring months', () => {
      const l = listings({
        ...dailyKeys('2020-06-30', '2020-08-01'),
        outputs: [zip('2020-06-30'), zip('2020-08-01')],
        runs: [run('2020-06-30', { state: 'running' }), run('2020-08-01', { status: 'succeeded' })],
      });
      const july = computeMonth('2020-07', l, NOW);
      assert.equal(july.days[0].date, '2020-07-01');
      assert.equal(july.days[0].kind, 'missingInputs');
      assert.equal(july.days[30].date, '2020-07-31');
      assert.equal(july.days[30].kind, 'future');
    });

    it('places days Monday-first', () => {
      assert.equal(weekdayColumn('2020-06-29'), 0); // a Monday
      assert.equal(weekdayColumn('2020-07-05'), 6); // a Sunday
    });

    it('takes "today" in Santiago, not UTC', () => {
      // 02:00 UTC on 1 July is still 30 June in Santiago.
      const l = listings();
      assert.equal(day('2020-07', l, '2020-07-01', Date.parse('2020-07-01T02:00:00Z')).kind, 'future');
      assert.equal(day('2020-07', l, '2020-07-01', Date.parse('2020-07-01T05:00:00Z')).kind, 'missingInputs');
    });
  });

  describe('inputs', () => {
    it('is ready when the three daily files, a PO and a service detail apply', () => {
      const d = day('2020-07', listings(dailyKeys('2020-07-01')), '2020-07-01');
      assert.equal(d.kind, 'ready');
      assert.deepEqual(d.readiness.missing, []);
      assert.match(String(d.readiness.po), /2020-06-27/);
      assert.match(String(d.readiness.serviceDetail), /20200627_20200731/);
    });

    it('names exactly which daily files are missing', () => {
      const l = listings({ ...dailyKeys('2020-07-02'), transactionKeys: [] });
      const d = day('2020-07', l, '2020-07-02');
      assert.equal(d.kind, 'missingInputs');
      assert.deepEqual(
        d.readiness.missing.map(({ role, key }) => ({ role, key })),
        [{ role: 'transactions', key: '2020-07-02.trx.gz' }],
      );
      assert.match(d.readiness.missing[0].message, /2020-07-02\.trx\.gz.*b-trx|b-trx.*2020-07-02\.trx\.gz/);
      assert.equal(cellText(d), 'missing trx');
    });

    it('does not take a key that merely contains the date', () => {
      const l = listings({
        gpsKeys: ['old/2020-07-03.gps.gz', '2020-07-03.gps.gz.bak'],
        file196Keys: ['2020-07-03.196.gz'],
        transactionKeys: ['2020-07-03.trx.gz'],
      });
      const d = day('2020-07', l, '2020-07-03');
      assert.deepEqual(
        d.readiness.missing.map(({ role, key }) => ({ role, key })),
        [{ role: 'gps', key: '2020-07-03.gps.gz' }],
      );
    });

    it('follows a PO that changes mid-month', () => {
      const l = listings({
        ...dailyKeys('2020-07-14', '2020-07-15'),
        poKeys: ['2020-07-15.po.zip', '2020-06-27.po.zip', 'notes.txt'],
      });
      assert.match(String(day('2020-07', l, '2020-07-14').readiness.po), /2020-06-27/);
      assert.match(String(day('2020-07', l, '2020-07-15').readiness.po), /2020-07-15/);
    });

    it('is not processable before the first PO, or after a service-detail range that ends mid-month', () => {
      const l = listings({
        ...dailyKeys('2020-07-01', '2020-07-10', '2020-07-11'),
        poKeys: ['2020-07-05.po.zip'],
        serviceDetailKeys: ['Diccionario-DetalleServicioZP_20200601_20200710.csv.gz'],
      });
      const before = day('2020-07', l, '2020-07-01');
      assert.equal(before.kind, 'notProcessable');
      assert.deepEqual(
        before.readiness.missing.map((m) => m.role),
        ['po'],
      );
      assert.equal(cellText(before), 'no PO');
      assert.equal(day('2020-07', l, '2020-07-10').kind, 'ready');
      const after = day('2020-07', l, '2020-07-11');
      assert.equal(after.kind, 'notProcessable');
      assert.deepEqual(
        after.readiness.missing.map((m) => m.role),
        ['serviceDetail'],
      );
      assert.equal(cellText(after), 'no service detail');
    });

    it('is not processable rather than "missing inputs" when both the rules and a daily file are absent', () => {
      const l = listings({ ...dailyKeys(), poKeys: [] });
      const d = day('2020-07', l, '2020-07-06');
      assert.equal(d.kind, 'notProcessable');
      assert.deepEqual(
        d.readiness.missing.map((m) => m.role),
        ['gps', 'file196', 'transactions', 'po'],
      );
    });

    it('blocks the days of a PO whose zip lacks a file the template needs, and only those', () => {
      const l = listings({
        ...dailyKeys('2020-07-14', '2020-07-15'),
        poKeys: ['2020-06-27.po.zip', '2020-07-15.po.zip'],
        poZips: {
          '2020-06-27.po.zip': { entries: ['2020-06-27/Diccionario/Servicios_PO20200627.csv.gz'] },
          '2020-07-15.po.zip': { entries: ['2020-07-15/Diccionario/Otro_PO20200715.csv.gz'] },
        },
      });
      assert.equal(day('2020-07', l, '2020-07-14').kind, 'ready');
      const broken = day('2020-07', l, '2020-07-15');
      assert.equal(broken.kind, 'notProcessable');
      assert.deepEqual(
        broken.readiness.missing.map((m) => m.role),
        ['poContents'],
      );
      assert.match(broken.readiness.missing[0].message, /Servicios_PO20200715\.csv\.gz/);
      assert.equal(cellText(broken), 'no PO files');
    });

    it('blocks every day when the executable is missing', () => {
      const l = listings({ ...dailyKeys('2020-07-01'), executableKeys: ['pvmtsc_v0.2.par'] });
      const d = day('2020-07', l, '2020-07-01');
      assert.equal(d.kind, 'notProcessable');
      assert.equal(cellText(d), 'no executable');
      assert.match(d.readiness.missing[0].message, /pvmtsc_v0\.2\.exe/);
    });

    it('shows days after today as future unless their inputs are already there', () => {
      assert.equal(day('2020-07', listings(), '2020-07-21').kind, 'future');
      assert.equal(day('2020-07', listings(dailyKeys('2020-07-21')), '2020-07-21').kind, 'ready');
    });
  });

  describe('runs and outputs (precedence)', () => {
    const ready = dailyKeys('2020-07-01');

    it('shows a live run as running with its elapsed time, above an output and an older failure', () => {
      const l = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [
          run('2020-07-01', { status: 'failed: exit 3', launchTime: NOW - 300 * MINUTE }),
          run('2020-07-01', { instanceId: 'i-live', state: 'running', launchTime: NOW - 12 * MINUTE }),
        ],
      });
      const d = day('2020-07', l, '2020-07-01');
      assert.equal(d.kind, 'running');
      assert.ok(d.kind === 'running');
      assert.equal(d.run.instanceId, 'i-live');
      assert.equal(d.elapsedMs, 12 * MINUTE);
      assert.equal(cellText(d), 'running 12 min');
    });

    it('counts a pending machine as running, even when a newer run already finished', () => {
      const l = listings({
        ...ready,
        runs: [
          run('2020-07-01', { state: 'pending', launchTime: NOW - 5 * MINUTE }),
          run('2020-07-01', { status: 'succeeded', launchTime: NOW - MINUTE }),
        ],
      });
      assert.equal(day('2020-07', l, '2020-07-01').kind, 'running');
    });

    it('takes a machine that already wrote its outcome as finished while it shuts down', () => {
      const l = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [run('2020-07-01', { state: 'running', status: 'succeeded' })],
      });
      assert.equal(day('2020-07', l, '2020-07-01').kind, 'succeeded');
    });

    it('shows a succeeded run with the size of its output', () => {
      const l = listings({
        ...ready,
        outputs: [zip('2020-07-01', 3_200_000), { key: '2020-07-01.manifest.json', size: 900, lastModified: NOW }],
        runs: [run('2020-07-01', { status: 'succeeded' })],
      });
      const d = day('2020-07', l, '2020-07-01');
      assert.equal(d.kind, 'succeeded');
      assert.equal(d.output?.size, 3_200_000);
      assert.equal(d.output?.hasManifest, true);
      assert.equal(cellText(d), 'OK 3.2 MB');
    });

    it('lets the latest run win: a failed retry hides an older success, a later success an older failure', () => {
      const older = NOW - 600 * MINUTE;
      const newer = NOW - 100 * MINUTE;
      const failedLast = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [
          run('2020-07-01', { instanceId: 'i-new', status: 'failed: exit 3', launchTime: newer }),
          run('2020-07-01', { instanceId: 'i-old', status: 'succeeded', launchTime: older }),
        ],
      });
      const f = day('2020-07', failedLast, '2020-07-01');
      assert.ok(f.kind === 'failed');
      assert.equal(f.reason, 'exit 3');
      assert.equal(f.run.instanceId, 'i-new');
      assert.equal(cellText(f), 'failed: exit 3');
      assert.ok(
        describeDay(f).some((line) => line.includes('2020-07-01.zip')),
        'the kept earlier output is mentioned',
      );

      const succeededLast = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [
          run('2020-07-01', { status: 'succeeded', launchTime: newer }),
          run('2020-07-01', { status: 'failed: timeout', launchTime: older }),
        ],
      });
      assert.equal(day('2020-07', succeededLast, '2020-07-01').kind, 'succeeded');
    });

    it('does not depend on the order runs are listed in', () => {
      const runs = [
        run('2020-07-01', { instanceId: 'a', status: 'failed: x', launchTime: NOW - 30 * MINUTE }),
        run('2020-07-01', { instanceId: 'b', status: 'succeeded', launchTime: NOW - 90 * MINUTE }),
        run('2020-07-01', { instanceId: 'c', status: 'failed: y', launchTime: NOW - 60 * MINUTE }),
      ];
      for (const order of [runs, [...runs].reverse(), [runs[1], runs[0], runs[2]]]) {
        const d = day('2020-07', listings({ ...ready, runs: order }), '2020-07-01');
        assert.ok(d.kind === 'failed');
        assert.equal(d.run.instanceId, 'a');
      }
    });

    it('reports a success without an output, and a machine that ended without saying how', () => {
      const noOutput = day(
        '2020-07',
        listings({ ...ready, runs: [run('2020-07-01', { status: 'succeeded' })] }),
        '2020-07-01',
      );
      assert.ok(noOutput.kind === 'failed');
      assert.equal(cellText(noOutput), 'failed: no output in bucket');
      const silent = day('2020-07', listings({ ...ready, runs: [run('2020-07-01')] }), '2020-07-01');
      assert.ok(silent.kind === 'failed');
      assert.equal(cellText(silent), 'failed: ended without a result');
      const bare = day(
        '2020-07',
        listings({ ...ready, runs: [run('2020-07-01', { status: 'failed' })] }),
        '2020-07-01',
      );
      assert.equal(cellText(bare), 'failed: ended without a result');
    });

    it('marks an output without a known run of ours as coming from an earlier run, ignoring history/', () => {
      const l = listings({
        ...ready,
        outputs: [zip('2020-07-01', 1500), { key: 'history/2020-07-02.zip', size: 5, lastModified: NOW }],
      });
      const d = day('2020-07', l, '2020-07-01');
      assert.equal(d.kind, 'earlierOutput');
      assert.equal(cellText(d), 'earlier 1.5 kB');
      assert.ok(
        describeDay(d).includes('no 2020-07-01.manifest.json beside it: written by another tool or an older version'),
      );
      assert.equal(day('2020-07', l, '2020-07-02').kind, 'missingInputs');
    });
  });

  describe('days held by a running batch', () => {
    const ready = dailyKeys('2020-07-01', '2020-07-02', '2020-07-03');

    it('shows a day waiting for a slot as queued, naming the batch, in the cell, the details and the summary', () => {
      const l = listings({ ...ready, batches: [held('2020-07-02', 'queued')] });
      const d = day('2020-07', l, '2020-07-02');
      assert.equal(d.kind, 'queued');
      assert.ok(d.kind === 'queued');
      assert.deepEqual(d.batch, {
        executionArn: EXECUTION,
        executionName: '2020-07-01_2020-07-03_3d_x',
        state: 'queued',
        attempts: 0,
      });
      assert.equal(cellText(d), 'queued');
      assert.deepEqual(describeDay(d).slice(0, 2), [
        '2020-07-02: queued in a batch',
        'waiting in batch 2020-07-01_2020-07-03_3d_x for a free machine slot',
      ]);
      assert.equal(KIND_SYMBOL.queued, '◷');
      const { days } = computeMonth('2020-07', l, NOW);
      assert.equal(summarize(days).queued, 1);
      assert.match(summaryLine(days), /^2 ready to launch, 1 queued in batches, /);
      // What to launch next leaves out the day the batch will launch.
      assert.equal(nextLine(days), 'Next to launch: 2020-07-01, 2020-07-03');
    });

    it('shows a day waiting to retry after an interruption as queued with its try and the reason', () => {
      const l = listings({
        ...ready,
        runs: [run('2020-07-01', { instanceId: 'i-gone', state: 'terminated', status: 'running' })],
        batches: [
          held('2020-07-01', 'interrupted', { attempts: 1, instanceId: 'i-gone', reason: 'Adatrap.Interrupted' }),
        ],
      });
      const d = day('2020-07', l, '2020-07-01');
      assert.ok(d.kind === 'queued', d.kind);
      assert.equal(d.batch.state, 'interrupted');
      assert.equal(cellText(d), 'retry pending');
      assert.ok(
        describeDay(d).includes('batch 2020-07-01_2020-07-03_3d_x: try 1 ended; the batch tries again after a pause'),
        describeDay(d).join('\n'),
      );
      assert.ok(describeDay(d).includes('last try: Adatrap.Interrupted'));
      // Backing off between tries reads the same; a launch in progress says so.
      assert.equal(
        cellText(day('2020-07', listings({ ...ready, batches: [held('2020-07-01', 'retrying')] }), '2020-07-01')),
        'retry pending',
      );
      const launching = day(
        '2020-07',
        listings({ ...ready, batches: [held('2020-07-01', 'launching')] }),
        '2020-07-01',
      );
      assert.equal(cellText(launching), 'launching');
      assert.ok(describeDay(launching).includes('batch 2020-07-01_2020-07-03_3d_x, try 1'));
    });

    it('keeps a day with a live machine running, whatever the batch says', () => {
      const l = listings({
        ...ready,
        runs: [run('2020-07-01', { instanceId: 'i-live', state: 'running', launchTime: NOW - 3 * MINUTE })],
        batches: [held('2020-07-01', 'running', { instanceId: 'i-live' }), held('2020-07-02', 'launching')],
      });
      const d = day('2020-07', l, '2020-07-01');
      assert.equal(d.kind, 'running');
      assert.equal(day('2020-07', l, '2020-07-02').kind, 'queued');
    });

    it('shows the outcome of a machine that already reported, before the batch notices, and holds one that did not', () => {
      const reported = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [run('2020-07-01', { instanceId: 'i-done', state: 'shutting-down', status: 'succeeded' })],
        batches: [held('2020-07-01', 'running', { instanceId: 'i-done' })],
      });
      assert.equal(day('2020-07', reported, '2020-07-01').kind, 'succeeded');
      const silent = listings({
        ...ready,
        runs: [run('2020-07-01', { instanceId: 'i-silent', state: 'terminated' })],
        batches: [held('2020-07-01', 'running', { instanceId: 'i-silent' })],
      });
      const d = day('2020-07', silent, '2020-07-01');
      assert.ok(d.kind === 'queued', d.kind);
      assert.equal(cellText(d), 'in a batch');
    });

    it('falls back to runs and outputs once the batch no longer holds the day', () => {
      // batchDays (core/batchView) leaves finished days and finished executions out; the calendar gets nothing.
      const l = listings({
        ...ready,
        outputs: [zip('2020-07-01')],
        runs: [run('2020-07-01', { status: 'succeeded' }), run('2020-07-02', { status: 'failed: exit 3' })],
        batches: [held('2020-07-01', 'succeeded'), held('2020-07-02', 'failed'), held('2020-07-03', 'stopped')],
      });
      assert.equal(day('2020-07', l, '2020-07-01').kind, 'succeeded');
      assert.equal(day('2020-07', l, '2020-07-02').kind, 'failed');
      assert.equal(day('2020-07', l, '2020-07-03').kind, 'ready');
      assert.equal(day('2020-07', listings({ ...ready, batches: [] }), '2020-07-02').kind, 'ready');
    });
  });

  describe('cost of the month', () => {
    const l = listings({
      ...dailyKeys('2020-07-01', '2020-07-02', '2020-07-03'),
      outputs: [zip('2020-07-01')],
      runs: [
        run('2020-07-01', { instanceId: 'i-a1', status: 'failed: interrupted', launchTime: NOW - 300 * MINUTE }),
        run('2020-07-01', { instanceId: 'i-a2', status: 'succeeded' }),
        run('2020-07-02', { instanceId: 'i-b', state: 'running', launchTime: NOW - 30 * MINUTE }),
        run('2020-07-03', { instanceId: 'i-c', status: 'failed: exit 3' }),
        // Another month's run is not this month's cost.
        run('2020-06-30', { instanceId: 'i-june', status: 'succeeded' }),
      ],
    });

    it('adds every run of each day (retries included), counts the unpriced ones and says when it is so far', () => {
      const priced = priceMonth(
        computeMonth('2020-07', l, NOW),
        new Map([
          ['i-a1', cost(0.25)],
          ['i-a2', cost(1.5)],
          ['i-b', cost(0.125, { running: true })],
          ['i-june', cost(100)],
        ]),
      );
      assert.deepEqual(priced.cost, { usd: 1.875, priced: 3, unpriced: 1, running: true });
      const byDate = new Map(priced.days.map((d) => [d.date, d]));
      assert.deepEqual(byDate.get('2020-07-01')?.cost, { usd: 1.75, priced: 2, unpriced: 0, running: false });
      assert.deepEqual(byDate.get('2020-07-03')?.cost, { usd: 0, priced: 0, unpriced: 1, running: false });
      assert.equal(byDate.get('2020-07-04')?.cost, undefined, 'a day without runs has no cost');
      assert.equal(
        monthCostLine(priced),
        'Cost of the runs of this month: USD 1.88 so far (4 run(s)). 1 of them unpriced (no price recorded at launch, none found).',
      );
      const first = byDate.get('2020-07-01');
      assert.ok(first);
      assert.ok(describeDay(first).includes('cost of its runs: USD 1.75'), describeDay(first).join('\n'));
      const third = byDate.get('2020-07-03');
      assert.ok(third);
      assert.ok(describeDay(third).includes('runs without a known price: 1'));
      assert.ok(!describeDay(third).some((line) => line.startsWith('cost of its runs')));
      assert.ok(describeDay(byDate.get('2020-07-02') ?? first).includes('cost of its runs: USD 0.13 so far'));
    });

    it('says the cost is unknown when no run could be priced, and says nothing for a month without runs', () => {
      assert.equal(
        monthCostLine(priceMonth(computeMonth('2020-07', l, NOW), new Map())),
        'Cost of the runs of this month: unknown (4 run(s), none priced).',
      );
      const done = priceMonth(
        computeMonth('2020-07', l, NOW),
        new Map([
          ['i-a1', cost(2)],
          ['i-a2', cost(1)],
          ['i-b', cost(1)],
          ['i-c', cost(1)],
        ]),
      );
      assert.equal(monthCostLine(done), 'Cost of the runs of this month: USD 5.00 (4 run(s)).');
      assert.equal(monthCostLine(priceMonth(computeMonth('2020-08', l, NOW), new Map())), undefined);
      // A run EC2 forgot, known from the manifest of the output it wrote, counts on its day (once).
      const withEarlier = priceMonth(computeMonth('2020-07', l, NOW), new Map([['i-gone', cost(3)]]), [
        { date: '2020-07-04', instanceId: 'i-gone' },
        { date: '2020-07-04', instanceId: 'i-gone' },
      ]);
      assert.deepEqual(withEarlier.days.find((d) => d.date === '2020-07-04')?.cost, {
        usd: 3,
        priced: 1,
        unpriced: 0,
        running: false,
      });
      assert.equal(withEarlier.cost?.priced, 1);
      assert.equal(withEarlier.cost?.unpriced, 4);
      assert.equal(monthCostLine(computeMonth('2020-07', l, NOW)), undefined, 'not priced yet: no line');
    });
  });

  describe('summary', () => {
    it('counts each state and lists the next days to launch in date order', () => {
      const l = listings({
        ...dailyKeys('2020-07-01', '2020-07-02', '2020-07-03', '2020-07-04'),
        runs: [run('2020-07-03', { state: 'running', launchTime: NOW - 65 * MINUTE })],
        outputs: [zip('2020-07-04')],
      });
      const { days } = computeMonth('2020-07', l, NOW);
      const counts = summarize(days);
      assert.equal(counts.ready, 2);
      assert.equal(counts.running, 1);
      assert.equal(counts.earlierOutput, 1);
      assert.equal(counts.missingInputs, 16); // 5..20 July
      assert.equal(counts.future, 11); // 21..31 July
      assert.equal(
        summaryLine(days),
        '2 ready to launch, 1 running, 16 missing inputs, 1 with an earlier output, 11 in the future',
      );
      assert.equal(nextLine(days), 'Next to launch: 2020-07-01, 2020-07-02');
      assert.equal(formatElapsed(65 * MINUTE), '1 h 5 min');
    });
  });

  describe('in Spanish', () => {
    inLanguage('es');

    it('formats sizes and states for the language', () => {
      const l = listings({
        ...dailyKeys('2020-07-01'),
        outputs: [zip('2020-07-01', 3_200_000)],
        runs: [run('2020-07-01', { status: 'succeeded' })],
      });
      assert.equal(cellText(day('2020-07', l, '2020-07-01')), 'OK 3,2 MB');
      assert.equal(cellText(day('2020-07', listings(dailyKeys('2020-07-02')), '2020-07-02')), 'listo');
    });
  });
});
