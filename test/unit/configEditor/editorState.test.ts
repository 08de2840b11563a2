// What the form shows for a `.env`: groups, values, the core's messages, and never the secret.
import * as assert from 'node:assert/strict';
import { setLanguage } from '../../../src/core/i18n';
import { validateValue } from '../../../src/core/config';
import { buildEditorState } from '../../../src/vscode/configEditor/editorState';
import type { EditorState, FieldView, GroupId } from '../../../src/vscode/configEditor/protocol';
import { SAMPLE_ENV, SECRET } from './sampleEnv';

const descriptions: Record<GroupId, string> = {
  credentials: 'c',
  machine: 'm',
  logs: 'l',
  buckets: 'b',
  executable: 'e',
  optional: 'o',
};

function state(text: string, environment: Record<string, string> = {}, profiles: string[] = []): EditorState {
  return buildEditorState({ text, fileName: '.env', environment, profiles, groupDescriptions: descriptions });
}

function field(s: EditorState, key: string): FieldView | undefined {
  return s.groups.flatMap((g) => g.fields).find((f) => f.key === key);
}

describe('config editor state', () => {
  before(() => setLanguage('en'));

  it('shows the six groups in order with every key of a valid file and no problem', () => {
    const s = state(SAMPLE_ENV);
    assert.deepEqual(
      s.groups.map((g) => g.id),
      ['credentials', 'machine', 'logs', 'buckets', 'executable', 'optional'],
    );
    assert.equal(s.problemCount, 0);
    assert.equal(s.authMode, 'keys');
    assert.equal(field(s, 'AMI_ID')?.value, 'ami-0b697c4ae566cad55');
    assert.equal(field(s, 'REGION_NAME')?.value, 'us-east-1');
    assert.equal(field(s, 'REGION_NAME')?.kind, 'region');
    assert.equal(field(s, 'GPS_BUCKET_NAME')?.required, true);
    assert.equal(field(s, 'SUBNET_ID')?.required, false);
    assert.ok(field(s, 'AMI_ID')?.help, 'each field has help text');
    assert.deepEqual(s.otherKeys, ['MY_NOTES']);
    assert.ok(s.regions.some((r) => r.code === 'sa-east-1'));
  });

  it('never puts the secret value in the state, only whether it is set', () => {
    const s = state(SAMPLE_ENV);
    const secret = field(s, 'AWS_SECRET_ACCESS_KEY');
    assert.equal(secret?.kind, 'secret');
    assert.equal(secret?.isSet, true);
    assert.equal(secret && 'value' in secret, false);
    assert.equal(JSON.stringify(s).includes(SECRET), false);
    assert.equal(JSON.stringify(s).includes(SECRET.slice(0, 12)), false);
    assert.equal(field(state(SAMPLE_ENV.replace(SECRET, '')), 'AWS_SECRET_ACCESS_KEY')?.isSet, false);
  });

  it("shows the core's own message (the CLI's) under a bad value, and counts it", () => {
    const s = state(SAMPLE_ENV.replace('AMI_ID=ami-0b697c4ae566cad55', 'AMI_ID=ubuntu-latest'));
    assert.equal(field(s, 'AMI_ID')?.problem, validateValue('AMI_ID', 'ubuntu-latest'));
    assert.match(field(s, 'AMI_ID')?.problem ?? '', /AMI_ID/);
    assert.equal(field(s, 'AMI_ID')?.problemKind, 'invalid');
    assert.equal(s.problemCount, 1);
    assert.equal(field(s, 'INSTANCE_TYPE')?.problem, undefined);
  });

  it('reports a missing required key on its field', () => {
    const s = state(SAMPLE_ENV.replace('GPS_BUCKET_NAME=adatrap-gps\n', ''));
    assert.match(field(s, 'GPS_BUCKET_NAME')?.problem ?? '', /GPS_BUCKET_NAME/);
    assert.equal(field(s, 'GPS_BUCKET_NAME')?.problemKind, 'missing');
    assert.equal(field(s, 'GPS_BUCKET_NAME')?.value, '');
  });

  it('switches to profile mode when the file names a profile and no keys, and puts the credential problem there', () => {
    const withoutKeys = SAMPLE_ENV.replace(/AWS_ACCESS_KEY_ID=.*\n/, '').replace(/AWS_SECRET_ACCESS_KEY=.*\n/, '');
    const s = state(`${withoutKeys}AWS_PROFILE=\n`, {}, ['default', 'analyst']);
    assert.equal(s.authMode, 'profile');
    assert.equal(field(s, 'AWS_ACCESS_KEY_ID'), undefined);
    assert.equal(field(s, 'AWS_PROFILE')?.kind, 'profile');
    assert.equal(field(s, 'AWS_PROFILE')?.required, true);
    assert.ok(field(s, 'AWS_PROFILE')?.problem, 'an empty profile and no keys is a problem shown on the profile field');
    assert.deepEqual(s.profiles, ['default', 'analyst']);
    const chosen = state(`${withoutKeys}AWS_PROFILE=analyst\n`);
    assert.equal(chosen.problemCount, 0);
    assert.equal(field(chosen, 'AWS_PROFILE')?.value, 'analyst');
  });

  it('lists a profile left next to access keys among the other keys, so it does not vanish unseen', () => {
    const s = state(`${SAMPLE_ENV}AWS_PROFILE=old\n`);
    assert.equal(s.authMode, 'keys');
    assert.deepEqual(s.otherKeys, ['MY_NOTES', 'AWS_PROFILE']);
  });

  it('marks a key that a process environment variable overrides', () => {
    const s = state(SAMPLE_ENV, { REGION_NAME: 'sa-east-1' });
    assert.equal(field(s, 'REGION_NAME')?.overriddenByEnvironment, true);
    assert.equal(field(s, 'AMI_ID')?.overriddenByEnvironment, false);
    assert.equal(field(s, 'REGION_NAME')?.value, 'us-east-1', 'the form edits the file, so it shows the file value');
  });
});
