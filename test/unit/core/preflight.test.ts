import * as assert from 'node:assert/strict';
import { setLanguage } from '../../../src/core/i18n';
import { assessDate, assessRange, poKeysNeeded, type PreflightListings } from '../../../src/core/preflight';
import { preflightListings } from '../../helpers/listings';

const TEMPLATE = [
  'tmp/{date}.gps\t* gps',
  'tmp/{date}.196\t* 1.96',
  'tmp/{date}.trx\t* trx',
  '{service_detail_file}\t* zonas pagas',
  '{po_path}/Paraderos/Paradas_PO{po_date}.csv\t* paraderos',
  '{po_path}/Diccionario/Servicios_PO{po_date}.csv\t* servicios',
  '{po_path}/osm_PO{po_date}.csv\t* posiciones',
  'ADATRAP/{date}/{date}.etapas\t* etapas',
].join('\n');

const GOOD_ZIP = [
  '2020-06-27/',
  '2020-06-27/Paraderos/',
  '2020-06-27/Paraderos/Paradas_PO20200627.csv.gz',
  '2020-06-27/Diccionario/Servicios_PO20200627.csv.gz',
  '2020-06-27/osm_PO20200627.csv.gz',
];

function listings(overrides: Partial<PreflightListings> = {}): PreflightListings {
  return preflightListings({
    gpsKeys: ['2020-06-29.gps.gz', '2020-06-30.gps.gz', 'notes.txt'],
    file196Keys: ['2020-06-29.196.gz', '2020-06-30.196.gz'],
    transactionKeys: ['2020-06-29.trx.gz', '2020-06-30.trx.gz'],
    poKeys: ['2019-07-01.po.zip', '2020-06-27.po.zip', 'broken name.zip'],
    serviceDetailKeys: ['Diccionario-DetalleServicioZP_20200627_20200731.csv.gz'],
    executableKeys: ['pvmtsc_v0.2.exe', 'pvmtsc_v0.2.par', 'pvmtsc_v0.1.exe'],
    poZips: { '2020-06-27.po.zip': { entries: GOOD_ZIP } },
    parTemplate: TEMPLATE,
    ...overrides,
  });
}

function kinds(result: { problems: { kind: string }[] }): string[] {
  return result.problems.map((p) => p.kind);
}

