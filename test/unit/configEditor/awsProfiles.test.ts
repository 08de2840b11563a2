// Profiles offered by "use an AWS profile instead of keys".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { awsProfileFiles, listAwsProfiles } from '../../../src/core/awsProfiles';
import { readAwsProfiles } from '../../../src/vscode/configEditor/awsProfileReader';

describe('AWS profiles', () => {
  it('reads [default], [profile x] from config and every section of credentials, without sso-session blocks', () => {
    const config = [
      '[default]',
      'region = us-east-1',
      '[profile analyst]',
      'sso_session = red',
      '[sso-session red]',
      'sso_start_url = https://x',
      '[services local]',
      '[profile  spaced ] # note',
    ].join('\n');
    const credentials = ['[default]', 'aws_access_key_id = AKIA...', '[legacy-user]', '; comment', '[ci]'].join('\r\n');
    assert.deepEqual(listAwsProfiles(config, credentials), ['default', 'analyst', 'ci', 'legacy-user', 'spaced']);
  });

  it('gives nothing for missing files', () => {
    assert.deepEqual(listAwsProfiles(undefined, undefined), []);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    assert.deepEqual(awsProfileFiles({}, '/home/ana/'), {
      configFile: '/home/ana/.aws/config',
      credentialsFile: '/home/ana/.aws/credentials',
    });
    assert.deepEqual(
      awsProfileFiles({ AWS_CONFIG_FILE: '/etc/aws.cfg', AWS_SHARED_CREDENTIALS_FILE: '/etc/creds' }, '/home/ana'),
      {
        configFile: '/etc/aws.cfg',
        credentialsFile: '/etc/creds',
      },
    );
  });

  it('reads the files named by the environment from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adatrap-profiles-'));
    try {
      fs.writeFileSync(path.join(dir, 'cfg'), '[profile from-env]\n');
      const profiles = await readAwsProfiles(
        { AWS_CONFIG_FILE: path.join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'absent') },
        dir,
      );
      assert.deepEqual(profiles, ['from-env']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
