import * as assert from 'node:assert/strict';
import { parse as dotenvParse } from 'dotenv';
import { EnvFile, quoteValue } from '../../../src/core/envFile';
import { InputError } from '../../../src/core/errors';
import { setLanguage } from '../../../src/core/i18n';

const SAMPLE = [
  '# ADATRAP settings',
  '',
  'REGION_NAME=us-east-1   # main region',
  'export KEY_PAIR=ec2-keypair',
  "AWS_SECRET_ACCESS_KEY='ab$c\"d#e'",
  'QUOTED="a # not a comment"',
  'MULTI="first',
  'second"',
  'UNKNOWN_KEY=kept',
  'not an assignment',
  '',
].join('\n');

describe('core/envFile', () => {
  before(() => setLanguage('en'));

  describe('reading', () => {
    it('reads exactly what dotenv reads', () => {
      const file = EnvFile.parse(SAMPLE);
      assert.deepEqual(file.values(), dotenvParse(SAMPLE));
      assert.equal(file.get('REGION_NAME'), 'us-east-1');
      assert.equal(file.get('KEY_PAIR'), 'ec2-keypair');
      assert.equal(file.get('AWS_SECRET_ACCESS_KEY'), 'ab$c"d#e');
      assert.equal(file.get('QUOTED'), 'a # not a comment');
      assert.equal(file.get('MULTI'), 'first\nsecond');
      assert.equal(file.get('ABSENT'), undefined);
    });

    it('lists entries in order of first appearance with their effective value', () => {
      const file = EnvFile.parse('B=1\nA=2\nB=3\n');
      assert.deepEqual(file.entries(), [
        { key: 'B', value: '3' },
        { key: 'A', value: '2' },
      ]);
    });

    it('lets the last of duplicate keys win, as dotenv does, and reports duplicates', () => {
      const file = EnvFile.parse('REGION_NAME=us-east-1\nA=1\nREGION_NAME=sa-east-1\n');
      assert.equal(file.get('REGION_NAME'), 'sa-east-1');
      assert.deepEqual(file.duplicates(), ['REGION_NAME']);
      assert.equal(file.assignmentCount('REGION_NAME'), 2);
    });

    it('ignores a BOM and CRLF line endings when reading', () => {
      const file = EnvFile.parse('\uFEFFREGION_NAME=us-east-1\r\nKEY_PAIR="k p"\r\n');
      assert.equal(file.get('REGION_NAME'), 'us-east-1');
      assert.equal(file.get('KEY_PAIR'), 'k p');
    });
  });

  describe('round trip', () => {
    const documents = {
      sample: SAMPLE,
      crlfWithBom: '\uFEFF# c\r\nA=1\r\n\r\nB="x"\r\n',
      noFinalNewline: 'A=1\nB=2',
      empty: '',
      onlyComments: '# one\n# two\n',
      oldMacEndings: 'A=1\rB=2\r',
      unclosedQuote: 'A="open\nB=2\n',
    };
    for (const [name, text] of Object.entries(documents)) {
      it(`gives back ${name} byte for byte when nothing changed`, () => {
        assert.equal(EnvFile.parse(text).toString(), text);
      });
    }
  });

  describe('set', () => {
    it('rewrites a value in place, keeping the export prefix, the trailing comment and every other line', () => {
      const file = EnvFile.parse(SAMPLE);
      file.set('REGION_NAME', 'sa-east-1');
      file.set('KEY_PAIR', 'other');
      const expected = SAMPLE.replace(
        'REGION_NAME=us-east-1   # main region',
        'REGION_NAME=sa-east-1   # main region',
      ).replace('export KEY_PAIR=ec2-keypair', 'export KEY_PAIR=other');
      assert.equal(file.toString(), expected);
    });

    it('keeps the comment after a quoted value', () => {
      const file = EnvFile.parse('A=\'x y\' # why\nB="p"#tight\n');
      file.set('A', 'z');
      file.set('B', 'q w');
      assert.equal(file.toString(), 'A=z # why\nB=q w#tight\n');
    });

    it("appends a new key at the end, with the file's line endings", () => {
      const file = EnvFile.parse('\uFEFF# c\r\nA=1\r\n');
      file.set('B', '2');
      assert.equal(file.toString(), '\uFEFF# c\r\nA=1\r\nB=2\r\n');
      const noNewline = EnvFile.parse('A=1');
      noNewline.set('B', '2');
      assert.equal(noNewline.toString(), 'A=1\nB=2\n');
      const empty = EnvFile.parse('');
      empty.set('A', '1');
      assert.equal(empty.toString(), 'A=1\n');
    });

    it('updates the effective (last) assignment of a duplicated key', () => {
      const file = EnvFile.parse('A=1\nB=x\nA=2\n');
      file.set('A', '3');
      assert.equal(file.toString(), 'A=1\nB=x\nA=3\n');
      assert.equal(file.get('A'), '3');
    });

    it('replaces a multi-line value as one block', () => {
      const file = EnvFile.parse('MULTI="first\nsecond"\nNEXT=1\n');
      file.set('MULTI', 'single');
      assert.equal(file.toString(), 'MULTI=single\nNEXT=1\n');
    });

    const tricky = [
      'plain',
      '',
      'with space inside',
      ' leading and trailing ',
      'hash#inside',
      '# starts with hash',
      'dollar$VAR and ${BRACES}',
      "single'quote",
      'double"quote',
      'both\'and"quotes',
      'both\'and"quotes$and#hash',
      'back`tick',
      'all\'three"quotes`inside',
      'ends with backslash\\',
      'literal \\n is not a newline',
      'real\nnewline',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCY$EXAMPLE\'KEY"',
      '"already quoted"',
      "'single quoted'",
      'tab\there',
    ];
    for (const value of tricky) {
      it(`writes ${JSON.stringify(value)} so that dotenv reads it back unchanged`, () => {
        const file = EnvFile.parse('# keep\nSECRET=old # note\n');
        file.set('SECRET', value);
        assert.equal(dotenvParse(file.toString()).SECRET, value);
        assert.equal(EnvFile.parse(file.toString()).get('SECRET'), value);
        assert.ok(file.toString().startsWith('# keep\n'));
      });
    }

    it('keeps the `KEY: value` and `KEY = value` forms dotenv also reads', () => {
      const file = EnvFile.parse('A: one\nB = two\n');
      assert.deepEqual(file.values(), { A: 'one', B: 'two' });
      file.set('A', 'uno');
      file.set('B', 'dos');
      assert.equal(file.toString(), 'A: uno\nB = dos\n');
    });

    it('round-trips any mix of awkward characters, or refuses it and leaves the file as it was', () => {
      const alphabet = ['a', 'Z', '0', ' ', '\t', '#', '$', '{', '}', "'", '"', '`', '\\', '\n', '=', 'ñ', '\\n'];
      let seed = 7;
      const next = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      let refused = 0;
      for (let round = 0; round < 400; round++) {
        const value = Array.from({ length: 1 + next(12) }, () => alphabet[next(alphabet.length)]).join('');
        const original = '# head\nSECRET=old # note\nOTHER=kept\n';
        const file = EnvFile.parse(original);
        try {
          file.set('SECRET', value);
        } catch (e) {
          assert.ok(e instanceof InputError, String(e));
          assert.equal(file.toString(), original);
          refused++;
          continue;
        }
        const text = file.toString();
        assert.equal(dotenvParse(text).SECRET, value, JSON.stringify(value));
        assert.equal(dotenvParse(text).OTHER, 'kept', JSON.stringify(value));
      }
      // Only values mixing all three quotes with characters that need quoting can be refused.
      assert.ok(refused < 100, `refused ${refused} of 400`);
    });

    it('quotes a value with $ in single quotes, so that expanding tools read it literally too', () => {
      assert.equal(quoteValue('K', 'a$b'), "'a$b'");
      assert.equal(quoteValue('K', 'plain'), 'plain');
    });

    it('refuses a value no quoting can carry, naming the key', () => {
      const file = EnvFile.parse('A=1\n');
      assert.throws(
        () => file.set('SECRET', 'a\'b"c`d\ne'),
        (e: unknown) => e instanceof InputError && /SECRET/.test(e.message) && !e.message.includes("a'b"),
      );
      assert.equal(file.toString(), 'A=1\n');
    });

    it('refuses a key dotenv could not read', () => {
      assert.throws(
        () => EnvFile.parse('').set('BAD KEY', 'x'),
        (e: unknown) => e instanceof InputError && /BAD KEY/.test(e.message),
      );
    });
  });

  describe('edits never disturb the rest (seeded random documents)', () => {
    const pool = [
      '# comment',
      '',
      '   ',
      'A=1',
      'export B=two words',
      "C='sq $x'",
      'D="dq # not"',
      'E="multi',
      'line"',
      "F='open",
      'G=`bt`',
      'H=val # c',
      'A=dup',
      'I:  colon',
      'junk line',
      'J=',
      'K="esc \\" q"',
      ' L = spaced ',
      '#M=commented',
      "N='a'b'",
    ];
    let seed = 1;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const documents = Array.from({ length: 600 }, () => {
      const eol = next(2) ? '\r\n' : '\n';
      const lines = Array.from({ length: 1 + next(8) }, () => pool[next(pool.length)]);
      return (next(4) === 0 ? '\uFEFF' : '') + lines.join(eol) + (next(2) ? eol : '');
    });
    const sorted = (o: Record<string, string>): [string, string][] =>
      Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));

    it('reads what dotenv reads and gives the text back unchanged', () => {
      for (const doc of documents) {
        const file = EnvFile.parse(doc);
        assert.equal(file.toString(), doc);
        assert.deepEqual(file.values(), dotenvParse(doc.replace(/^\uFEFF/, '')), JSON.stringify(doc));
      }
    });

    it('set changes that key only; delete removes that key only', () => {
      for (const doc of documents) {
        const before = dotenvParse(doc.replace(/^\uFEFF/, ''));
        for (const key of Object.keys(before)) {
          const edited = EnvFile.parse(doc);
          edited.set(key, 'new value');
          assert.deepEqual(
            sorted(dotenvParse(edited.toString())),
            sorted({ ...before, [key]: 'new value' }),
            `set ${key} in ${JSON.stringify(doc)}`,
          );
          const pruned = EnvFile.parse(doc);
          pruned.delete(key);
          const rest: Record<string, string> = { ...before };
          delete rest[key];
          assert.deepEqual(
            sorted(dotenvParse(pruned.toString())),
            sorted(rest),
            `delete ${key} in ${JSON.stringify(doc)}`,
          );
        }
      }
    });
  });

  describe('delete', () => {
    it('removes every assignment of a key and nothing else', () => {
      const file = EnvFile.parse('# c\nA=1\nB=2\nA=3\n');
      assert.equal(file.delete('A'), true);
      assert.equal(file.toString(), '# c\nB=2\n');
      assert.equal(file.get('A'), undefined);
      assert.equal(file.delete('A'), false);
    });

    it('keeps the file without a final newline when the last line goes', () => {
      const file = EnvFile.parse('A=1\nB=2');
      file.delete('B');
      assert.equal(file.toString(), 'A=1');
    });
  });
});
