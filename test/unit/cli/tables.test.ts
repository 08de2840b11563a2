import * as assert from 'node:assert/strict';
import { readinessTable } from '../../../src/cli/checkInputs';
import { runsTable } from '../../../src/cli/listRuns';
import type { DateReadiness } from '../../../src/core/preflight';
import { inLanguage } from '../../helpers/language';

describe('CLI tables', () => {
  inLanguage('en');

  const daily = (d: string) => ({ gps: `${d}.gps.gz`, file196: `${d}.196.gz`, transactions: `${d}.trx.gz` });

  it('check-inputs: a row per date, then each problem of the dates not ready on its own line', () => {
    const results: DateReadiness[] = [
      {
        date: '2020-06-30',
        ready: true,
        problems: [],
        daily: daily('2020-06-30'),
        po: { key: '2020-06-30.po.zip', date: '2020-06-30' },
      },
      {
        date: '2020-07-03',
        ready: false,
        daily: daily('2020-07-03'),
        problems: [
          { kind: 'missingDaily', bucket: 'gps', key: '2020-07-03.gps.gz', message: 'gps missing' },
          { kind: 'missingDaily', bucket: 'trx', key: '2020-07-03.trx.gz', message: 'trx missing' },
        ],
      },
    ];
    const lines = readinessTable(results).trimEnd().split('\n');
    assert.match(lines[2] ?? '', /^2020-06-30\s+ready\s+2020-06-30\.po\.zip\s+-$/);
    assert.match(lines[3] ?? '', /^2020-07-03\s+NOT READY \(2\)\s+-\s+-$/);
    assert.deepEqual(lines.slice(-3), ['2020-07-03:', '  - gps missing', '  - trx missing']);
  });

  it('list-runs: translated state and outcome, times in Santiago', () => {
    const table = runsTable([
      {
        instanceId: 'i-0123456789abcdef0',
        date: '2020-06-29',
        state: 'shutting-down',
        launchTime: new Date('2020-06-29T15:00:00Z'),
        status: 'failed: exit code 3',
      },
      { instanceId: 'i-0123456789abcdef1', date: '2020-06-30', state: 'running', status: 'succeeded' },
    ]);
    const [, , first, second] = table.split('\n');
    assert.match(first ?? '', /shutting down\s+Jun 29, 2020, 11:00\sAM\s+failed: exit code 3/);
    assert.match(second ?? '', /running\s+-\s+succeeded/);
  });
});
