import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { setLanguage } from '../../../src/core/i18n';
import {
  leftoverPlaceholders,
  outputPaths,
  parFiles,
  parValuesFor,
  renderPar,
  requiredInputs,
  requiredPoFiles,
  templateProblems,
} from '../../../src/core/par';
import { sharedFixture } from '../../helpers/shared';

// Our own small template in the same format: values, tabs, `* comment`, numbers and titles mixed in.
const SMALL = [
  'Titulo de prueba',
  '----------',
  'ADATRAP/{date}/{date}.etapas\t\t\t* tabla de etapas',
  'ADATRAP/{date}/{date}.viajes\t\t* tabla de viajes {date}',
  'ADATRAP/{date}/kmls/',
  '{date}\t\t\t* fecha',
  '1\t\t\t* formato',
  'tmp/{date}.gps\t\t* INPUT gps',
  '4\t3\t\t* tiempo del GPS {date}',
  '200.0\t\t* distancia',
  '{po_path}/Paraderos/Paradas_PO{po_date}.csv \t\t* paraderos (note the space before the tab)',
  '{po_path}/top_PO{po_date}.dbg',
  '{service_detail_file}\t* zonas pagas',
  'tmp/{date}.trx\t* transacciones',
  '{po_path}/Paraderos/Paradas_PO{po_date}.csv\t* the same file again',
  '{po_path}/Indicadores/',
  'T201 00I',
  '',
].join('\r\n');

const VALUES = {
  date: '2020-06-29',
  poPath: 'tmp/2020-06-27',
  poDate: '20200627',
  serviceDetailFile: 'tmp/Diccionario-DetalleServicioZP_20200627_20200731.csv',
};

