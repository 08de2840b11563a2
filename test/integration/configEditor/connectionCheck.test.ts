// Test connection and Check inputs, as the configuration editor runs them, against the sandbox on loopback.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { setLanguage } from '../../../src/core/i18n';
import { fixAndTestConnection, testConnection, type ConnectionCheck } from '../../../src/aws/connectionCheck';
import { checkInputsReport } from '../../../src/vscode/configEditor/inputsCheck';
import { createClients } from '../../../src/aws/clients';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { CloudFormationStacks } from '../../../src/aws/stacks';
import { deployAdatrapStack } from '../../../src/aws/stackSetup';
import { loadConfig } from '../../../src/core/config';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

function byId(checks: ConnectionCheck[], id: string): ConnectionCheck {
  const found = checks.find((c) => c.id === id);
  assert.ok(found, `no check ${id} in ${checks.map((c) => c.id).join(', ')}`);
  return found;
}

function envText(values: Record<string, string>): string {
  return (
    Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

describe('config editor checks against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  before(async () => {
    setLanguage('en');
    sandbox = await startSandbox({ stackStepMs: 5 });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('is all green for the sandbox configuration but the stack, which names the command that deploys it', async () => {
    const checks = await testConnection(sandbox.env);
    const notOk = checks.filter((c) => c.status !== 'ok');
    assert.deepEqual(
      notOk.map((c) => c.id),
      ['stack'],
    );
    assert.equal(byId(checks, 'stack').status, 'fail');
    assert.match(byId(checks, 'stack').detail, /no stack adatrap-miner in us-east-1.*"adatrap-miner setup"/);
    assert.match(byId(checks, 'credentials').detail, /arn:aws:/);
    assert.equal(checks.filter((c) => c.id.startsWith('bucket:')).length, 7);
    assert.ok(
      ['logGroup', 'logStream', 'executable:exe', 'executable:par', 'keyPair', 'ami'].every(
        (id) => byId(checks, id).status === 'ok',
      ),
    );
  });

  it('is green for a stack setup deployed, and outdated once the .env changes what its policy names', async () => {
    const loaded = loadConfig(envText(sandbox.env), {});
    assert.ok(loaded.config, JSON.stringify(loaded.problems));
    const clients = createClients(loaded.config);
    try {
      const result = await deployAdatrapStack(
        new CloudFormationStacks(clients.cloudFormation),
        new CloudWatchLogs(clients.logs),
        loaded.config,
        { pollMs: 20 },
      );
      assert.equal(result.action, 'created');
    } finally {
      clients.destroy();
    }
    const checks = await testConnection(sandbox.env);
    assert.deepEqual(
      checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.detail}`),
      [],
    );
    assert.match(byId(checks, 'stack').detail, /^Up to date \(CREATE_COMPLETE, template [0-9a-f]{16}\)\.$/);
    // Another output bucket changes the machines' policy: the deployed template no longer matches.
    const moved = await testConnection({ ...sandbox.env, OUTPUT_DATA_BUCKET_NAME: sandbox.env.GPS_BUCKET_NAME ?? '' });
    const stack = byId(moved, 'stack');
    assert.equal(stack.status, 'warn');
    assert.match(
      stack.detail,
      /outdated: it runs template [0-9a-f]{16}, this version deploys [0-9a-f]{16}.*"adatrap-miner setup"/,
    );
  });

  it('turns a missing bucket red, naming the bucket and the key to fix, and leaves the others green', async () => {
    const checks = await testConnection({ ...sandbox.env, GPS_BUCKET_NAME: 'no-such-gps-bucket' });
    const gps = byId(checks, 'bucket:GPS_BUCKET_NAME');
    assert.equal(gps.status, 'fail');
    assert.match(gps.detail, /no-such-gps-bucket/);
    assert.match(gps.detail, /GPS_BUCKET_NAME/);
    assert.equal(byId(checks, 'bucket:OUTPUT_DATA_BUCKET_NAME').status, 'ok');
  });

  it('names a missing key pair, machine image and executable version', async () => {
    const checks = await testConnection({
      ...sandbox.env,
      KEY_PAIR: 'nobodys-key',
      AMI_ID: 'ami-0123456789abcdef0',
      EXECUTABLE_VERSION: '9.9',
    });
    assert.equal(byId(checks, 'keyPair').status, 'fail');
    assert.match(byId(checks, 'keyPair').detail, /nobodys-key/);
    assert.equal(byId(checks, 'ami').status, 'fail');
    assert.match(byId(checks, 'ami').detail, /ami-0123456789abcdef0/);
    assert.equal(byId(checks, 'executable:exe').status, 'fail');
    assert.match(byId(checks, 'executable:exe').detail, /pvmtsc_v9\.9\.exe/);
  });

  it('offers to create a missing log group and stream, and creating them turns both green', async () => {
    const values = { ...sandbox.env, LOG_GROUP: 'adatrap-editor-test', GENERAL_LOG_STREAM: 'general-editor' };
    const before = await testConnection(values);
    assert.equal(byId(before, 'logGroup').status, 'fail');
    assert.equal(byId(before, 'logGroup').fix, 'createLogGroup');
    assert.equal(byId(before, 'logStream').fix, 'createLogStream');
    const after = await fixAndTestConnection('createLogStream', values);
    assert.equal(byId(after, 'logGroup').status, 'ok');
    assert.equal(byId(after, 'logStream').status, 'ok');
  });

  it('says once that the credentials failed and skips the rest', async () => {
    const checks = await testConnection({ ...sandbox.env, REGION_NAME: '' });
    assert.equal(byId(checks, 'credentials').status, 'fail');
    assert.match(byId(checks, 'credentials').detail, /REGION_NAME/);
    const rest = checks.filter((c) => c.id !== 'credentials');
    assert.ok(rest.length >= 3, `only ${rest.length} other checks`);
    assert.deepEqual(
      rest.filter((c) => c.status !== 'skipped').map((c) => c.id),
      [],
    );
  });

  it('checks the inputs of a seeded date (ready) and of an incomplete one (names what is missing)', async () => {
    const text = envText(sandbox.env);
    const ready = await checkInputsReport(text, '2020-06-29');
    assert.equal(ready.ready, true, JSON.stringify(ready));
    assert.ok(ready.items.some((i) => i.title === '2020-06-29.gps.gz' && i.status === 'ok'));
    const missing = await checkInputsReport(text, '2020-07-02');
    assert.equal(missing.ready, false);
    assert.ok(missing.items.some((i) => i.status === 'fail'));
    await assert.rejects(checkInputsReport(text, '2020-02-30'), /2020-02-30/);
  });
});
