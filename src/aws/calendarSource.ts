// Gathers what the Run calendar needs for one month in one round: the pre-flight's listings for the month's
// dates (each daily bucket listed once with the month as prefix, since keys start with the date; the PO and
// service-detail buckets; the PO zips the month uses), the output bucket listed with the month as prefix
// (sizes come from the listing), our instances with their tags, and the days running batches hold (when a
// source of them is given). Nothing here is per day.
import type { BatchDay } from '../core/batchView';
import { computeMonth, type CalendarRun, type MonthCalendar, type MonthListings } from '../core/calendar';
import type { AdatrapConfig } from '../core/config';
import { monthDates } from '../core/dates';
import { parseDailyKey } from '../core/inputs';
import { actionError, bucketError } from './awsErrors';
import { gatherListings } from './preflight';
import type { RunInfo, Runs } from './runs';
import type { Storage } from './storage';

/** Keys looked at for the first daily file: one ListObjectsV2 page. */
const FIRST_INPUT_SCAN = 1000;

/** The days running batches hold (src/aws/runningBatches.ts, or the extension's Batches model). */
type BatchDaySource = (month: string) => Promise<readonly BatchDay[]>;

/** A month as the calendar shows it, and the instances it was computed from (what its costs are priced from). */
interface MonthRead {
  calendar: MonthCalendar;
  runs: RunInfo[];
}

export class CalendarSource {
  constructor(
    private readonly storage: Storage,
    private readonly runs: Pick<Runs, 'list'>,
    private readonly config: AdatrapConfig,
    private readonly batchDays?: BatchDaySource,
  ) {}

  async listings(month: string): Promise<MonthListings> {
    return (await this.gather(month)).listings;
  }

  private async gather(month: string): Promise<{ listings: MonthListings; runs: RunInfo[] }> {
    const [preflight, outputs, runs, batches] = await Promise.all([
      gatherListings(this.storage, this.config, monthDates(month)),
      this.listOutputs(month),
      this.listRuns(),
      this.batchDays?.(month),
    ]);
    const listings: MonthListings = {
      ...preflight,
      outputs,
      runs: runs.flatMap(toCalendarRun),
      ...(batches ? { batches } : {}),
    };
    return { listings, runs };
  }

  /**
   * The first day with a GPS file (daily keys sort by date, so it is among the first keys listed): where the
   * calendar opens before any run. Reads one page at most; undefined when the first page holds no daily key.
   */
  async firstInputDate(): Promise<string | undefined> {
    const bucket = this.config.gpsBucket;
    let seen = 0;
    try {
      for await (const o of this.storage.list(bucket)) {
        const daily = parseDailyKey(o.key);
        if (daily) return daily.date;
        if (++seen >= FIRST_INPUT_SCAN) return undefined;
      }
    } catch (e) {
      throw bucketError(e, bucket, 'GPS_BUCKET_NAME');
    }
    return undefined;
  }

  async month(month: string, now: number = Date.now()): Promise<MonthCalendar> {
    return (await this.read(month, now)).calendar;
  }

  async read(month: string, now: number = Date.now()): Promise<MonthRead> {
    const { listings, runs } = await this.gather(month);
    return { calendar: computeMonth(month, listings, now), runs };
  }

  /**
   * The instance that wrote a day's output, from `D.manifest.json`: read only when asked (opening the logs of a
   * day whose machine EC2 no longer lists), never while building the month.
   */
  async manifestInstanceId(date: string): Promise<string | undefined> {
    let text: string;
    try {
      text = (await this.storage.getBytes(this.config.outputBucket, `${date}.manifest.json`)).toString('utf8');
    } catch (e) {
      throw bucketError(e, this.config.outputBucket, 'OUTPUT_DATA_BUCKET_NAME');
    }
    return instanceIdOf(text);
  }

  private async listOutputs(month: string): Promise<MonthListings['outputs']> {
    try {
      const objects = await this.storage.listAll(this.config.outputBucket, month);
      return objects.map((o) => ({ key: o.key, size: o.size, lastModified: o.lastModified?.getTime() ?? 0 }));
    } catch (e) {
      throw bucketError(e, this.config.outputBucket, 'OUTPUT_DATA_BUCKET_NAME');
    }
  }

  private async listRuns(): Promise<RunInfo[]> {
    try {
      return await this.runs.list();
    } catch (e) {
      throw actionError(e, 'DescribeInstances');
    }
  }
}

/** A manifest written by another tool or damaged is simply not an answer. */
export function instanceIdOf(manifestText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(manifestText);
    const id =
      typeof parsed === 'object' && parsed !== null ? (parsed as { instanceId?: unknown }).instanceId : undefined;
    return typeof id === 'string' && /^i-[0-9a-z]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Instances without our date tag are not runs of a day. */
export function toCalendarRun(run: RunInfo): CalendarRun[] {
  if (!run.date) return [];
  return [
    {
      instanceId: run.instanceId,
      date: run.date,
      state: run.state,
      launchTime: run.launchTime?.getTime() ?? 0,
      ...(run.status !== undefined ? { status: run.status } : {}),
    },
  ];
}
