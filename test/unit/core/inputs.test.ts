import * as assert from 'node:assert/strict';
import {
  dailyInputKeys,
  datesWithDailyFile,
  executableKeys,
  listPoFiles,
  listServiceDetailFiles,
  parseDailyKey,
  parsePoKey,
  parseServiceDetailKey,
  selectPo,
  selectServiceDetail,
} from '../../../src/core/inputs';

const PO_KEYS = ['2019-03-01', '2019-04-01', '2019-07-01', '2019-10-12', '2020-03-02', '2020-06-27'].map(
  (d) => `${d}.po.zip`,
);
const DETAIL_KEYS = [
  'Diccionario-DetalleServicioZP_20200627_20200731.csv.gz',
  'Diccionario-DetalleServicioZP_20200801_20200815.csv.gz',
];
// Keys a real bucket accumulates: none may be picked, and none may crash the selection.
const NOISE = [
  '',
  'README.txt',
  'old/2020-06-28.po.zip',
  '2020-06-28.po.zip.bak',
  '2020-02-30.po.zip',
  '20-6-28.po.zip',
  '2020-06-28.PO.ZIP',
  'Diccionario-DetalleServicioZP_20200731_20200627.csv.gz',
  'Diccionario-DetalleServicioZP_20200230_20200731.csv.gz',
  'Diccionario-DetalleServicioZP_2020062_20200731.csv.gz',
  'Diccionario-DetalleServicioZP_20200627_20200731.csv',
  'copy of Diccionario-DetalleServicioZP_20200627_20200731.csv.gz',
  '2020-06-29.gps.gz',
];

/** Deterministic shuffles (a seeded LCG), so a failure can be replayed. */
function shuffles<T>(items: readonly T[], count: number): T[][] {
  const out: T[][] = [[...items], [...items].reverse()];
  let seed = 42;
  for (let n = 0; n < count; n++) {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    out.push(copy);
  }
  return out;
}

