// What the form's actions do to the `.env` text.
import * as assert from 'node:assert/strict';
import { EnvFile } from '../../../src/core/envFile';
import { CONFIG_KEYS } from '../../../src/core/config';
import { setLanguage } from '../../../src/core/i18n';
import { applyFormEdit, minimalReplacement, newEnvText } from '../../../src/vscode/configEditor/formEdits';
import { SAMPLE_ENV, SECRET } from './sampleEnv';

function replay(before: string, after: string): string {
  const r = minimalReplacement(before, after);
  return r ? before.slice(0, r.start) + r.text + before.slice(r.end) : before;
}

describe('config editor edits', () => {
  before(() => setLanguage('en'));

  it('changes one value and keeps comments, order, trailing comments and unknown keys', () => {
    const after = applyFormEdit(SAMPLE_ENV, { kind: 'setValue', key: 'REGION_NAME', value: 'sa-east-1' });
    assert.equal(after, SAMPLE_ENV.replace('REGION_NAME=us-east-1', 'REGION_NAME=sa-east-1'));
    assert.match(after, /# Santiago data lives here/);
    assert.match(after, /MY_NOTES=keep me/);
  });

  it('appends a key the file does not have yet', () => {
    const after = applyFormEdit(SAMPLE_ENV, { kind: 'setValue', key: 'SUBNET_ID', value: 'subnet-0123abcd' });
    assert.equal(after, `${SAMPLE_ENV}SUBNET_ID=subnet-0123abcd\n`);
  });

  it('refuses to set a secret or an unknown key through setValue', () => {
    assert.throws(() => applyFormEdit(SAMPLE_ENV, { kind: 'setValue', key: 'AWS_SECRET_ACCESS_KEY', value: '' }));
    assert.throws(() => applyFormEdit(SAMPLE_ENV, { kind: 'setValue', key: 'PATH', value: '/tmp' }));
    assert.throws(() => applyFormEdit(SAMPLE_ENV, { kind: 'replaceSecret', key: 'AMI_ID', value: 'x' }));
  });

  it('replaces and clears the secret', () => {
    const replaced = applyFormEdit(SAMPLE_ENV, {
      kind: 'replaceSecret',
      key: 'AWS_SECRET_ACCESS_KEY',
      value: ' newSecret/abc+1 ',
    });
    assert.equal(EnvFile.parse(replaced).get('AWS_SECRET_ACCESS_KEY'), 'newSecret/abc+1');
    assert.equal(replaced.includes(SECRET), false);
    const cleared = applyFormEdit(SAMPLE_ENV, { kind: 'clearSecret', key: 'AWS_SECRET_ACCESS_KEY' });
    assert.equal(EnvFile.parse(cleared).get('AWS_SECRET_ACCESS_KEY'), '');
  });

  it('choosing a profile removes the keys (which would win) and choosing keys removes the profile', () => {
    const profile = applyFormEdit(SAMPLE_ENV, { kind: 'setAuthMode', mode: 'profile', firstProfile: 'analyst' });
    const env = EnvFile.parse(profile);
    assert.equal(env.has('AWS_ACCESS_KEY_ID'), false);
    assert.equal(env.has('AWS_SECRET_ACCESS_KEY'), false);
    assert.equal(env.get('AWS_PROFILE'), 'analyst');
    assert.match(profile, /# Credentials of the analyst account/);
    const keys = EnvFile.parse(applyFormEdit(profile, { kind: 'setAuthMode', mode: 'keys' }));
    assert.equal(keys.has('AWS_PROFILE'), false);
    assert.equal(keys.get('AWS_ACCESS_KEY_ID'), '');
    assert.equal(keys.get('AWS_SECRET_ACCESS_KEY'), '');
  });

  it('finds the smallest single replacement, without splitting a CRLF or a surrogate pair', () => {
    assert.equal(minimalReplacement('same', 'same'), undefined);
    assert.deepEqual(minimalReplacement('A=1\nB=2\n', 'A=1\nB=3\n'), { start: 6, end: 7, text: '3' });
    const cases: Array<[string, string]> = [
      ['A=1\r\nB=2\r\n', 'A=1\r\nB=2\r\nC=3\r\n'],
      ['A=1\r\n', 'A=1\n'],
      ['A=1\nB=2', 'A=1\r\nB=2'],
      ['X=😀', 'X=😃'],
      ['', 'A=1\n'],
      ['A=1\n', ''],
    ];
    for (const [before, after] of cases) {
      assert.equal(replay(before, after), after, JSON.stringify([before, after]));
      const r = minimalReplacement(before, after);
      assert.ok(r);
      assert.notEqual(before[r.start - 1], '\r', 'starts after a whole CRLF');
      assert.ok(!/[\uDC00-\uDFFF]/.test(before[r.start] ?? ''), 'starts on a whole character');
    }
  });

  it('writes a new file with every required key, empty, grouped and commented', () => {
    const text = newEnvText();
    const env = EnvFile.parse(text);
    const required = CONFIG_KEYS.filter((k) => k.required).map((k) => k.key);
    assert.deepEqual(
      env
        .entries()
        .map((e) => e.key)
        .sort(),
      [...required].sort(),
    );
    assert.ok(
      text.indexOf('GENERAL_LOG_STREAM=') < text.indexOf('GPS_BUCKET_NAME='),
      'in the order of the form: logs before buckets',
    );
    assert.ok(env.entries().every((e) => e.value === ''));
    assert.match(text, /^# .+\n/);
  });
});
