// What a machine wrote (log events, tags) is shown escaped and parsed strictly: one function for the escaping,
// strict validators for the tags, and names checked before any AWS call.
import * as assert from 'node:assert/strict';
import { logStreamNameProblem } from '../../../src/core/config';
import { parseMonth } from '../../../src/core/dates';
import { InputError } from '../../../src/core/errors';
import { setLanguage } from '../../../src/core/i18n';
import { escapeControl, eventLine, terminalJson } from '../../../src/core/logFormat';
import { parseInstant, parseRunTags, parseStatus } from '../../../src/core/runTags';
import { renderTable } from '../../../src/cli/table';

const ESC = '\u001b';
const BEL = '\u0007';
const NUL = '\u0000';
const CSI = '\u009b';
/** Any control character a terminal could obey (tab and newline are fine). */
// eslint-disable-next-line no-control-regex -- the point of the test
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('core: text a machine wrote', () => {
  before(() => setLanguage('en'));

  describe('escapeControl', () => {
    it('escapes ESC sequences, BEL, NUL and the one-character CSI (U+009B)', () => {
      assert.equal(escapeControl(`${ESC}[31mred${ESC}[0m`), '\\x1b[31mred\\x1b[0m');
      assert.equal(escapeControl(`ring${BEL}`), 'ring\\x07');
      assert.equal(escapeControl(`a${NUL}b`), 'a\\x00b');
      assert.equal(escapeControl(`${CSI}2J wipe`), '\\x9b2J wipe');
      // An OSC 8 link and a title change: the whole family is inert.
      assert.equal(escapeControl(`${ESC}]0;pwned${BEL}`), '\\x1b]0;pwned\\x07');
    });

    it('keeps tab and newline, reads CRLF as a newline, escapes a lone CR, DEL and every C1', () => {
      assert.equal(escapeControl('a\tb\nc'), 'a\tb\nc');
      assert.equal(escapeControl('line one\r\nline two'), 'line one\nline two');
      assert.equal(escapeControl('progress 10%\rprogress 20%'), 'progress 10%\\x0dprogress 20%');
      assert.equal(escapeControl('del\u007f'), 'del\\x7f');
      for (let c = 0x80; c <= 0x9f; c++) assert.doesNotMatch(escapeControl(String.fromCharCode(c)), RAW_CONTROL);
      for (let c = 0; c < 0x20; c++) {
        const out = escapeControl(`x${String.fromCharCode(c)}`);
        if (c === 9 || c === 10) assert.equal(out.length, 2);
        else assert.doesNotMatch(out, RAW_CONTROL, `U+${c.toString(16)}`);
      }
    });

    it('leaves ordinary text (accents, Windows paths, emoji) as it is', () => {
      const text = 'Ejecución terminó: C:\\adatrap\\x1b\\salida 🚌 ñandú';
      assert.equal(escapeControl(text), text);
    });

    it('is what every event line goes through (documents, the tail channel, search-logs, saved logs)', () => {
      const event = { timestamp: Date.parse('2020-06-30T16:00:00Z'), message: `${ESC}[2Jboom${BEL}${CSI}\r\n` };
      const santiago = eventLine(event);
      assert.equal(santiago, '2020-06-30 12:00:00\t\\x1b[2Jboom\\x07\\x9b');
      assert.doesNotMatch(eventLine(event, 'utc'), RAW_CONTROL);
    });
  });

  describe('terminalJson', () => {
    it('escapes DEL and C1 that JSON.stringify leaves raw, and parses back to the same value', () => {
      const value = { message: `${ESC}[31m${CSI}x\u007f${NUL}`, n: 1 };
      const text = terminalJson(value, 2);
      assert.doesNotMatch(text, RAW_CONTROL);
      assert.match(text, /\\u009b/);
      assert.deepEqual(JSON.parse(text), value);
    });
  });

  describe('CLI tables', () => {
    it('show a cell a machine wrote escaped and on one line', () => {
      const table = renderTable(['id', 'outcome'], [['i-1', `failed: ${ESC}[31mred\nnext${CSI}`]]);
      assert.doesNotMatch(table, RAW_CONTROL);
      assert.equal(table.trimEnd().split('\n').length, 3);
      assert.match(table, /failed: \\x1b\[31mred next\\x9b/);
    });
  });

  describe('run tags', () => {
    const tags = (entries: Record<string, string>) => parseRunTags(new Map(Object.entries(entries)));

    it('keeps what the launcher and the agent write', () => {
      const parsed = tags({
        'adatrap:date': '2020-06-29',
        'adatrap:deadline': '2020-06-30T04:00:00.000Z',
        'adatrap:status': 'failed: exit 3',
        'adatrap:version': '0.2',
        Name: 'adatrap 2020-06-29',
      });
      assert.deepEqual(parsed, {
        date: '2020-06-29',
        deadline: '2020-06-30T04:00:00.000Z',
        status: 'failed: exit 3',
        version: '0.2',
        name: 'adatrap 2020-06-29',
        unknown: [],
      });
      assert.equal(tags({ 'adatrap:status': 'running' }).status, 'running');
      assert.equal(tags({ 'adatrap:status': 'succeeded' }).status, 'succeeded');
      assert.equal(tags({ 'adatrap:status': 'failed' }).status, 'failed');
    });

    it('drops and names a date that is not a calendar date, or could become a path', () => {
      for (const bad of [
        '2021-02-30',
        '2020-06-29/../../etc',
        '../2020-06-29',
        '20200629',
        '2020-6-29',
        ' 2020-06-29',
        '',
      ])
        assert.deepEqual(tags({ 'adatrap:date': bad }), { unknown: ['date'] }, bad);
    });

    it('drops a deadline that is not a real instant with its zone', () => {
      for (const bad of [
        'tomorrow',
        '2020',
        'June 29, 2020',
        '2020-06-31T00:00:00Z',
        '2020-06-30T25:00:00Z',
        '2020-06-30T04:00:00',
      ])
        assert.deepEqual(tags({ 'adatrap:deadline': bad }).unknown, ['deadline'], bad);
      assert.equal(parseInstant('2020-06-30T00:00:00-04:00')?.toISOString(), '2020-06-30T04:00:00.000Z');
    });

    it('drops a status the agent never writes, and escapes a failure reason', () => {
      for (const bad of ['SUCCEEDED', 'succeeded ', 'ok', 'done', `running${ESC}`])
        assert.deepEqual(tags({ 'adatrap:status': bad }).unknown, ['status'], bad);
      assert.equal(parseStatus(`failed: ${ESC}[31mexit 3${BEL}`), 'failed: \\x1b[31mexit 3\\x07');
      assert.doesNotMatch(tags({ Name: `x${CSI}y`, 'adatrap:version': `0.2${NUL}` }).name ?? '', RAW_CONTROL);
    });

    it('never keeps a shown value longer than a tag can be', () => {
      const status = parseStatus(`failed: ${ESC.repeat(300)}`) ?? '';
      assert.ok(status.length <= 256, String(status.length));
    });
  });

  describe('log stream names, before any call', () => {
    it('takes what CloudWatch takes: 1 to 512 characters without : or *', () => {
      for (const ok of ['general', 'i-0123456789abcdef0', 'a/b.c#d e', 'x'.repeat(512), 'ñandú'])
        assert.equal(logStreamNameProblem(ok), undefined, ok);
    });

    it('refuses : * empty, too long and control characters, showing the name escaped', () => {
      for (const bad of ['a:b', 'a*', '', 'x'.repeat(513), `run${ESC}[31m`, `run${CSI}`, `run${NUL}`, 'a\nb'])
        assert.match(logStreamNameProblem(bad) ?? '', /is not a log stream name/, JSON.stringify(bad));
      assert.doesNotMatch(logStreamNameProblem(`run${ESC}[31m${CSI}`) ?? '', RAW_CONTROL);
      assert.match(logStreamNameProblem('x'.repeat(600)) ?? '', /600 characters/);
    });
  });

  describe('calendar months', () => {
    it('refuses a year before 1900, and takes 1900 on', () => {
      assert.throws(
        () => parseMonth('1899-12'),
        (e: unknown) => e instanceof InputError && /1900/.test(e.message),
      );
      assert.throws(() => parseMonth('0001-01'), InputError);
      assert.equal(parseMonth('1900-01'), '1900-01');
      assert.equal(parseMonth('2020-07'), '2020-07');
    });
  });
});