describe('core/inputs', () => {
  it('names the three daily files exactly', () => {
    assert.deepEqual(dailyInputKeys('2020-06-29'), {
      gps: '2020-06-29.gps.gz',
      file196: '2020-06-29.196.gz',
      transactions: '2020-06-29.trx.gz',
    });
  });

  describe('service dictionary (PO): the latest date not after D', () => {
    const reference: [string, string | undefined][] = [
      ['2019-01-01', undefined],
      ['2019-03-01', '2019-03-01'],
      ['2019-09-03', '2019-07-01'],
      ['2020-06-27', '2020-06-27'],
      ['2020-08-27', '2020-06-27'],
      // Around the boundaries, too.
      ['2019-02-28', undefined],
      ['2019-06-30', '2019-04-01'],
      ['2020-06-26', '2020-03-02'],
    ];
    for (const [date, expected] of reference) {
      it(`${date} -> ${expected ?? 'none'}, whatever the listing order, with noise`, () => {
        for (const keys of shuffles([...PO_KEYS, ...NOISE], 12)) {
          const po = selectPo(keys, date);
          assert.equal(po?.date, expected, `order: ${keys.join(' ')}`);
          if (expected) assert.equal(po?.key, `${expected}.po.zip`);
        }
      });
    }

    it('returns none for an empty bucket or a bucket of noise', () => {
      assert.equal(selectPo([], '2020-06-29'), undefined);
      assert.equal(selectPo(NOISE, '2020-06-29'), undefined);
    });

    it('accepts any iterable, e.g. a Set', () => {
      assert.equal(selectPo(new Set(PO_KEYS), '2019-09-03')?.date, '2019-07-01');
    });
  });

  describe('service detail: the inclusive range that holds D, latest start on overlap', () => {
    const reference: [string, string | undefined][] = [
      ['2020-01-01', undefined],
      ['2020-06-27', DETAIL_KEYS[0]],
      ['2020-06-30', DETAIL_KEYS[0]],
      ['2020-07-31', DETAIL_KEYS[0]],
      ['2020-08-27', undefined],
      ['2020-08-01', DETAIL_KEYS[1]],
      ['2020-08-15', DETAIL_KEYS[1]],
      ['2020-06-26', undefined],
    ];
    for (const [date, expected] of reference) {
      it(`${date} -> ${expected ?? 'none'}, whatever the listing order, with noise`, () => {
        for (const keys of shuffles([...DETAIL_KEYS, ...NOISE], 12)) {
          assert.equal(selectServiceDetail(keys, date)?.key, expected, `order: ${keys.join(' ')}`);
        }
      });
    }

    it('prefers the latest start when ranges overlap', () => {
      const overlapping = [
        'Diccionario-DetalleServicioZP_20200601_20201231.csv.gz',
        'Diccionario-DetalleServicioZP_20200701_20200731.csv.gz',
        'Diccionario-DetalleServicioZP_20200615_20200930.csv.gz',
      ];
      for (const keys of shuffles(overlapping, 8)) {
        assert.equal(selectServiceDetail(keys, '2020-07-15')?.key, overlapping[1]);
        assert.equal(selectServiceDetail(keys, '2020-08-15')?.key, overlapping[2]);
        assert.equal(selectServiceDetail(keys, '2020-06-10')?.key, overlapping[0]);
        assert.equal(selectServiceDetail(keys, '2020-12-31')?.key, overlapping[0]);
      }
    });

    it('ignores a range whose end is before its start', () => {
      assert.equal(
        selectServiceDetail(['Diccionario-DetalleServicioZP_20200731_20200627.csv.gz'], '2020-07-01'),
        undefined,
      );
      assert.equal(parseServiceDetailKey('Diccionario-DetalleServicioZP_20200731_20200627.csv.gz'), undefined);
    });

    it('accepts a one-day range', () => {
      assert.equal(
        selectServiceDetail(['Diccionario-DetalleServicioZP_20200704_20200704.csv.gz'], '2020-07-04')?.from,
        '2020-07-04',
      );
    });
  });

  describe('key parsers', () => {
    it('parses daily keys for month views', () => {
      assert.deepEqual(parseDailyKey('2020-06-29.gps.gz'), { date: '2020-06-29', kind: 'gps' });
      assert.deepEqual(parseDailyKey('2020-06-29.196.gz'), { date: '2020-06-29', kind: 'file196' });
      assert.deepEqual(parseDailyKey('2020-06-29.trx.gz'), { date: '2020-06-29', kind: 'transactions' });
      for (const bad of [
        '2020-06-31.gps.gz',
        '2020-06-29.gps',
        'x2020-06-29.gps.gz',
        '2020-06-29.gps.gz.tmp',
        '2020-06-29.csv.gz',
        '',
      ]) {
        assert.equal(parseDailyKey(bad), undefined, bad);
      }
    });

    it('collects the dates of one kind of daily file', () => {
      const keys = ['2020-06-29.gps.gz', '2020-06-30.gps.gz', '2020-06-30.trx.gz', 'junk', '2020-02-30.gps.gz'];
      assert.deepEqual([...datesWithDailyFile(keys, 'gps')].sort(), ['2020-06-29', '2020-06-30']);
      assert.deepEqual([...datesWithDailyFile(keys, 'transactions')], ['2020-06-30']);
    });

    it('parses PO and service-detail keys', () => {
      assert.deepEqual(parsePoKey('2020-06-27.po.zip'), { key: '2020-06-27.po.zip', date: '2020-06-27' });
      assert.equal(parsePoKey('2020-02-30.po.zip'), undefined);
      assert.deepEqual(parseServiceDetailKey(DETAIL_KEYS[0]), {
        key: DETAIL_KEYS[0],
        from: '2020-06-27',
        to: '2020-07-31',
      });
    });

    it('sorts listings for display', () => {
      assert.deepEqual(
        listPoFiles([...PO_KEYS].reverse().concat(NOISE)).map((p) => p.date),
        PO_KEYS.map((k) => k.slice(0, 10)),
      );
      assert.deepEqual(
        listServiceDetailFiles([...DETAIL_KEYS].reverse().concat(NOISE)).map((f) => f.key),
        DETAIL_KEYS,
      );
    });

    it('names the executable and its template after the version', () => {
      assert.deepEqual(executableKeys('0.2'), { exe: 'pvmtsc_v0.2.exe', par: 'pvmtsc_v0.2.par' });
    });
  });
});
