import * as assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  assertNotFarFuture,
  daysBetween,
  eachDate,
  fromCompactDate,
  isIsoDate,
  monthDates,
  parseDateRange,
  parseIsoDate,
  parseMonth,
  parseRunDates,
  todayInSantiago,
  toCompactDate,
} from '../../../src/core/dates';
import { InputError } from '../../../src/core/errors';
import { setLanguage } from '../../../src/core/i18n';

function inputError(fn: () => unknown, text: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof InputError && e.exitCode === 2 && text.test(e.message));
}

describe('core/dates', () => {
  before(() => setLanguage('en'));

  describe('parseIsoDate', () => {
    it('accepts real calendar dates, leap days included', () => {
      assert.equal(parseIsoDate('2020-06-29'), '2020-06-29');
      assert.equal(parseIsoDate('2020-02-29'), '2020-02-29');
      assert.equal(parseIsoDate('2000-02-29'), '2000-02-29');
      assert.equal(parseIsoDate(' 2021-12-31 '), '2021-12-31');
    });

    it('says which text is not a calendar date', () => {
      inputError(() => parseIsoDate('2021-02-30'), /^2021-02-30 is not a calendar date\.$/);
      inputError(() => parseIsoDate('2021-02-29'), /2021-02-29 is not a calendar date/);
      inputError(() => parseIsoDate('1900-02-29'), /1900-02-29 is not a calendar date/);
      inputError(() => parseIsoDate('2020-13-01'), /2020-13-01 is not a calendar date/);
      inputError(() => parseIsoDate('2020-04-31'), /2020-04-31 is not a calendar date/);
      inputError(() => parseIsoDate('2020-00-10'), /2020-00-10 is not a calendar date/);
    });

    it('refuses other shapes, naming the form expected', () => {
      for (const text of ['21-4-22', '2021-4-22', '2021/04/22', '20210422', '2021-04-22T00:00', 'tomorrow']) {
        inputError(
          () => parseIsoDate(text),
          new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a date in YYYY-MM-DD form`),
        );
      }
    });

    it('refuses an empty date', () => {
      inputError(() => parseIsoDate(''), /A date is required, in YYYY-MM-DD form/);
      inputError(() => parseIsoDate('   '), /A date is required/);
    });

    it('speaks Spanish when asked', () => {
      setLanguage('es');
      try {
        inputError(() => parseIsoDate('2021-02-30'), /2021-02-30 no es una fecha del calendario/);
      } finally {
        setLanguage('en');
      }
    });
  });

  describe('ranges', () => {
    it('is inclusive and a single day without `to`', () => {
      assert.deepEqual(parseDateRange('2020-06-29'), { from: '2020-06-29', to: '2020-06-29' });
      assert.deepEqual(eachDate(parseDateRange('2020-02-27', '2020-03-01')), [
        '2020-02-27',
        '2020-02-28',
        '2020-02-29',
        '2020-03-01',
      ]);
      assert.deepEqual(eachDate(parseDateRange('2020-12-31', '2021-01-01')), ['2020-12-31', '2021-01-01']);
    });

    it('refuses a reversed range, naming both ends', () => {
      inputError(() => parseDateRange('2020-07-01', '2020-06-01'), /2020-07-01 to 2020-06-01 ends before it starts/);
      assert.equal(eachDate(parseDateRange('2020-01-01', '2020-12-31')).length, 366, 'a leap year fits');
      inputError(() => parseDateRange('2020-01-01', '2021-01-01'), /367 days; one command takes at most 366/);
    });

    it('validates both ends', () => {
      inputError(() => parseDateRange('2020-06-01', '2020-06-31'), /2020-06-31 is not a calendar date/);
    });

    it('refuses run dates more than a year ahead, and accepts today and the near future', () => {
      const today = '2026-11-28';
      inputError(
        () => parseRunDates('2099-01-01', undefined, today),
        /2099-01-01 is more than a year after today \(2026-11-28\)/,
      );
      inputError(() => parseRunDates('2026-11-01', '2207-11-01', today), /2207-11-01 is more than a year/);
      assert.deepEqual(parseRunDates('2026-11-28', undefined, today), { from: '2026-11-28', to: '2026-11-28' });
      assert.doesNotThrow(() => assertNotFarFuture(addDays(today, 366), today));
      assert.throws(() => assertNotFarFuture(addDays(today, 367), today), InputError);
    });
  });

  describe('arithmetic in UTC days', () => {
    it('adds days across months, years and leap days', () => {
      assert.equal(addDays('2020-02-28', 1), '2020-02-29');
      assert.equal(addDays('2021-02-28', 1), '2021-03-01');
      assert.equal(addDays('2021-01-01', -1), '2020-12-31');
      assert.equal(addDays('2020-01-01', 366), '2021-01-01');
      assert.equal(daysBetween('2020-01-01', '2021-01-01'), 366);
      assert.equal(daysBetween('2021-01-01', '2020-12-31'), -1);
    });

    it('does not shift across Santiago or northern DST changes (whatever the TZ of the machine)', () => {
      // Chile moved clocks on 2022-09-11 and 2023-04-02; Europe on 2023-03-26.
      for (const date of ['2022-09-10', '2022-09-11', '2023-04-01', '2023-04-02', '2023-03-25', '2023-03-26']) {
        assert.equal(addDays(addDays(date, 1), -1), date);
      }
      assert.equal(eachDate({ from: '2022-09-09', to: '2022-09-13' }).length, 5);
    });

    it('handles years below 100 without mapping them to the 1900s', () => {
      assert.equal(addDays('0099-12-31', 1), '0100-01-01');
    });
  });

  describe('months', () => {
    it('lists every day of a month', () => {
      assert.equal(monthDates('2020-02').length, 29);
      assert.equal(monthDates('2021-02').length, 28);
      assert.deepEqual(monthDates('2020-06').slice(-2), ['2020-06-29', '2020-06-30']);
      assert.equal(monthDates('2020-12')[30], '2020-12-31');
    });

    it('parses and moves months', () => {
      assert.equal(parseMonth('2020-06'), '2020-06');
      inputError(() => parseMonth('2020-13'), /2020-13 is not a month in YYYY-MM form/);
      inputError(() => parseMonth('2020-6'), /2020-6 is not a month/);
      inputError(() => parseMonth(''), /A month is required/);
      assert.equal(addMonths('2020-12', 1), '2021-01');
      assert.equal(addMonths('2020-01', -1), '2019-12');
      assert.equal(addMonths('2020-06', -18), '2018-12');
    });
  });

  describe('helpers', () => {
    it('tells calendar dates without throwing', () => {
      assert.equal(isIsoDate('2020-06-29'), true);
      assert.equal(isIsoDate('2020-06-31'), false);
      assert.equal(isIsoDate('x'), false);
    });

    it('converts to and from the YYYYMMDD form of file names', () => {
      assert.equal(toCompactDate('2020-06-27'), '20200627');
      assert.equal(fromCompactDate('20200627'), '2020-06-27');
      assert.equal(fromCompactDate('20200230'), undefined);
      assert.equal(fromCompactDate('2020627'), undefined);
    });

    it("gives today's date on Santiago's calendar", () => {
      // 02:30 UTC on 1 Jan is still 31 Dec in Santiago (UTC-3 in summer).
      assert.equal(todayInSantiago(new Date('2021-01-01T02:30:00Z')), '2020-12-31');
      assert.equal(todayInSantiago(new Date('2021-01-01T03:30:00Z')), '2021-01-01');
    });
  });
});
