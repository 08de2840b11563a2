// The batch confirmation's lines (src/core/batchConfirmation.ts), shared by the CLI and the extension: the days
// and slots, the machines, the left-out days with their reasons (bounded), and the inputs the pre-flight chose
// grouped by runs of dates that share them.
import * as assert from 'node:assert/strict';
import {
  INPUT_GROUPS_SHOWN,
  SKIPPED_SHOWN,
  batchConfirmation,
  batchOutline,
  chosenInputLines,
  nothingLeftMessage,
} from '../../../src/core/batchConfirmation';
import { eachDate } from '../../../src/core/dates';
import { setLanguage } from '../../../src/core/i18n';
import { dailyInputKeys } from '../../../src/core/inputs';
import type { DateReadiness } from '../../../src/core/preflight';

const ready = (date: string, po: string, detail: string): DateReadiness => ({
  date,
  ready: true,
  problems: [],
  daily: dailyInputKeys(date),
  po: { key: po, date: po.slice(0, 10) },
  serviceDetail: { key: detail, from: '2020-01-01', to: '2020-12-31' },
});

describe('batch confirmation lines', () => {
  before(() => setLanguage('en'));

  it('sums up the days, the slots actually used, and the machines each day tries', () => {
    const outline = batchOutline(
      { instanceType: 'm5.xlarge, m5a.xlarge', market: 'spot' },
      ['2020-06-29', '2020-06-30'],
      4,
    );
    assert.deepEqual(batchConfirmation(outline, []), [
      'Starting one batch: 2 day(s) from 2020-06-29 to 2020-06-30, at most 2 machine(s) at once.',
      'Machines: spot m5.xlarge, spot m5a.xlarge, on-demand m5.xlarge, on-demand m5a.xlarge (in that order); each day tried at most 3 time(s).',
    ]);
    const onDemand = batchOutline({ instanceType: 'm5.xlarge', market: 'on-demand' }, ['2020-06-29'], 4);
    assert.match(batchConfirmation(onDemand, [])[1] ?? '', /^Machines: on-demand m5\.xlarge \(in that order\)/);
  });

  it('names each left-out day with its reason, the first ten, then how many more', () => {
    const skipped = eachDate({ from: '2020-06-01', to: '2020-06-12' }).map((date) => ({
      date,
      reason: 'not ready: x',
    }));
    const lines = batchConfirmation(batchOutline({ instanceType: 'm5.xlarge' }, ['2020-06-29'], 4), skipped);
    assert.equal(lines[2], 'Not in the batch (12 date(s)):');
    assert.equal(lines[3], '  2020-06-01: not ready: x');
    assert.equal(lines.length, 2 + 1 + SKIPPED_SHOWN + 1);
    assert.equal(lines[lines.length - 1], '  … and 2 more');
    assert.equal(
      nothingLeftMessage(skipped.slice(0, 2)),
      'Nothing to launch: all 2 date(s) were left out. 2020-06-01: not ready: x',
    );
  });

  it('groups consecutive planned dates that share their inputs, leaving out the dates not planned', () => {
    const readiness = [
      ready('2020-06-28', '2020-06-01.po.zip', 'sd-a.csv.gz'),
      ready('2020-06-29', '2020-06-01.po.zip', 'sd-a.csv.gz'),
      ready('2020-06-30', '2020-06-30.po.zip', 'sd-a.csv.gz'),
      ready('2020-07-01', '2020-06-30.po.zip', 'sd-a.csv.gz'),
      ready('2020-07-02', '2020-06-30.po.zip', 'sd-a.csv.gz'),
    ];
    assert.deepEqual(chosenInputLines(readiness, ['2020-06-28', '2020-06-29', '2020-06-30', '2020-07-02']), [
      'Inputs the pre-flight chose:',
      '  2020-06-28 … 2020-06-29 (2 days): service dictionary 2020-06-01.po.zip, service detail sd-a.csv.gz',
      '  2020-06-30 … 2020-07-02 (2 days): service dictionary 2020-06-30.po.zip, service detail sd-a.csv.gz',
    ]);
    assert.deepEqual(chosenInputLines(readiness, ['2020-06-30']), [
      'Inputs the pre-flight chose:',
      '  2020-06-30: service dictionary 2020-06-30.po.zip, service detail sd-a.csv.gz',
    ]);
    // With --force nothing was checked: nothing to show.
    assert.deepEqual(chosenInputLines([], ['2020-06-30']), []);
  });

  it('names at most a handful of input groups', () => {
    const dates = eachDate({ from: '2020-06-01', to: '2020-06-08' });
    const readiness = dates.map((d) => ready(d, `${d}.po.zip`, 'sd.csv.gz'));
    const lines = chosenInputLines(readiness, dates);
    assert.equal(lines.length, 1 + INPUT_GROUPS_SHOWN + 1);
    assert.equal(lines[lines.length - 1], '  … and 3 more');
  });
});
