import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createClients, credentialsFor, endpointFor } from '../../../src/aws/clients';
import { UserError } from '../../../src/core/errors';

describe('AWS client settings', () => {
  it('endpoints: service key first, then the general one; config before the process environment', () => {
    const env = { AWS_ENDPOINT_URL: 'http://env-default', AWS_ENDPOINT_URL_S3: 'http://env-s3' };
    assert.equal(
      endpointFor('s3', { region: 'us-east-1', endpoints: { s3: 'http://cfg-s3', default: 'http://cfg' } }, env),
      'http://cfg-s3',
    );
    assert.equal(endpointFor('ec2', { region: 'us-east-1', endpoints: { default: 'http://cfg' } }, env), 'http://cfg');
    assert.equal(endpointFor('s3', { region: 'us-east-1' }, env), 'http://env-s3');
    assert.equal(endpointFor('logs', { region: 'us-east-1' }, env), 'http://env-default');
    assert.equal(endpointFor('logs', { region: 'us-east-1' }, {}), undefined);
  });

  it('the Price List client signs for us-east-1 whatever the run region, with or without an endpoint', async () => {
    const settings = { region: 'sa-east-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' };
    const aws = createClients(settings);
    const local = createClients({ ...settings, endpoints: { default: 'http://127.0.0.1:1' } });
    try {
      assert.equal(await aws.pricing.config.region(), 'us-east-1');
      assert.equal(await aws.sfn.config.region(), 'sa-east-1');
      assert.equal(await aws.cloudFormation.config.region(), 'sa-east-1');
      assert.equal(await local.pricing.config.region(), 'us-east-1');
    } finally {
      aws.destroy();
      local.destroy();
    }
  });

  it('keys from .env are used as they are, session token included', () => {
    assert.deepEqual(
      credentialsFor({ region: 'us-east-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's', sessionToken: 'tok' }),
      {
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 's',
        sessionToken: 'tok',
      },
    );
  });

  describe('a profile that cannot be resolved', () => {
    const saved = { config: process.env.AWS_CONFIG_FILE, creds: process.env.AWS_SHARED_CREDENTIALS_FILE };
    let dir = '';
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'adatrap-aws-config-'));
      writeFileSync(path.join(dir, 'config'), '[profile other]\nregion = us-east-1\n');
      writeFileSync(path.join(dir, 'credentials'), '');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    });
    after(() => {
      for (const [key, value] of [
        ['AWS_CONFIG_FILE', saved.config],
        ['AWS_SHARED_CREDENTIALS_FILE', saved.creds],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('is a UserError naming the profile and the keys to set', async () => {
      const provider = credentialsFor({ region: 'us-east-1', profile: 'missing-profile' });
      assert.equal(typeof provider, 'function');
      await assert.rejects(
        (provider as () => Promise<unknown>)(),
        (e: unknown) =>
          e instanceof UserError &&
          /AWS_PROFILE/.test(e.message) &&
          /AWS_ACCESS_KEY_ID/.test(e.message) &&
          /missing-profile/.test(e.message),
      );
    });
  });
});
