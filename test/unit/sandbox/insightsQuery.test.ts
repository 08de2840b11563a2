import * as assert from 'node:assert/strict';
import { tIn } from '../../../src/core/i18n';
import { READY_QUERIES, readyQuery, stepDonePattern, toCsv, insightsInstant } from '../../../src/core/insightsQueries';
import { formatLogLine } from '../../../src/core/logFormat';
import { compileQuery, QueryCompileError, runQuery, type QueryInput } from '../../../src/sandbox/logs/insightsQuery';

const T0 = Date.parse('2020-06-30T12:00:00Z');
const ev = (stream: string, offsetS: number, message: string): QueryInput => ({
  timestamp: T0 + offsetS * 1000,
  ingestionTime: T0 + offsetS * 1000,
  message,
  logStream: stream,
  log: '000000000000:adatrap',
});

const EVENTS: QueryInput[] = [
  ev('general', 0, '2020-06-30 08:00:00\tINFO: Instancia creada correctamente.'),
  ev('i-0aaa', 10, '2020-06-30 08:00:10\tINFO: Descargado 2020-06-30.gps.gz (12 MB) en 4.5 s.'),
  ev('i-0aaa', 20, '2020-06-30 08:00:20\tINFO: El ejecutable terminó con código de salida 0 después de 100 s.'),
  ev(
    'i-0aaa',
    30,
    '2020-06-30 08:00:30\tINFO: Proceso ADATRAP para 2020-06-30 finalizado correctamente en la instancia i-0aaa en 130 s.',
  ),
  ev('i-0bbb', 40, '2020-06-30 08:00:40\tERROR: ADVERTENCIA: 1523 validaciones sin GPS cercano'),
  ev(
    'i-0bbb',
    50,
    '2020-06-30 08:00:50\tERROR: Proceso ADATRAP para 2020-07-01 falló en la instancia i-0bbb: the executable ended with exit code 5',
  ),
  ev(
    'general',
    50,
    '2020-06-30 08:00:50\tERROR: Proceso ADATRAP para 2020-07-01 falló en la instancia i-0bbb: the executable ended with exit code 5',
  ),
  ev('i-0ccc', 86_400 + 60, '2020-07-01 08:01:00\tINFO: Descargado 2020-07-01.gps.gz (12 MB) en 5.5 s.'),
  ev(
    'i-0ccc',
    86_400 + 70,
    '2020-07-01 08:01:10\tERROR: Proceso ADATRAP para 2020-07-02 falló en la instancia i-0ccc: the executable ended with exit code 5',
  ),
];

const rows = (query: string): Array<Record<string, string>> =>
  runQuery(compileQuery(query), EVENTS).rows.map((cells) =>
    Object.fromEntries(cells.filter((c) => c.field !== '@ptr').map((c) => [c.field, c.value])),
  );

