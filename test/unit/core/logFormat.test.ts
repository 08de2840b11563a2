import * as assert from 'node:assert/strict';
import { formatLogLine, parseLogLine, zoneTimestamp } from '../../../src/core/logFormat';
import { santiagoTimestamp } from '../../../src/core/santiagoTime';

describe('core/logFormat', () => {
  it('shows an instant in Santiago time or in UTC, whole seconds', () => {
    const ms = Date.parse('2020-06-29T16:05:09.750Z');
    assert.equal(zoneTimestamp(ms, 'santiago'), '2020-06-29 12:05:09');
    assert.equal(zoneTimestamp(ms, 'utc'), '2020-06-29T16:05:09Z');
  });

  it('writes `YYYY-MM-DD HH:MM:SS<TAB>LEVEL: message` in Santiago time', () => {
    // Winter (UTC-4).
    assert.equal(
      formatLogLine('INFO', 'Instancia creada correctamente.', new Date('2020-06-29T16:05:09Z')),
      '2020-06-29 12:05:09\tINFO: Instancia creada correctamente.',
    );
    // Summer (UTC-3).
    assert.equal(
      formatLogLine('ERROR', 'falló', new Date('2021-01-15T03:00:00Z')),
      '2021-01-15 00:00:00\tERROR: falló',
    );
  });

  it('crosses midnight into the previous Santiago day', () => {
    assert.equal(santiagoTimestamp(new Date('2020-07-01T02:30:00Z')), '2020-06-30 22:30:00');
  });

  it('follows the DST changes of Chile (2022-09-11 forward, 2023-04-02 back)', () => {
    // Spring forward: 00:00 local on 11 Sep 2022 did not exist; 03:59:59Z is 23:59:59 (UTC-4), 04:00Z is 01:00 (UTC-3).
    assert.equal(santiagoTimestamp(new Date('2022-09-11T03:59:59Z')), '2022-09-10 23:59:59');
    assert.equal(santiagoTimestamp(new Date('2022-09-11T04:00:00Z')), '2022-09-11 01:00:00');
    // Fall back: midnight of 2 Apr 2023 happened twice.
    assert.equal(santiagoTimestamp(new Date('2023-04-02T02:59:59Z')), '2023-04-01 23:59:59');
    assert.equal(santiagoTimestamp(new Date('2023-04-02T03:00:00Z')), '2023-04-01 23:00:00');
    assert.equal(santiagoTimestamp(new Date('2023-04-02T04:00:00Z')), '2023-04-02 00:00:00');
  });

  it('uses 00 for midnight, never 24', () => {
    assert.equal(santiagoTimestamp(new Date('2020-06-29T04:00:00Z')), '2020-06-29 00:00:00');
  });

  it('parses its own lines back, and nothing else', () => {
    const line = formatLogLine('ERROR', 'pvmtsc salió con código 3: a\tb', new Date('2020-06-29T16:05:09Z'));
    assert.deepEqual(parseLogLine(line), {
      date: '2020-06-29',
      time: '12:05:09',
      level: 'ERROR',
      message: 'pvmtsc salió con código 3: a\tb',
    });
    assert.equal(parseLogLine('Procesando servicios...'), undefined);
    assert.equal(parseLogLine('2020-06-29 12:05:09 INFO: spaces instead of a tab'), undefined);
    assert.equal(parseLogLine('2020-06-29 12:05:09\tWARN: unknown level'), undefined);
  });
});
