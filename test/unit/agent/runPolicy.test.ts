import * as assert from 'node:assert/strict';
import { exeTimeoutMs, UPLOAD_RESERVE_MS } from '../../../agent/processDay';
import { statusTagValue, TAG_VALUE_LIMIT } from '../../../agent/instanceControl';
import type { AgentRunConfig } from '../../../src/core/agentRunConfig';
import { awsErrorDetail } from '../../../agent/runFailure';

const now = Date.parse('2026-01-01T00:00:00Z');
function config(hours: number, exeTimeoutSeconds?: number): AgentRunConfig {
  return {
    schema: 1,
    date: '2020-06-29',
    debug: false,
    region: 'us-east-1',
    language: 'es',
    executableVersion: '0.2',
    agentVersion: 't',
    deadline: new Date(now + hours * 3600_000).toISOString(),
    logGroup: 'g',
    generalLogStream: 's',
    buckets: {
      executables: 'e',
      gps: 'g',
      file196: 'f',
      transactions: 't',
      opProgram: 'p',
      serviceDetail: 's',
      output: 'o',
    },
    ...(exeTimeoutSeconds !== undefined ? { exeTimeoutSeconds } : {}),
  };
}

describe('run policy', () => {
  it('ends the executable before the machine deadline, leaving time to upload', () => {
    assert.equal(exeTimeoutMs(config(4), now), 4 * 3600_000 - UPLOAD_RESERVE_MS);
    assert.equal(exeTimeoutMs(config(4, 75 * 60), now), 75 * 60_000);
    assert.equal(
      exeTimeoutMs(config(1, 10 * 3600), now),
      3600_000 - UPLOAD_RESERVE_MS,
      'a configured limit never passes the deadline',
    );
    assert.equal(exeTimeoutMs(config(4, 2), now), 2000, 'a short explicit limit is honoured');
  });

  it('records the outcome in a tag value EC2 accepts', () => {
    assert.equal(statusTagValue({ ok: true }), 'succeeded');
    assert.equal(statusTagValue({ ok: false, reason: 'input missing: s3://b/k' }), 'failed: input missing: s3://b/k');
    const long = statusTagValue({ ok: false, reason: 'x'.repeat(1000) });
    assert.equal(long.length, TAG_VALUE_LIMIT);
    assert.match(long, /^failed: x+…$/);
  });
});

describe('AWS error details in reasons', () => {
  it('names the error, and the status when a bodiless HEAD answer leaves the SDK with "Unknown"', () => {
    assert.equal(awsErrorDetail({ name: 'AccessDenied', message: 'Access Denied' }), 'AccessDenied: Access Denied');
    assert.equal(
      awsErrorDetail({ name: 'Unknown', message: 'UnknownError', $metadata: { httpStatusCode: 403 } }),
      'AccessDenied (HTTP 403)',
    );
    assert.equal(
      awsErrorDetail({ name: 'Unknown', message: 'UnknownError', $metadata: { httpStatusCode: 500 } }),
      'HTTP 500',
    );
  });
});