describe('core/par', () => {
  before(() => setLanguage('en'));

  describe('on a small template of our own', () => {
    it('replaces the four placeholders everywhere, comments included', () => {
      const rendered = renderPar(SMALL, VALUES);
      assert.deepEqual(leftoverPlaceholders(rendered), []);
      assert.ok(rendered.includes('ADATRAP/2020-06-29/2020-06-29.viajes\t\t* tabla de viajes 2020-06-29'));
      assert.ok(rendered.includes('tmp/2020-06-27/top_PO20200627.dbg'));
      assert.ok(rendered.includes('4\t3\t\t* tiempo del GPS 2020-06-29'));
      assert.equal(rendered.split('\r\n').length, SMALL.split('\r\n').length, 'line structure and CRLF kept');
    });

    it('reads a template saved with a BOM whose first line is a path', () => {
      assert.deepEqual(requiredInputs('\uFEFFtmp/{date}.gps\t* gps'.replace('{date}', '2020-06-29')), [
        'tmp/2020-06-29.gps',
      ]);
    });

    it('accepts the PO date in ISO form too', () => {
      assert.equal(renderPar('{po_date}', { ...VALUES, poDate: '2020-06-27' }), '20200627');
    });

    it('lists every input file the rendered template reads, once, in order', () => {
      assert.deepEqual(requiredInputs(renderPar(SMALL, VALUES)), [
        'tmp/2020-06-29.gps',
        'tmp/2020-06-27/Paraderos/Paradas_PO20200627.csv',
        'tmp/2020-06-27/top_PO20200627.dbg',
        'tmp/Diccionario-DetalleServicioZP_20200627_20200731.csv',
        'tmp/2020-06-29.trx',
      ]);
    });

    it('lists outputs under ADATRAP/ and other folders apart', () => {
      const files = parFiles(renderPar(SMALL, VALUES));
      assert.deepEqual(files.outputs, ['ADATRAP/2020-06-29/2020-06-29.etapas', 'ADATRAP/2020-06-29/2020-06-29.viajes']);
      assert.deepEqual(files.outputFolders, ['ADATRAP/2020-06-29/kmls/']);
      assert.deepEqual(files.otherFolders, ['tmp/2020-06-27/Indicadores/']);
      assert.deepEqual(outputPaths(renderPar(SMALL, VALUES)).folders, ['ADATRAP/2020-06-29/kmls/']);
    });

    it('lists the PO files relative to the PO folder', () => {
      assert.deepEqual(requiredPoFiles(SMALL, '20200627'), ['Paraderos/Paradas_PO20200627.csv', 'top_PO20200627.dbg']);
      assert.deepEqual(requiredPoFiles(SMALL, '2019-07-01'), [
        'Paraderos/Paradas_PO20190701.csv',
        'top_PO20190701.dbg',
      ]);
    });

    it("uses the agent's layout for a run", () => {
      const values = parValuesFor(
        '2020-06-29',
        { key: '2020-06-27.po.zip', date: '2020-06-27' },
        { key: 'Diccionario-DetalleServicioZP_20200627_20200731.csv.gz', from: '2020-06-27', to: '2020-07-31' },
      );
      assert.deepEqual(values, VALUES);
    });

    it('flags unknown placeholders and templates that need no PO file', () => {
      assert.deepEqual(templateProblems('pvmtsc_v9.par', SMALL), []);
      const problems = templateProblems('pvmtsc_v9.par', 'tmp/{date}.gps\n{unknown}/x.csv\n');
      assert.equal(problems.length, 2);
      assert.match(problems[0], /pvmtsc_v9\.par still has \{unknown\}/);
      assert.match(problems[1], /pvmtsc_v9\.par names no file under the PO folder/);
    });
  });

  describe('on the real template ../shared/fixtures/pvmtsc_v0.2.par (read in place)', () => {
    let template = '';
    before(function () {
      template = fs.readFileSync(sharedFixture(this, 'fixtures', 'pvmtsc_v0.2.par'), 'utf8');
    });

    it('reads the three daily inputs, the service detail and every PO file', () => {
      const inputs = requiredInputs(renderPar(template, VALUES));
      const po = requiredPoFiles(template, VALUES.poDate);
      assert.deepEqual(
        [...inputs].sort(),
        [
          'tmp/2020-06-29.gps',
          'tmp/2020-06-29.196',
          'tmp/2020-06-29.trx',
          VALUES.serviceDetailFile,
          ...po.map((f) => `tmp/2020-06-27/${f}`),
        ].sort(),
      );
    });

    it('needs 27 PO files, among them the stop consolidation and the day-type calendar', () => {
      const po = requiredPoFiles(template, '20200627');
      assert.equal(po.length, 27);
      assert.ok(po.includes('Paraderos/ConsolidadoParadas_PO20200627.csv'));
      assert.ok(po.includes('Diccionario/Diccionario_Tipo_dia_PO20200627.csv'));
      assert.ok(po.includes('secuencia_paradas_full_PO20200627.dbg'));
      assert.ok(po.includes('Metro/Lineas_PO20200627.txt'));
      assert.ok(
        po.every((f) => !/\s/.test(f) && f.includes('PO20200627')),
        'trailing blanks trimmed, date filled',
      );
    });

    it('writes the 19 tables of SYSTEM.md and the kmls, reportes and debug folders under ADATRAP/D/', () => {
      const { files, folders } = outputPaths(renderPar(template, VALUES));
      const extensions =
        'subidas servicios profile perfilesag expediciones stop zonas buses tarjetas headways etapas viajes actividades indicadores general odbyroute stoptime bip podata'.split(
          ' ',
        );
      assert.deepEqual(
        files,
        extensions.map((ext) => `ADATRAP/2020-06-29/2020-06-29.${ext}`),
      );
      assert.deepEqual(folders, [
        'ADATRAP/2020-06-29/',
        'ADATRAP/2020-06-29/kmls/',
        'ADATRAP/2020-06-29/reportes/',
        'ADATRAP/2020-06-29/debug/',
      ]);
    });

    it('renders completely and raises no template problem', () => {
      assert.deepEqual(leftoverPlaceholders(renderPar(template, VALUES)), []);
      assert.deepEqual(templateProblems('pvmtsc_v0.2.par', template), []);
    });
  });
});
