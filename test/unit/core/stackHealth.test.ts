// Test Connection's reading of the deployed stack: each CloudFormation status lands in the state whose message
// names the command that gets out of it, and a stack is outdated exactly when its TemplateVersion output is not
// the version this code would deploy for this configuration.
import * as assert from 'node:assert/strict';
import type { RunConfigSource } from '../../../src/core/agentRunConfig';
import { expectedVersion, stackHealth, type DeployedStack } from '../../../src/core/stackHealth';
import { stackTemplate, versionOf } from '../../../src/core/stackTemplate';
import { launchConfig } from '../../helpers/launchConfig';

const config: RunConfigSource = launchConfig();

/** A stack as setup leaves it: the outputs of the template it deployed (log group owned, stream not). */
function deployedWith(source: RunConfigSource, status = 'CREATE_COMPLETE'): DeployedStack {
  const template = stackTemplate(source, { stackName: 'adatrap-miner', createLogGroup: true, createLogStream: false });
  return {
    status,
    outputs: {
      TemplateVersion: versionOf(template),
      ManagesLogGroup: 'true',
      ManagesLogStream: 'false',
    },
  };
}

describe('stack health (Test Connection)', () => {
  it('is missing without a stack or once it is deleted', () => {
    assert.deepEqual(stackHealth(undefined, 'adatrap-miner', config), { kind: 'missing' });
    assert.deepEqual(stackHealth({ status: 'DELETE_COMPLETE', outputs: {} }, 'adatrap-miner', config), {
      kind: 'missing',
    });
  });

  it('is up to date when the deployed version is the one this code builds, keeping the log choices', () => {
    const health = stackHealth(deployedWith(config), 'adatrap-miner', config);
    assert.equal(health.kind, 'upToDate');
    // The expected version follows the stack's own ManagesLog* outputs, not a fresh stack's defaults.
    const fresh = versionOf(
      stackTemplate(config, { stackName: 'adatrap-miner', createLogGroup: true, createLogStream: true }),
    );
    assert.notEqual(expectedVersion(config, 'adatrap-miner', deployedWith(config)), fresh);
  });

  it('is outdated when the configuration (and so the policy) changed, or the stack has no version', () => {
    const moved = { ...config, outputBucket: 'adatrap-out-2025' };
    const health = stackHealth(deployedWith(config), 'adatrap-miner', moved);
    assert.equal(health.kind, 'outdated');
    assert.ok(health.kind === 'outdated' && health.deployed && health.deployed !== health.expected);
    const old = stackHealth({ status: 'UPDATE_COMPLETE', outputs: {} }, 'adatrap-miner', config);
    assert.equal(old.kind, 'outdated');
    assert.equal(old.kind === 'outdated' && old.deployed, undefined);
  });

  it('cannot compare without a complete configuration, but still reads the status', () => {
    assert.equal(stackHealth(deployedWith(config), 'adatrap-miner', undefined).kind, 'unverified');
    assert.equal(
      stackHealth(deployedWith(config, 'ROLLBACK_COMPLETE'), 'adatrap-miner', undefined).kind,
      'createFailed',
    );
  });

  it('sorts every failed or busy status into the state that says how to get out of it', () => {
    const kinds = Object.fromEntries(
      [
        'CREATE_FAILED',
        'ROLLBACK_IN_PROGRESS',
        'ROLLBACK_FAILED',
        'ROLLBACK_COMPLETE',
        'UPDATE_ROLLBACK_FAILED',
        'DELETE_FAILED',
        'UPDATE_ROLLBACK_COMPLETE',
        'CREATE_IN_PROGRESS',
        'UPDATE_IN_PROGRESS',
        'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
        'UPDATE_ROLLBACK_IN_PROGRESS',
        'DELETE_IN_PROGRESS',
        'UPDATE_COMPLETE',
      ].map((status) => [status, stackHealth(deployedWith(config, status), 'adatrap-miner', config).kind]),
    );
    assert.deepEqual(kinds, {
      CREATE_FAILED: 'createFailed',
      ROLLBACK_IN_PROGRESS: 'createFailed',
      ROLLBACK_FAILED: 'createFailed',
      ROLLBACK_COMPLETE: 'createFailed',
      UPDATE_ROLLBACK_FAILED: 'rollbackFailed',
      DELETE_FAILED: 'deleteFailed',
      UPDATE_ROLLBACK_COMPLETE: 'updateRolledBack',
      CREATE_IN_PROGRESS: 'busy',
      UPDATE_IN_PROGRESS: 'busy',
      UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'busy',
      UPDATE_ROLLBACK_IN_PROGRESS: 'busy',
      DELETE_IN_PROGRESS: 'busy',
      UPDATE_COMPLETE: 'upToDate',
    });
  });
});
