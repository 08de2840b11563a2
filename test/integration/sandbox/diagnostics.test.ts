// GetPasswordData, GetConsoleOutput/Screenshot and security groups of the sandbox, through the real SDK client.
import * as assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  GetConsoleOutputCommand,
  GetConsoleScreenshotCommand,
  GetPasswordDataCommand,
  TerminateInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { decryptWindowsPassword } from '../../../src/core/windowsPassword';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { clientsFor, errorName, launchedId, runOne, type SandboxClients } from './clients';

const PASSWORD_MS = 600;

describe('sandbox EC2 diagnostics: password, console, screenshot, security groups', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  const consoles = new Map<string, (text: string) => void>();

  before(async () => {
    sandbox = await startSandbox({
      timings: { pendingMs: 100, shuttingDownMs: 50, passwordMs: PASSWORD_MS },
      launcher: {
        start(launch) {
          if (launch.console) consoles.set(launch.instanceId, launch.console);
          launch.console?.('agent: started\n');
          return { exited: new Promise(() => undefined), stop: async () => undefined };
        },
      },
    });
    c = clientsFor(sandbox);
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  const launch = (extra: Partial<RunInstancesCommandInput> = {}): Promise<string> =>
    launchedId(
      runOne(c.ec2, {
        InstanceType: 'm5.xlarge',
        IamInstanceProfile: { Name: sandbox.env.INSTANCE_PROFILE },
        ...extra,
      }),
    );
  const stateOf = async (id: string) =>
    (await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`never: ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it("publishes the password a while after boot, encrypted with the key pair's real public key", async () => {
    const key = await c.ec2.send(new CreateKeyPairCommand({ KeyName: 'diag-key', KeyType: 'rsa' }));
    assert.ok(key.KeyMaterial);
    const id = await launch({ KeyName: 'diag-key' });
    const first = await c.ec2.send(new GetPasswordDataCommand({ InstanceId: id }));
    assert.equal(first.PasswordData, '', 'empty until Windows published it');
    await until(
      'password',
      async () => !!(await c.ec2.send(new GetPasswordDataCommand({ InstanceId: id }))).PasswordData,
    );
    const data = (await c.ec2.send(new GetPasswordDataCommand({ InstanceId: id }))).PasswordData ?? '';
    const password = decryptWindowsPassword(data, { path: 'diag-key.pem', pem: key.KeyMaterial }, 'diag-key');
    assert.match(password, /^[\x21-\x7e]{32}$/);
    // A public address while running, for the .rdp file.
    const described = await stateOf(id);
    assert.match(described?.PublicIpAddress ?? '', /^198\.51\.100\.\d+$/);
    assert.match(described?.PublicDnsName ?? '', /^ec2-198-51-100-\d+\.compute-1\.amazonaws\.com$/);
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  });

  it('never publishes a password for a machine without a key pair; unknown ids are InvalidInstanceID.NotFound', async () => {
    const id = await launch();
    await until('running', async () => (await stateOf(id))?.State?.Name === 'running');
    await new Promise((r) => setTimeout(r, PASSWORD_MS + 200));
    assert.equal((await c.ec2.send(new GetPasswordDataCommand({ InstanceId: id }))).PasswordData, '');
    assert.equal(
      await errorName(c.ec2.send(new GetPasswordDataCommand({ InstanceId: 'i-0123456789abcdef0' }))),
      'InvalidInstanceID.NotFound',
    );
    assert.equal(
      await errorName(c.ec2.send(new GetConsoleOutputCommand({ InstanceId: 'i-0123456789abcdef0' }))),
      'InvalidInstanceID.NotFound',
    );
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  });

  it('console output: the copy buffered at the last transition by default, everything with Latest', async () => {
    const id = await launch();
    await until('running', async () => (await stateOf(id))?.State?.Name === 'running');
    consoles.get(id)?.('agent: step 3 of 6\n');
    const decode = (o?: string) => Buffer.from(o ?? '', 'base64').toString('utf8');
    const buffered = decode((await c.ec2.send(new GetConsoleOutputCommand({ InstanceId: id }))).Output);
    assert.match(buffered, /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}Z: EC2Launch v2 \(sandbox\): instance i-/);
    assert.doesNotMatch(buffered, /step 3 of 6/, 'not buffered before the next state change');
    const latest = decode((await c.ec2.send(new GetConsoleOutputCommand({ InstanceId: id, Latest: true }))).Output);
    assert.match(latest, /agent: started\n/);
    assert.match(latest, /agent: step 3 of 6\n/);
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const after = decode((await c.ec2.send(new GetConsoleOutputCommand({ InstanceId: id }))).Output);
    assert.match(after, /step 3 of 6[\s\S]*Shutting down/, 'buffered at shutting-down');
  });

  it('screenshot: a JPEG while running, IncorrectInstanceState once terminated', async () => {
    const id = await launch();
    await until('running', async () => (await stateOf(id))?.State?.Name === 'running');
    const shot = await c.ec2.send(new GetConsoleScreenshotCommand({ InstanceId: id }));
    const image = Buffer.from(shot.ImageData ?? '', 'base64');
    assert.equal(image.readUInt16BE(0), 0xffd8);
    assert.equal(shot.InstanceId, id);
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await until('terminated', async () => (await stateOf(id))?.State?.Name === 'terminated');
    assert.equal(
      await errorName(c.ec2.send(new GetConsoleScreenshotCommand({ InstanceId: id }))),
      'IncorrectInstanceState',
    );
  });

  it('security groups: the default group admits only its members; a rule can be added once', async () => {
    const groups = await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0sandbox0default'] }));
    const group = groups.SecurityGroups?.[0];
    assert.equal(group?.GroupName, 'default');
    assert.deepEqual(
      group?.IpPermissions?.map((p) => [p.IpProtocol, p.UserIdGroupPairs?.[0]?.GroupId, p.IpRanges?.length]),
      [['-1', 'sg-0sandbox0default', 0]],
    );
    const add = () =>
      c.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: 'sg-0sandbox0default',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '203.0.113.77/24' }] },
          ],
        }),
      );
    await add();
    const after = (
      await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0sandbox0default'] }))
    ).SecurityGroups?.[0]?.IpPermissions?.find((p) => p.FromPort === 3389);
    assert.deepEqual(
      after?.IpRanges?.map((r) => r.CidrIp),
      ['203.0.113.0/24'],
      'stored canonicalised',
    );
    assert.equal(await errorName(add()), 'InvalidPermission.Duplicate');
    assert.equal(
      await errorName(c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] }))),
      'InvalidGroup.NotFound',
    );
    assert.equal(await errorName(launch({ SecurityGroupIds: ['sg-0123456789abcdef0'] })), 'InvalidGroup.NotFound');
  });
});