describe('core/preflight', () => {
  before(() => setLanguage('en'));

  it('finds a complete date ready, with the PO and service detail it will use', () => {
    const result = assessDate('2020-06-29', listings());
    assert.deepEqual(result.problems, []);
    assert.equal(result.ready, true);
    assert.equal(result.po?.key, '2020-06-27.po.zip');
    assert.equal(result.serviceDetail?.key, 'Diccionario-DetalleServicioZP_20200627_20200731.csv.gz');
    assert.equal(result.daily.gps, '2020-06-29.gps.gz');
  });

  it('names each missing daily file and its bucket', () => {
    const result = assessDate('2020-07-01', listings());
    assert.equal(result.ready, false);
    assert.deepEqual(
      result.problems.map((p) => [p.kind, p.bucket, p.key]),
      [
        ['missingDaily', 'b-gps', '2020-07-01.gps.gz'],
        ['missingDaily', 'b-196', '2020-07-01.196.gz'],
        ['missingDaily', 'b-trx', '2020-07-01.trx.gz'],
      ],
    );
    assert.match(
      result.problems[0].message,
      /^2020-07-01\.gps\.gz is missing from bucket b-gps \(GPS of that day\)\.$/,
    );
  });

  it('does not take a key that merely contains the date', () => {
    const result = assessDate('2020-06-29', listings({ gpsKeys: ['2020-06-29.gps.gz.part', 'x2020-06-29.gps.gz'] }));
    assert.deepEqual(kinds(result), ['missingDaily']);
  });

  it('says when no PO or service detail applies', () => {
    const result = assessDate(
      '2019-01-01',
      listings({
        gpsKeys: ['2019-01-01.gps.gz'],
        file196Keys: ['2019-01-01.196.gz'],
        transactionKeys: ['2019-01-01.trx.gz'],
      }),
    );
    assert.deepEqual(kinds(result), ['noPo', 'noServiceDetail']);
    assert.match(result.problems[0].message, /No service dictionary applies to 2019-01-01: bucket b-po/);
    assert.match(result.problems[1].message, /No service detail covers 2019-01-01: bucket b-detail/);
    assert.deepEqual(kinds(assessDate('2020-06-29', listings({ poKeys: [], serviceDetailKeys: ['junk'] }))), [
      'noPo',
      'noServiceDetail',
    ]);
  });

  it('checks the executable and the template of the configured version', () => {
    const result = assessDate('2020-06-29', listings({ executableKeys: ['pvmtsc_v0.1.exe', 'pvmtsc_v0.1.par'] }));
    assert.deepEqual(
      result.problems.map((p) => [p.kind, p.bucket, p.key]),
      [
        ['missingExecutable', 'b-exe', 'pvmtsc_v0.2.exe'],
        ['missingPar', 'b-exe', 'pvmtsc_v0.2.par'],
      ],
    );
    assert.equal(assessDate('2020-06-29', listings({ parTemplate: undefined })).problems[0].kind, 'missingPar');
  });

  it('names the PO files the template needs that the zip lacks', () => {
    const zip = GOOD_ZIP.filter((e) => !e.includes('Servicios') && !e.includes('osm'));
    const result = assessDate('2020-06-29', listings({ poZips: { '2020-06-27.po.zip': { entries: zip } } }));
    assert.deepEqual(kinds(result), ['poMissingFiles']);
    const problem = result.problems[0];
    assert.equal(problem.bucket, 'b-po');
    assert.deepEqual(problem.missingEntries, [
      '2020-06-27/Diccionario/Servicios_PO20200627.csv.gz',
      '2020-06-27/osm_PO20200627.csv.gz',
    ]);
    assert.match(
      problem.message,
      /2020-06-27\.po\.zip in bucket b-po lacks 2 file\(s\).*Servicios_PO20200627\.csv\.gz/,
    );
  });

  it('wants the PO files gzipped', () => {
    const zip = GOOD_ZIP.map((e) => e.replace(/\.gz$/, ''));
    assert.deepEqual(kinds(assessDate('2020-06-29', listings({ poZips: { '2020-06-27.po.zip': { entries: zip } } }))), [
      'poMissingFiles',
    ]);
  });

  it('accepts a .GZ suffix in any case, as the agent does', () => {
    const zip = GOOD_ZIP.map((e) => e.replace(/\.gz$/, '.GZ'));
    assert.equal(assessDate('2020-06-29', listings({ poZips: { '2020-06-27.po.zip': { entries: zip } } })).ready, true);
  });

  it('refuses backslashes in zip entry names, which the agent cannot unpack', () => {
    const zip = GOOD_ZIP.map((e) => e.replace(/\//g, '\\'));
    const result = assessDate('2020-06-29', listings({ poZips: { '2020-06-27.po.zip': { entries: zip } } }));
    assert.deepEqual(kinds(result), ['poBadEntryNames']);
    assert.match(result.problems[0].message, /2020-06-27\.po\.zip in bucket b-po names its entries with backslashes/);
  });

  it('refuses anything beside the top folder', () => {
    const result = assessDate(
      '2020-06-29',
      listings({ poZips: { '2020-06-27.po.zip': { entries: [...GOOD_ZIP, '__MACOSX/', '__MACOSX/._osm.csv.gz'] } } }),
    );
    assert.deepEqual(kinds(result), ['poNoTopFolder']);
    assert.match(result.problems[0].message, /exactly one top folder, 2020-06-27\/.*found: 2020-06-27, __MACOSX/);
  });

  it('refuses a zip without its top folder, and an unreadable zip', () => {
    const flat = GOOD_ZIP.map((e) => e.replace('2020-06-27/', ''));
    const noTop = assessDate('2020-06-29', listings({ poZips: { '2020-06-27.po.zip': { entries: flat } } }));
    assert.deepEqual(kinds(noTop), ['poNoTopFolder']);
    assert.match(noTop.problems[0].message, /must hold exactly one top folder, 2020-06-27\//);
    const corrupt = assessDate(
      '2020-06-29',
      listings({ poZips: { '2020-06-27.po.zip': { error: 'end of central directory not found' } } }),
    );
    assert.deepEqual(kinds(corrupt), ['poUnreadable']);
    assert.match(
      corrupt.problems[0].message,
      /2020-06-27\.po\.zip in bucket b-po cannot be read as a zip: end of central directory not found/,
    );
  });

  it('checks each date against its own PO', () => {
    const l = listings({
      gpsKeys: ['2019-09-03.gps.gz', '2020-06-29.gps.gz'],
      file196Keys: ['2019-09-03.196.gz', '2020-06-29.196.gz'],
      transactionKeys: ['2019-09-03.trx.gz', '2020-06-29.trx.gz'],
      serviceDetailKeys: ['Diccionario-DetalleServicioZP_20190901_20200731.csv.gz'],
      poZips: {
        '2020-06-27.po.zip': { entries: GOOD_ZIP },
        '2019-07-01.po.zip': { entries: ['2019-07-01/osm_PO20190701.csv.gz'] },
      },
    });
    assert.deepEqual(poKeysNeeded(['2019-09-03', '2020-06-29', '2020-06-30'], l.poKeys), [
      '2019-07-01.po.zip',
      '2020-06-27.po.zip',
    ]);
    const [old, recent] = assessRange(['2019-09-03', '2020-06-29'], l);
    assert.equal(recent.ready, true);
    assert.deepEqual(old.problems[0].missingEntries, [
      '2019-07-01/Paraderos/Paradas_PO20190701.csv.gz',
      '2019-07-01/Diccionario/Servicios_PO20190701.csv.gz',
    ]);
  });

  it('assesses an inclusive range in order', () => {
    const results = assessRange({ from: '2020-06-29', to: '2020-07-01' }, listings());
    assert.deepEqual(
      results.map((r) => [r.date, r.ready]),
      [
        ['2020-06-29', true],
        ['2020-06-30', true],
        ['2020-07-01', false],
      ],
    );
  });

  it('does not crash on empty buckets', () => {
    const empty = listings({
      gpsKeys: [],
      file196Keys: [],
      transactionKeys: [],
      poKeys: [],
      serviceDetailKeys: [],
      executableKeys: [],
      poZips: {},
      parTemplate: undefined,
    });
    assert.deepEqual(kinds(assessDate('2020-06-29', empty)), [
      'missingDaily',
      'missingDaily',
      'missingDaily',
      'noPo',
      'noServiceDetail',
      'missingExecutable',
      'missingPar',
    ]);
  });
});
