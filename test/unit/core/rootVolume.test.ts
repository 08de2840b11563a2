import * as assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors';
import { buildLaunchPlan } from '../../../src/core/launchPlan';
import {
  DEFAULT_SNAPSHOT_GB,
  DISK_FACTOR,
  DISK_MARGIN_GB,
  GP3_MAX_GB,
  plannedRootVolumeGb,
  requiredDiskBytes,
  rootBlockDevice,
} from '../../../src/core/rootVolume';
import { loadConfig } from '../../../src/core/config';
import { sandboxEnv } from '../../../src/sandbox/env';

const GIB = 1024 ** 3;

describe('root volume size (core)', () => {
  it('ROOT_VOLUME_GB wins when it is at least the snapshot; below it is a configuration error naming the key', () => {
    assert.equal(plannedRootVolumeGb({ configuredGb: 80, snapshotGb: 30, compressedInputBytes: 100 * GIB }), 80);
    assert.throws(
      () => plannedRootVolumeGb({ configuredGb: 25, snapshotGb: 30 }),
      (e: unknown) => e instanceof UserError && e.exitCode === 2 && /ROOT_VOLUME_GB 25/.test(e.message),
    );
  });

  it('empty ROOT_VOLUME_GB: snapshot + the inputs x DISK_FACTOR in whole GiB + the margin, at most gp3 maximum', () => {
    assert.equal(requiredDiskBytes(GIB), DISK_FACTOR * GIB);
    assert.equal(
      plannedRootVolumeGb({ snapshotGb: 30, compressedInputBytes: 2 * GIB }),
      30 + 2 * DISK_FACTOR + DISK_MARGIN_GB,
    );
    assert.equal(plannedRootVolumeGb({}), DEFAULT_SNAPSHOT_GB + DISK_MARGIN_GB, 'unknown image and inputs');
    assert.equal(plannedRootVolumeGb({ snapshotGb: 30, compressedInputBytes: 10_000 * GIB }), GP3_MAX_GB);
  });

  it('the launch plan carries the root volume as a gp3 mapping deleted with the machine', () => {
    const { config } = loadConfig('', sandboxEnv('http://127.0.0.1:1', 'token'));
    assert.ok(config);
    const request = { date: '2020-06-29', agentSha256: 'a'.repeat(64), agentVersion: 't', language: 'es' as const };
    assert.equal(buildLaunchPlan(config, request).plan.BlockDeviceMappings, undefined);
    const rootVolume = rootBlockDevice({ deviceName: '/dev/sda1', snapshotGb: 30 }, 64);
    assert.deepEqual(buildLaunchPlan(config, { ...request, rootVolume }).plan.BlockDeviceMappings, [
      { DeviceName: '/dev/sda1', Ebs: { VolumeSize: 64, VolumeType: 'gp3', DeleteOnTermination: true } },
    ]);
  });
});
