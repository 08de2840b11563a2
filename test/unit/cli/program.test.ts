import * as assert from 'node:assert/strict';
import { InputError, UserError } from '../../../src/core/errors';
import { parseIntInRange } from '../../../src/cli/program';
import { reportError } from '../../../src/core/errorReport';

function report(e: unknown, verbose: boolean): { code: number; text: string } {
  let text = '';
  const code = reportError(e, verbose, (s) => (text += s));
  return { code, text };
}

describe('CLI error reporting', () => {
  it('a UserError is its message on one line with its exit code', () => {
    assert.deepEqual(report(new UserError('Bucket x does not exist (set in GPS_BUCKET_NAME).'), false), {
      code: 1,
      text: 'Bucket x does not exist (set in GPS_BUCKET_NAME).\n',
    });
    assert.equal(report(new InputError('2021-02-30 is not a calendar date.'), false).code, 2);
  });

  it('anything else is "unexpected", exit 1, stack only with --verbose', () => {
    const quiet = report(new TypeError('boom'), false);
    assert.equal(quiet.code, 1);
    assert.doesNotMatch(quiet.text, /\n\s+at /);
    assert.match(quiet.text.split('\n')[0] ?? '', /boom/);
    const verbose = report(new TypeError('boom'), true);
    assert.match(verbose.text, /\n\s+at /);
  });

  it('--max-parallel must be a whole number from 1 to 50 (exit 2)', () => {
    const parse = parseIntInRange('--max-parallel', 1, 50);
    assert.equal(parse('3'), 3);
    assert.equal(parse('50'), 50);
    for (const bad of ['0', '-1', '1.5', 'two', '', '51', '1e2', '0x10', '100000']) {
      assert.throws(
        () => parse(bad),
        (e: unknown) => e instanceof UserError && e.exitCode === 2 && e.message.includes('--max-parallel'),
      );
    }
  });
});
