import * as assert from 'node:assert/strict';
import { wallClockToUtc, zoneOffsetMs } from '../../../src/core/zonedTime';

const wall = (iso: string): number => Date.parse(`${iso}Z`);
const utc = (ms: number): string => new Date(ms).toISOString();

describe('zonedTime', () => {
  it('reads a wall clock in UTC as itself', () => {
    assert.equal(utc(wallClockToUtc(wall('2026-03-01T10:00:00'), 'UTC')), '2026-03-01T10:00:00.000Z');
  });

  it('reads a Madrid summer wall clock at UTC+2 and a Santiago winter one at UTC-4', () => {
    assert.equal(utc(wallClockToUtc(wall('2026-07-01T10:00:00'), 'Europe/Madrid')), '2026-07-01T08:00:00.000Z');
    assert.equal(utc(wallClockToUtc(wall('2026-07-01T10:00:00'), 'America/Santiago')), '2026-07-01T14:00:00.000Z');
  });

  it('gives the first instant of an hour the clocks repeat (Madrid, 2026-10-25 02:30)', () => {
    assert.equal(utc(wallClockToUtc(wall('2026-10-25T02:30:00'), 'Europe/Madrid')), '2026-10-25T00:30:00.000Z');
  });

  it('reads a time the clocks skip (Madrid, 2026-03-29 02:30) with the offset before the jump', () => {
    assert.equal(utc(wallClockToUtc(wall('2026-03-29T02:30:00'), 'Europe/Madrid')), '2026-03-29T01:30:00.000Z');
  });

  it('does the same in Santiago, west of Greenwich (2026-04-04 23:30 repeated, 2026-09-06 00:30 skipped)', () => {
    assert.equal(utc(wallClockToUtc(wall('2026-04-04T23:30:00'), 'America/Santiago')), '2026-04-05T02:30:00.000Z');
    assert.equal(utc(wallClockToUtc(wall('2026-09-06T00:30:00'), 'America/Santiago')), '2026-09-06T04:30:00.000Z');
  });

  it('measures the offset in ms, negative west of Greenwich', () => {
    assert.equal(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'America/Santiago'), -4 * 3_600_000);
    assert.equal(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Asia/Kolkata'), 5.5 * 3_600_000);
  });
});
