import * as assert from 'node:assert/strict';
import { InputError, UserError } from '../../../src/core/errors';
import { parsePositiveInt } from '../../../src/cli/program';
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

  it('--max-parallel must be a whole number of at least 1 (exit 2)', () => {
    const parse = parsePositiveInt('--max-parallel');
    assert.equal(parse('3'), 3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) {
      assert.throws(
        () => parse(bad),
        (e: unknown) => e instanceof UserError && e.exitCode === 2 && e.message.includes('--max-parallel'),
      );
    }
  });
});
