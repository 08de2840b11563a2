// "Check inputs for a date" as a checklist: found items green, every pre-flight problem red with its message.
import * as assert from 'node:assert/strict';
import { setLanguage } from '../../../src/core/i18n';
import type { DateReadiness } from '../../../src/core/preflight';
import { inputsReport } from '../../../src/vscode/configEditor/inputsCheck';

const buckets = { gps: 'b-gps', file196: 'b-196', transactions: 'b-trx', po: 'b-po', serviceDetail: 'b-sd' };
const daily = { gps: '2020-06-29.gps.gz', file196: '2020-06-29.196.gz', transactions: '2020-06-29.trx.gz' };

describe('inputs checklist', () => {
  before(() => setLanguage('en'));

  it('lists what was found, with the chosen dictionary and service detail', () => {
    const ready: DateReadiness = {
      date: '2020-06-29',
      ready: true,
      problems: [],
      daily,
      po: { key: '2020-06-01.po.zip', date: '2020-06-01' },
      serviceDetail: {
        key: 'Diccionario-DetalleServicioZP_20200601_20200731.csv.gz',
        from: '2020-06-01',
        to: '2020-07-31',
      },
    };
    const r = inputsReport(ready, buckets);
    assert.equal(r.ready, true);
    assert.deepEqual(
      r.items.map((i) => [i.title, i.status]),
      [
        ['2020-06-29.gps.gz', 'ok'],
        ['2020-06-29.196.gz', 'ok'],
        ['2020-06-29.trx.gz', 'ok'],
        ['2020-06-01.po.zip', 'ok'],
        ['Diccionario-DetalleServicioZP_20200601_20200731.csv.gz', 'ok'],
      ],
    );
    assert.match(r.items[0].detail, /b-gps/);
    assert.match(r.items[3].detail, /2020-06-01/);
  });

  it('turns a missing daily file and a broken dictionary red with the pre-flight message, not green', () => {
    const notReady: DateReadiness = {
      date: '2020-07-02',
      ready: false,
      daily: { gps: '2020-07-02.gps.gz', file196: '2020-07-02.196.gz', transactions: '2020-07-02.trx.gz' },
      po: { key: '2020-06-01.po.zip', date: '2020-06-01' },
      problems: [
        {
          kind: 'missingDaily',
          bucket: 'b-trx',
          key: '2020-07-02.trx.gz',
          message: '2020-07-02.trx.gz is missing from bucket b-trx.',
        },
        {
          kind: 'poMissingFiles',
          bucket: 'b-po',
          key: '2020-06-01.po.zip',
          missingEntries: ['x'],
          message: 'PO lacks x.',
        },
      ],
    };
    const r = inputsReport(notReady, buckets);
    assert.equal(r.ready, false);
    const status = Object.fromEntries(r.items.map((i) => [`${i.title}|${i.status}`, i.detail]));
    assert.ok('2020-07-02.gps.gz|ok' in status);
    assert.ok(!('2020-07-02.trx.gz|ok' in status));
    assert.equal(status['2020-07-02.trx.gz|fail'], '2020-07-02.trx.gz is missing from bucket b-trx.');
    assert.ok(!('2020-06-01.po.zip|ok' in status), 'a PO with missing files is not shown as found');
    assert.equal(status['2020-06-01.po.zip|fail'], 'PO lacks x.');
  });
});
