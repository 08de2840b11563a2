// Test connection works on an incomplete `.env`: what is set is checked, what is empty counts as not set.
import * as assert from 'node:assert/strict';
import { connectionInputs } from '../../../src/aws/connectionCheck';

describe('connection check inputs', () => {
  it('maps the .env keys to client settings and checks, treating empty values as not set', () => {
    const { client, settings } = connectionInputs({
      REGION_NAME: 'sa-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret/value',
      AWS_PROFILE: '',
      GPS_BUCKET_NAME: 'my-gps',
      OUTPUT_DATA_BUCKET_NAME: '',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4566',
      UNRELATED: 'x',
    });
    assert.equal(client.region, 'sa-east-1');
    assert.equal(client.accessKeyId, 'AKIAIOSFODNN7EXAMPLE');
    assert.equal(client.secretAccessKey, 'secret/value');
    assert.equal(client.profile, undefined);
    assert.equal(client.endpoints?.s3, 'http://127.0.0.1:4566');
    assert.equal(client.endpoints?.default, undefined);
    assert.deepEqual(settings, { region: 'sa-east-1', gpsBucket: 'my-gps' });
    assert.equal(JSON.stringify(settings).includes('secret/value'), false, 'the checks never carry the secret');
  });

  it('gives an empty region when none is set, which the check reports as the first thing to fix', () => {
    assert.equal(connectionInputs({}).client.region, '');
  });
});
