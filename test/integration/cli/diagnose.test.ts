// get-windows-password, rdp and get-console-output: the bundled CLI against the sandbox, the password decrypted
// from a real RSA encryption with the .pem create-key-pair saved.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { clientsFor, launchedId, runOne, type SandboxClients } from '../sandbox/clients';
import { requireBuilt, runCli } from '../../helpers/cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('CLI: get-windows-password, rdp, get-console-output against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  let workspace: string;
  let instanceId = '';

  before(async function () {
    requireBuilt();
    sandbox = await startSandbox({ timings: { pendingMs: 100, shuttingDownMs: 50, passwordMs: 5000 } });
    c = clientsFor(sandbox);
    workspace = mkdtempSync(path.join(tmpdir(), 'adatrap-diagnose-'));
    writeFileSync(path.join(workspace, '.env'), `${sandbox.envText()}\nKEY_PAIR=rdp-key\n`);
    const created = await runCli(workspace, ['create-key-pair', 'rdp-key']);
    assert.equal(created.code, 0, created.stderr);
    instanceId = await launchedId(
      runOne(c.ec2, {
        InstanceType: 'm5.xlarge',
        KeyName: 'rdp-key',
        IamInstanceProfile: { Name: sandbox.env.INSTANCE_PROFILE },
      }),
    );
  });
  after(async () => {
    c?.destroy();
    await sandbox?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(workspace, args);

  it('get-windows-password waits with progress, then prints only the decrypted password', async () => {
    const r = await cli('get-windows-password', instanceId, '--wait', '0.5');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^[\x21-\x7e]{32}\n$/);
    assert.match(r.stderr, new RegExp(`Waiting for Windows on ${instanceId} to publish its password`));
  });

  it('rdp says port 3389 is closed to us and how to open it, still writes the file and prints the password once', async () => {
    const r = await cli('rdp', instanceId);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Port 3389 is closed to your address 127\.0\.0\.1\/32/);
    assert.match(
      r.stderr,
      /aws ec2 authorize-security-group-ingress --region us-east-1 --group-id sg-0sandbox0default --protocol tcp --port 3389 --cidr 127\.0\.0\.1\/32/,
    );
    assert.match(
      r.stderr,
      /aws ssm start-session --region us-east-1 --target i-[0-9a-f]+ --document-name AWS-StartPortForwardingSession/,
    );
    const file = path.join(workspace, `${instanceId}.rdp`);
    const text = readFileSync(file, 'utf8');
    const dns = (await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]
      ?.Instances?.[0]?.PublicDnsName;
    assert.equal(text.split('\r\n')[0], `full address:s:${dns}`);
    assert.match(text, /username:s:Administrator\r\n/);
    const password = /Password \(shown once, not saved\): (\S+)/.exec(r.stdout)?.[1] ?? '';
    assert.equal(password.length, 32);
    assert.ok(!text.includes(password), 'the password is not in the .rdp file');
  });

  it('rdp never replaces an existing file, and reports the port open once the rule exists', async () => {
    const again = await cli('rdp', instanceId);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /\.rdp already exists: it was left as it is/);
    await c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: 'sg-0sandbox0default',
        IpProtocol: 'tcp',
        FromPort: 3389,
        ToPort: 3389,
        CidrIp: '127.0.0.1/32',
      }),
    );
    const open = await cli('rdp', instanceId, '-o', 'second.rdp');
    assert.equal(open.code, 0, open.stderr);
    assert.match(
      open.stderr,
      /Port 3389 is open to 127\.0\.0\.1: security group sg-0sandbox0default allows 127\.0\.0\.1\/32/,
    );
    assert.doesNotMatch(open.stderr, /ssm start-session/);
    const ssm = await cli('rdp', instanceId, '-o', 'tunnel.rdp', '--via-ssm');
    assert.equal(ssm.code, 0, ssm.stderr);
    assert.match(readFileSync(path.join(workspace, 'tunnel.rdp'), 'utf8'), /^full address:s:localhost:13389\r\n/);
  });

  it('a .pem of another key pair is refused naming the key pair', async () => {
    const other = await cli('create-key-pair', 'other-key');
    assert.equal(other.code, 0, other.stderr);
    const r = await cli('get-windows-password', instanceId, '--pem', 'other-key.pem');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /other-key\.pem cannot decrypt this password: it is not the private key of key pair rdp-key/,
    );
    assert.equal(r.stdout, '');
  });

  it('get-console-output prints the decoded console, --screenshot saves a JPEG without clobbering', async () => {
    const r = await cli('get-console-output', instanceId, '--latest', '--screenshot', 'screen.jpg');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /EC2Launch v2 \(sandbox\): instance i-[0-9a-f]+ booting\n/);
    assert.match(r.stdout, /Message: Windows is Ready to use\n/);
    assert.equal(readFileSync(path.join(workspace, 'screen.jpg')).readUInt16BE(0), 0xffd8);
    const again = await cli('get-console-output', instanceId, '--screenshot', 'screen.jpg');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /screen\.jpg already exists/);
    const bad = await cli('get-console-output', 'i-0123456789abcdef0');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Instance i-0123456789abcdef0 does not exist in us-east-1/);
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  });

  it('bad usage exits 2 before any AWS call', async () => {
    const r = await cli('rdp', 'web-server-1');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"web-server-1" is not an instance ID/);
  });
});
