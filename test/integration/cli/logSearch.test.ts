// Issue 13's "Search the logs" and "Insights" from the CLI (dist/cli.js) against the sandbox: a pattern that must
// match (across streams, newest first) and one that must not; the stream filter of get-log-stream; one
// ready-made Insights query as a table.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { SANDBOX_NAMES } from '../../../src/sandbox/env';
import { formatLogLine } from '../../../src/core/logFormat';
import { requireBuilt, runCli } from '../../helpers/cli';

const GROUP = SANDBOX_NAMES.logGroup;
const GENERAL = SANDBOX_NAMES.generalStream;

describe('CLI search-logs, get-log-stream --filter and insights against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let workspace: string;
  const now = Date.now();
  const at = (minutesAgo: number): number => now - minutesAgo * 60_000;
  const line = (level: 'INFO' | 'ERROR', message: string, t: number) => ({
    timestamp: t,
    message: formatLogLine(level, message, new Date(t)),
  });

  before(async function () {
    requireBuilt();
    sandbox = await startSandbox();
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-logsearch-'));
    writeFileSync(path.join(workspace, '.env'), sandbox.envText());
    for (const s of ['i-0aaa', 'i-0bbb']) sandbox.logs.createStream(GROUP, s);
    const failure =
      'Proceso ADATRAP para 2020-07-01 falló en la instancia i-0bbb: the executable ended with exit code 5';
    sandbox.logs.put(GROUP, 'i-0aaa', [
      line('INFO', 'Instancia creada correctamente.', at(120)),
      line('INFO', 'Descargado 2020-06-30.gps.gz (12 MB) en 4.5 s.', at(119)),
      line(
        'INFO',
        'Proceso ADATRAP para 2020-06-30 finalizado correctamente en la instancia i-0aaa en 130 s.',
        at(110),
      ),
    ]);
    sandbox.logs.put(GROUP, 'i-0bbb', [
      line('INFO', 'Instancia creada correctamente.', at(60)),
      line('ERROR', 'ADVERTENCIA: 1523 validaciones sin GPS cercano', at(50)),
      line('ERROR', failure, at(40)),
    ]);
    sandbox.logs.put(GROUP, GENERAL, [line('ERROR', failure, at(39))]);
  });

  after(async () => {
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(workspace, args);

  it("search-logs 'ERROR' --since 1d finds the failed run's lines across streams, newest first", async () => {
    const r = await cli('search-logs', 'ERROR', '--since', '1d');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('\t')[0]),
      [GENERAL, 'i-0bbb', 'i-0bbb'],
    );
    assert.match(lines[0] ?? '', /\tERROR: Proceso ADATRAP para 2020-07-01 falló/);
    assert.match(r.stderr, /3 events in 2 streams/);
  });

  it('a pattern that must not match prints nothing; case matters as in CloudWatch', async () => {
    const r = await cli('search-logs', 'error', '--since', '1d');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /0 events in 0 streams/);
  });

  it('--stream, --oldest-first, quoted phrases, alternatives, exclusions and --json', async () => {
    const oldest = await cli('search-logs', '?creada ?ADVERTENCIA', '--stream', 'i-0bbb', '--oldest-first', '--json');
    assert.equal(oldest.code, 0, oldest.stderr);
    const events = oldest.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stream: string; message: string; timestamp: number });
    assert.deepEqual(
      events.map((e) => e.message.split('\t')[1]),
      ['INFO: Instancia creada correctamente.', 'ERROR: ADVERTENCIA: 1523 validaciones sin GPS cercano'],
    );
    assert.ok(events.every((e) => e.stream === 'i-0bbb'));
    const excluded = await cli('search-logs', 'ERROR -ADVERTENCIA "i-0bbb"', '--stream', 'i-0bbb');
    assert.equal(excluded.stdout.trim().split('\n').length, 1, excluded.stdout);
  });

  it('a pattern CloudWatch refuses is one line naming the pattern and the quoting rule (exit 2)', async () => {
    const r = await cli('search-logs', 'i-0bbb');
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /The filter pattern "i-0bbb" is not valid: Invalid character\(s\) in term 'i-0bbb'.*double quotes/,
    );
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('bad times and unknown streams say what to fix', async () => {
    const t = await cli('search-logs', 'ERROR', '--since', 'yesterday');
    assert.equal(t.code, 2);
    assert.match(t.stderr, /--since must be a duration/);
    const s = await cli('search-logs', 'ERROR', '--stream', 'i-nope');
    assert.equal(s.code, 1);
    assert.match(s.stderr, /Log stream i-nope does not exist/);
  });

  it('get-log-stream --since 90m --filter keeps only matching events of the stream', async () => {
    const r = await cli('get-log-stream', 'i-0bbb', '--since', '90m', '--filter', 'ERROR');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines.every((l) => l.includes('\tERROR: ')));
    const none = await cli('get-log-stream', 'i-0aaa', '--since', '90m', '--filter', 'ERROR');
    assert.equal(none.stdout, '');
    const conflict = await cli('get-log-stream', 'i-0aaa', '--since', '1h', '--start', '2020-06-30');
    assert.equal(conflict.code, 2);
  });

  it('insights failed-runs shows a table of failures by reason (each run once)', async () => {
    const r = await cli('insights', 'failed-runs', '--since', '1d');
    assert.equal(r.code, 0, r.stderr);
    const [header, rule, row, ...rest] = r.stdout.trim().split('\n');
    assert.match(header ?? '', /^reason\s+failures\s+days$/);
    assert.match(rule ?? '', /^-+\s+-+\s+-+$/);
    assert.match(row ?? '', /^the executable ended with exit code 5\s+1\s+1$/);
    assert.deepEqual(rest, []);
    assert.match(r.stderr, /Query Running/);
    assert.match(r.stderr, /Query Complete/);
  });

  it('insights --query with --csv, and a query that does not compile (exit 2)', async () => {
    const r = await cli(
      'insights',
      '--query',
      'fields @timestamp, @logStream | filter @message like /ADVERTENCIA/',
      '--since',
      '1d',
      '--csv',
    );
    assert.equal(r.code, 0, r.stderr);
    const [header, row] = r.stdout.split('\r\n');
    assert.equal(header, '@timestamp,@logStream');
    assert.match(row ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},i-0bbb$/);
    const bad = await cli('insights', '--query', 'stats median(x)');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /The Logs Insights query is not valid: .*unknown function median/);
    const unknown = await cli('insights', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /failed-runs/);
  });
});