describe('sandbox Logs Insights queries', () => {
  it('fields + filter + sort + limit, with Insights time formatting', () => {
    const r = rows('fields @timestamp, @logStream | filter @message like /ERROR: / | sort @timestamp asc | limit 2');
    assert.deepEqual(r, [
      { '@timestamp': '2020-06-30 12:00:40.000', '@logStream': 'i-0bbb' },
      { '@timestamp': '2020-06-30 12:00:50.000', '@logStream': 'i-0bbb' },
    ]);
    assert.equal(insightsInstant('2020-06-30 12:00:40.000'), T0 + 40_000);
  });

  it('filter conditions: and/or/not, like "text", =~, in, comparisons, (?i)', () => {
    assert.equal(rows('filter @logStream = "general"').length, 2);
    assert.equal(rows('filter @logStream != "general" and not @message like "ERROR"').length, 4);
    assert.equal(rows('filter @logStream in ["i-0aaa", "i-0ccc"] or @message =~ /ADVERTENCIA/').length, 6);
    assert.equal(rows('filter @message like /(?i)advertencia/').length, 1);
    assert.equal(rows('filter @message not like /ERROR/').length, 5);
  });

  it('parse with a regular expression or a glob, then stats by group', () => {
    const r = rows('parse @message /(?<level>INFO|ERROR): / | stats count(*) as n by level | sort n desc');
    assert.deepEqual(r, [
      { level: 'INFO', n: '5' },
      { level: 'ERROR', n: '4' },
    ]);
    const g = rows(
      'parse @message "* en * s." as what, seconds | filter ispresent(seconds) | stats sum(seconds) as total',
    );
    // Globs match lazily: in the run's last line `* en` stops at the first " en ", so its seconds are no number.
    assert.deepEqual(g, [{ total: String(4.5 + 5.5) }]);
  });

  it('ready-made failed-runs counts each failure once, by reason', () => {
    const q = readyQuery('failed-runs')?.query ?? '';
    assert.deepEqual(rows(q), [{ reason: 'the executable ended with exit code 5', failures: '2', days: '2' }]);
  });

  it('ready-made step-durations reads the lines the agent writes for its steps, in Spanish and English', () => {
    // The agent's own line: formatLogLine + the machine.stepDone / stepFailed messages (agent/processDay.ts).
    const step = (stream: string, offsetS: number, lang: 'es' | 'en', name: string, seconds: number, failed = false) =>
      ev(
        stream,
        offsetS,
        formatLogLine(
          'INFO',
          tIn(lang, failed ? 'machine.stepFailed' : 'machine.stepDone', { step: name, seconds: seconds.toFixed(1) }),
          new Date(T0 + offsetS * 1000),
        ),
      );
    const events = [
      step('i-0aaa', 1, 'es', 'download', 4.5),
      step('general', 1, 'es', 'download', 4.5),
      step('i-0aaa', 2, 'es', 'run', 100),
      step('i-0bbb', 3, 'en', 'download', 5.5),
      step('i-0bbb', 4, 'en', 'run', 7, true),
      step('i-0ccc', 86_400, 'en', 'chooseInputs', 0.2),
    ];
    const query = readyQuery('step-durations')?.query ?? '';
    const r = runQuery(compileQuery(query), events).rows.map((cells) =>
      Object.fromEntries(cells.filter((c) => c.field !== '@ptr').map((c) => [c.field, c.value])),
    );
    assert.deepEqual(
      r.map((x) => `${x.day}|${x.step}|${x.times}|${x.avg_s}|${x.max_s}`),
      [
        '2020-07-01 00:00:00.000|chooseInputs|1|0.2|0.2',
        '2020-06-30 00:00:00.000|download|2|5|5.5',
        '2020-06-30 00:00:00.000|run|1|100|100',
      ],
    );
  });

  it('the step line pattern is built from every language of the message', () => {
    const pattern = new RegExp(stepDonePattern());
    for (const lang of ['es', 'en'] as const) {
      const line = formatLogLine(
        'INFO',
        tIn(lang, 'machine.stepDone', { step: 'publish', seconds: '12.3' }),
        new Date(),
      );
      assert.deepEqual({ ...pattern.exec(line)?.groups }, { step: 'publish', seconds: '12.3' }, lang);
      const failed = formatLogLine(
        'INFO',
        tIn(lang, 'machine.stepFailed', { step: 'run', seconds: '1.0' }),
        new Date(),
      );
      assert.equal(pattern.exec(failed), null, `a failed step is not a duration (${lang})`);
    }
  });

  it('ready-made exe-warnings finds the warning line only', () => {
    const r = rows(readyQuery('exe-warnings')?.query ?? '');
    assert.deepEqual(
      r.map((x) => x['@logStream']),
      ['i-0bbb'],
    );
    assert.match(r[0]?.['@message'] ?? '', /ADVERTENCIA/);
  });

  it('every ready-made query compiles', () => {
    for (const q of READY_QUERIES) assert.doesNotThrow(() => compileQuery(q.query), q.name);
  });

  it('what it cannot compile is a compile error naming the problem', () => {
    for (const bad of [
      '',
      'fields',
      'frobnicate x',
      'stats median(x)',
      'limit 10001',
      'filter x ~ 1',
      'parse @message /no groups/',
      'fields @message | ',
    ]) {
      assert.throws(() => compileQuery(bad), QueryCompileError, bad);
    }
  });

  it('statistics count scanned, matched and bytes', () => {
    const out = runQuery(compileQuery('filter @logStream = "general" | stats count(*)'), EVENTS);
    assert.equal(out.recordsScanned, EVENTS.length);
    assert.equal(out.recordsMatched, 2);
    assert.ok(out.bytesScanned > 0);
  });

  it('CSV quotes what needs quoting', () => {
    assert.equal(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }, { a: '1' }]), 'a,b\r\n"x,y","say ""hi"""\r\n1,\r\n');
  });
});
