import * as assert from 'node:assert/strict';
import { compileFilterPattern } from '../../../src/sandbox/logs/filterPattern';
import { LogsError } from '../../../src/sandbox/logs/store';

const LINES = [
  '2020-06-30 08:00:00\tINFO: Instancia creada correctamente.',
  '2020-06-30 08:10:00\tERROR: Proceso ADATRAP para 2020-06-30 falló en la instancia i-0abc: the executable ended with exit code 5',
  '2020-06-30 08:11:00\tINFO: Terminando la instancia i-0abc.',
  '2020-06-30 08:12:00\tERROR: ADVERTENCIA: 1523 validaciones sin GPS cercano',
  '{"level":"ERROR","latency":1500,"component":"HttpServer","ok":false,"tags":["a"]}',
];

const matching = (pattern: string): number[] => {
  const m = compileFilterPattern(pattern);
  return LINES.flatMap((line, i) => (m(line) ? [i] : []));
};

const refused = (pattern: string): boolean => {
  try {
    compileFilterPattern(pattern);
    return false;
  } catch (e) {
    return e instanceof LogsError && e.code === 'InvalidParameterException';
  }
};

describe('sandbox filter patterns (FilterAndPatternSyntax)', () => {
  it('an empty pattern matches everything', () => {
    assert.deepEqual(matching(''), [0, 1, 2, 3, 4]);
    assert.deepEqual(matching('   '), [0, 1, 2, 3, 4]);
  });

  it('terms must all appear and are case-sensitive', () => {
    assert.deepEqual(matching('ERROR'), [1, 3, 4]);
    assert.deepEqual(matching('error'), []);
    assert.deepEqual(matching('ERROR ADVERTENCIA'), [3]);
    assert.deepEqual(matching('ERROR Instancia'), []);
  });

  it('a quoted phrase is one term, and the only way to write characters other than letters, digits and _', () => {
    assert.deepEqual(matching('"exit code 5"'), [1]);
    assert.deepEqual(matching('"i-0abc"'), [1, 2]);
    assert.deepEqual(matching('"falló en"'), [1]);
    assert.equal(refused('i-0abc'), true, 'unquoted hyphen: "Invalid character(s) in term"');
    assert.equal(refused('ERROR:'), true);
    assert.equal(refused('"unbalanced'), true);
  });

  it('?terms are alternatives, -terms exclusions', () => {
    assert.deepEqual(matching('?ADVERTENCIA ?creada'), [0, 3]);
    assert.deepEqual(matching('ERROR -ADVERTENCIA'), [1, 4]);
    assert.deepEqual(matching('-ERROR'), [0, 2]);
    assert.deepEqual(matching('ERROR -"exit code"'), [3, 4]);
    assert.deepEqual(matching('ERROR ?ADVERTENCIA ?Proceso'), [1, 3]);
  });

  it('%regex% with the documented characters, at most two', () => {
    assert.deepEqual(matching('%i-0[a-z]+%'), [1, 2]);
    assert.deepEqual(matching('%^\\{%'), [4]);
    assert.equal(refused('%(a|b)%'), true, 'no () groups');
    assert.equal(refused('%a% %b% %c%'), true);
  });

  it('JSON selectors on JSON messages; other messages never match', () => {
    assert.deepEqual(matching('{ $.level = "ERROR" }'), [4]);
    assert.deepEqual(matching('{ $.latency > 1000 && $.component = Http* }'), [4]);
    assert.deepEqual(matching('{ $.latency < 1000 || $.ok IS FALSE }'), [4]);
    assert.deepEqual(matching('{ $.missing NOT EXISTS }'), [4]);
    assert.deepEqual(matching('{ $.tags[0] = "a" }'), [4]);
    assert.deepEqual(matching('{ ($.level != "ERROR") }'), []);
    assert.equal(refused('{ $.level > "x" }'), true, 'a string compared with >');
    assert.equal(refused('{ level = 1 }'), true);
  });

  it('space-delimited patterns are refused rather than half-emulated; long patterns too', () => {
    assert.equal(refused('[ip, user, ...]'), true);
    assert.equal(refused('a'.repeat(1025)), true);
  });
});
