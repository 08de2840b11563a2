// The root volume: ROOT_VOLUME_GB or sized from the day's inputs, gp3, never below the image's snapshot; the
// sandbox's RunInstances checks it as EC2 does, and the agent fails a day early when the disk cannot hold it.
import * as assert from 'node:assert/strict';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { awsErrorName } from '../../../src/aws/awsErrors';
import { launchDate, type LauncherDeps } from '../../../src/aws/launcher';
import { UserError } from '../../../src/core/errors';
import { DEFAULT_SNAPSHOT_GB, DISK_MARGIN_GB } from '../../../src/core/rootVolume';
import { TAG } from '../../../src/core/launchPlan';
import { createAgentLauncher } from '../../../src/sandbox/agentLauncher';
import { requireBuilt } from '../../helpers/cli';
import {
  agentLauncherDeps,
  SIM_JS,
  startAgentSandbox,
  streamLines,
  waitTerminated,
  type AgentSandbox,
} from './harness';

describe('root volume (launcher, sandbox RunInstances, agent disk check)', function () {
  this.timeout(90_000);
  let env: AgentSandbox;

  before(async () => {
    requireBuilt('agent.js', 'pvmtsc-sim.js');
    // Windows takes the whole 30 GiB of a snapshot-sized volume here: the agent of such a machine finds no room.
    env = await startAgentSandbox({
      launcher: (workRoot) =>
        createAgentLauncher({ workRoot, simSeconds: 0.5, simulatorScript: SIM_JS, boot: 'direct', windowsDiskGb: 30 }),
    });
  });
  after(async () => env?.close());

  const deps = (rootVolumeGb?: number): LauncherDeps => {
    const config = { ...env.config };
    delete config.rootVolumeGb;
    return agentLauncherDeps(env, { config: rootVolumeGb === undefined ? config : { ...config, rootVolumeGb } });
  };
  const rootOf = (instanceId: string) => env.sb.ec2.instances.get(instanceId)?.blockDevices?.[0];

  it('sizes the root volume from the inputs when ROOT_VOLUME_GB is empty: snapshot + inputs x factor + margin, gp3', async () => {
    const launched = await launchDate(deps(), '2020-06-29');
    // The seeded inputs are a few KB: the inputs round up to one GiB.
    assert.deepEqual(rootOf(launched.instanceId), {
      deviceName: '/dev/sda1',
      volumeSize: DEFAULT_SNAPSHOT_GB + 1 + DISK_MARGIN_GB,
      volumeType: 'gp3',
      deleteOnTermination: true,
    });
    await waitTerminated(env, launched.instanceId);
  });

  it('refuses ROOT_VOLUME_GB below the snapshot before launching, naming the key (exit 2)', async () => {
    const before = env.sb.ec2.instances.size;
    await assert.rejects(
      launchDate(deps(20), '2020-06-30'),
      (e: unknown) => e instanceof UserError && e.exitCode === 2 && /ROOT_VOLUME_GB 20 .*30 GiB/.test(e.message),
    );
    assert.equal(env.sb.ec2.instances.size, before, 'no machine was started');
  });

  it('the sandbox refuses what EC2 refuses: a root volume below its snapshot, a gp3 size out of range', async () => {
    const run = (size: number) =>
      env.clients.ec2.send(
        new RunInstancesCommand({
          ImageId: env.config.amiId,
          InstanceType: 'm5.xlarge',
          MinCount: 1,
          MaxCount: 1,
          BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: size, VolumeType: 'gp3' } }],
        }),
      );
    await assert.rejects(run(29), (e: unknown) => {
      assert.equal(awsErrorName(e), 'InvalidBlockDeviceMapping');
      assert.match(
        (e as Error).message,
        /Volume of size 29GB is smaller than {2}snapshot 'snap-[0-9a-f]+', expect size >= 30GB/,
      );
      return true;
    });
    await assert.rejects(run(16_385), (e: unknown) => awsErrorName(e) === 'InvalidParameterValue');
  });

  it('resolves AMI_ID resolve:ssm: to the image it names, and refuses a missing parameter naming AMI_ID', async () => {
    const alias = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
    const d = deps();
    const launched = await launchDate({ ...d, config: { ...d.config, amiId: `resolve:ssm:${alias}` } }, '2020-06-30');
    assert.equal(env.sb.ec2.instances.get(launched.instanceId)?.imageId, env.config.amiId);
    await waitTerminated(env, launched.instanceId);
    const missing = 'resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-1999-Nope';
    await assert.rejects(
      launchDate({ ...d, config: { ...d.config, amiId: missing } }, '2020-06-30'),
      (e: unknown) =>
        e instanceof UserError && e.exitCode === 2 && /^AMI_ID .*Windows_Server-1999-Nope/.test(e.message),
    );
  });

  it('fails the day before unpacking when the disk cannot hold it, naming ROOT_VOLUME_GB', async () => {
    const launched = await launchDate(deps(30), '2020-07-01');
    assert.equal(rootOf(launched.instanceId)?.volumeSize, 30);
    const end = await waitTerminated(env, launched.instanceId);
    assert.match(end.tags[TAG.status] ?? '', /^failed: Not enough disk: .*ROOT_VOLUME_GB to at least \d+/);
    const lines = await streamLines(env, launched.instanceId);
    assert.ok(
      lines.some((l) => /Free disk: 0 B; this day needs about/.test(l)),
      lines.join('\n'),
    );
    // The executable and the .par come first; no input is downloaded or unpacked after the check.
    assert.ok(!lines.some((l) => /(Downloading|Descargando).*\.gps\.gz/.test(l)), lines.join('\n'));
  });
});
