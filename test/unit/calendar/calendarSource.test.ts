// The month gatherer: one listing per bucket for the whole month, never a call per day; manifests only on demand.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { CalendarSource, instanceIdOf, toCalendarRun } from '../../../src/aws/calendarSource';
import type { RunInfo } from '../../../src/aws/runs';
import type { ObjectInfo, Storage } from '../../../src/aws/storage';
import type { AdatrapConfig } from '../../../src/core/config';

const config = {
  gpsBucket: 'gps',
  file196Bucket: 'f196',
  transactionBucket: 'trx',
  opProgramBucket: 'po',
  serviceDetailBucket: 'sd',
  executablesBucket: 'exe',
  executableVersion: '0.2',
  outputBucket: 'out',
} as AdatrapConfig;

const PAR = '{po_path}/Diccionario/Servicios_PO{po_date}.csv\t* servicios\n';

/** Buckets as plain key -> body maps; every call is recorded. */
class FakeStorage implements Storage {
  readonly calls: string[] = [];
  constructor(private readonly buckets: Record<string, Record<string, string>>) {}

  async *list(bucket: string, prefix = ''): AsyncIterable<ObjectInfo> {
    for (const o of await this.listAll(bucket, prefix)) yield o;
  }
  async listAll(bucket: string, prefix = ''): Promise<ObjectInfo[]> {
    this.calls.push(`list ${bucket} ${prefix}`);
    return Object.entries(this.buckets[bucket] ?? {})
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, body]) => ({ key, size: body.length, lastModified: new Date('2020-07-02T10:00:00Z') }));
  }
  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    this.calls.push(`head ${bucket} ${key}`);
    const body = this.buckets[bucket]?.[key];
    return body === undefined ? undefined : { key, size: body.length };
  }
  async getBytes(bucket: string, key: string): Promise<Buffer> {
    this.calls.push(`get ${bucket} ${key}`);
    const body = this.buckets[bucket]?.[key];
    if (body === undefined) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    return Buffer.from(body);
  }
  async getStream(bucket: string, key: string): Promise<Readable> {
    return Readable.from(await this.getBytes(bucket, key));
  }
  async upload(): Promise<void> {
    throw new Error('not used');
  }
  async copy(): Promise<void> {
    throw new Error('not used');
  }
  async delete(): Promise<void> {
    throw new Error('not used');
  }
  async probeBucket(): Promise<{ exists: boolean; readable: boolean }> {
    throw new Error('not used');
  }
}

function storage(): FakeStorage {
  return new FakeStorage({
    gps: { '2020-07-01.gps.gz': 'x', '2020-07-02.gps.gz': 'x', '2020-06-30.gps.gz': 'x' },
    f196: { '2020-07-01.196.gz': 'x', '2020-07-02.196.gz': 'x' },
    trx: { '2020-07-01.trx.gz': 'x' },
    po: {},
    sd: { 'Diccionario-DetalleServicioZP_20200601_20200731.csv.gz': 'x' },
    exe: { 'pvmtsc_v0.2.exe': 'x', 'pvmtsc_v0.2.par': PAR },
    out: {
      '2020-07-01.zip': 'zipzip',
      '2020-07-01.manifest.json': JSON.stringify({ schema: 1, date: '2020-07-01', instanceId: 'i-0abc123' }),
      'history/2020-07-01.zip': 'old',
    },
  });
}

describe('calendar source (one pass per month)', () => {
  it('lists each bucket once for the whole month, reads the .par template once and no manifest', async () => {
    const s = storage();
    const runs: RunInfo[] = [
      {
        instanceId: 'i-1',
        date: '2020-07-02',
        state: 'running',
        launchTime: new Date('2020-07-20T15:50:00Z'),
        status: 'running',
      },
      { instanceId: 'i-2', state: 'running' },
    ];
    const source = new CalendarSource(s, { list: async () => runs }, config);
    const calendar = await source.month('2020-07', Date.parse('2020-07-20T16:00:00Z'));
    assert.deepEqual(
      [...s.calls].sort(),
      [
        'get exe pvmtsc_v0.2.par',
        'list exe pvmtsc_v0.2.',
        'list f196 2020-07-',
        'list gps 2020-07-',
        'list out 2020-07',
        'list po ',
        'list sd ',
        'list trx 2020-07-',
      ].sort(),
    );
    const byDate = new Map(calendar.days.map((d) => [d.date, d]));
    assert.equal(byDate.get('2020-07-01')?.kind, 'earlierOutput');
    assert.deepEqual(
      byDate.get('2020-07-01')?.output && {
        size: byDate.get('2020-07-01')?.output?.size,
        manifest: byDate.get('2020-07-01')?.output?.hasManifest,
      },
      { size: 6, manifest: true },
    );
    assert.equal(byDate.get('2020-07-03')?.kind, 'notProcessable', 'no PO applies');
    assert.equal(byDate.get('2020-07-02')?.kind, 'running');
  });

  it('reads a day manifest only when asked, for the machine that wrote the output', async () => {
    const s = storage();
    const source = new CalendarSource(s, { list: async () => [] }, config);
    assert.equal(await source.manifestInstanceId('2020-07-01'), 'i-0abc123');
    assert.deepEqual(s.calls, ['get out 2020-07-01.manifest.json']);
  });

  it('takes no instance id from a manifest that lacks one or is not JSON', () => {
    assert.equal(instanceIdOf('{"instanceId":"i-0abc"}'), 'i-0abc');
    assert.equal(instanceIdOf('{"instanceId":42}'), undefined);
    assert.equal(instanceIdOf('{"instanceId":"; rm -rf /"}'), undefined);
    assert.equal(instanceIdOf('not json'), undefined);
  });

  it('keeps only instances tagged with a date', () => {
    assert.deepEqual(toCalendarRun({ instanceId: 'i-2', state: 'running' }), []);
    assert.deepEqual(
      toCalendarRun({
        instanceId: 'i-1',
        date: '2020-07-02',
        state: 'terminated',
        launchTime: new Date(5),
        status: 'succeeded',
      }),
      [{ instanceId: 'i-1', date: '2020-07-02', state: 'terminated', launchTime: 5, status: 'succeeded' }],
    );
  });
});
