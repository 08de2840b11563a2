import assert from 'node:assert/strict';
import { workMonth } from '../../../src/core/dates';

describe('workMonth (the month the calendar opens on)', () => {
  it('is the month of the newest run date, in any order, ignoring runs without a date', () => {
    assert.equal(workMonth(['2020-06-01', undefined, '2020-07-15', '2020-03-31'], '2026-12-01'), '2020-07');
  });
  it('is the current month when no run has a date and no input is known', () => {
    assert.equal(workMonth([undefined, 'not-a-date'], '2026-12-01'), '2026-12');
    assert.equal(workMonth([], '2026-12-01', 'not-a-date'), '2026-12');
  });
  it('with no run yet, is the month of the first day with inputs; a run wins over it', () => {
    assert.equal(workMonth([], '2026-12-01', '2020-06-29'), '2020-06');
    assert.equal(workMonth(['2021-03-02'], '2026-12-01', '2020-06-29'), '2021-03');
  });
});
