// setup's CloudFormation adapter against a scripted client: creation followed to CREATE_COMPLETE with its
// events in order, "No updates are to be performed." as success, a rollback as one message naming the
// failed resource, and a delete followed until the stack is gone.
import * as assert from 'node:assert/strict';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFormationStacks, type StackEvent } from '../../../src/aws/stacks';
import { printEvent } from '../../../src/cli/setup';
import { envLinesFor } from '../../../src/aws/stackSetup';
import { UserError } from '../../../src/core/errors';

type Handler = (name: string, input: Record<string, unknown>) => unknown;

function fakeClient(handler: Handler): { client: CloudFormationClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push(name);
      return handler(name, command.input);
    },
  } as unknown as CloudFormationClient;
  return { client, calls };
}

const validation = (message: string) => Object.assign(new Error(message), { name: 'ValidationError' });
const event = (id: string, logicalId: string, status: string, reason?: string) => ({
  EventId: id,
  LogicalResourceId: logicalId,
  ResourceType: logicalId === 'adatrap-miner' ? 'AWS::CloudFormation::Stack' : 'AWS::IAM::Role',
  ResourceStatus: status,
  ResourceStatusReason: reason,
  Timestamp: new Date('2026-01-01T00:00:00Z'),
});

describe('CloudFormation stacks (setup)', () => {
  it('creates with CAPABILITY_NAMED_IAM and follows the events to CREATE_COMPLETE', async () => {
    let describes = 0;
    let created: Record<string, unknown> | undefined;
    const { client } = fakeClient((name, input) => {
      if (name === 'DescribeStacks') {
        if (!created) throw validation('Stack with id adatrap-miner does not exist');
        describes++;
        return {
          Stacks: [
            {
              StackStatus: describes < 2 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE',
              Outputs: [{ OutputKey: 'StateMachineArn', OutputValue: 'arn:sm' }],
            },
          ],
        };
      }
      if (name === 'CreateStack') return void (created = input);
      if (name === 'DescribeStackEvents')
        return {
          StackEvents: [
            event('3', 'adatrap-miner', 'CREATE_COMPLETE'),
            event('2', 'MachineRole', 'CREATE_COMPLETE'),
            event('1', 'MachineRole', 'CREATE_IN_PROGRESS'),
          ],
        };
      throw new Error(`unexpected ${name}`);
    });
    const events: StackEvent[] = [];
    const result = await new CloudFormationStacks(client).deploy('adatrap-miner', '{}', {
      pollMs: 1,
      onEvent: (e) => events.push(e),
    });
    assert.equal(result.action, 'created');
    assert.deepEqual(created?.Capabilities, ['CAPABILITY_NAMED_IAM']);
    assert.deepEqual(
      events.map((e) => `${e.logicalId} ${e.status}`),
      ['MachineRole CREATE_IN_PROGRESS', 'MachineRole CREATE_COMPLETE', 'adatrap-miner CREATE_COMPLETE'],
    );
    assert.deepEqual(result.state.outputs, { StateMachineArn: 'arn:sm' });
    assert.match(printEvent(events[0]), /CREATE_IN_PROGRESS\s+MachineRole \(AWS::IAM::Role\)/);
  });

  it('an update with nothing to change is success, not an error', async () => {
    const { client, calls } = fakeClient((name) => {
      if (name === 'DescribeStacks') return { Stacks: [{ StackStatus: 'UPDATE_COMPLETE', Outputs: [] }] };
      if (name === 'DescribeStackEvents') return { StackEvents: [] };
      if (name === 'UpdateStack') throw validation('No updates are to be performed.');
      throw new Error(`unexpected ${name}`);
    });
    const result = await new CloudFormationStacks(client).deploy('adatrap-miner', '{}', { pollMs: 1 });
    assert.equal(result.action, 'unchanged');
    assert.ok(calls.includes('UpdateStack'));
  });

  it('a rolled-back creation is one message naming the resource that failed and why', async () => {
    let created = false;
    const { client } = fakeClient((name) => {
      if (name === 'DescribeStacks') {
        if (!created) throw validation('Stack with id adatrap-miner does not exist');
        return { Stacks: [{ StackStatus: 'ROLLBACK_COMPLETE' }] };
      }
      if (name === 'CreateStack') return void (created = true);
      if (name === 'DescribeStackEvents')
        return { StackEvents: [event('1', 'MachineRole', 'CREATE_FAILED', 'adatrap-miner-machine already exists')] };
      throw new Error(`unexpected ${name}`);
    });
    await assert.rejects(
      new CloudFormationStacks(client).deploy('adatrap-miner', '{}', { pollMs: 1 }),
      (e: unknown) =>
        e instanceof UserError &&
        /ROLLBACK_COMPLETE/.test(e.message) &&
        /MachineRole: adatrap-miner-machine already exists/.test(e.message),
    );
  });

  it('deletes and waits until the stack is gone; no stack is nothing to delete', async () => {
    let deleted = false;
    let polls = 0;
    const { client } = fakeClient((name) => {
      if (name === 'DescribeStacks') {
        if (deleted && ++polls > 1) throw validation('Stack with id adatrap-miner does not exist');
        return { Stacks: [{ StackStatus: deleted ? 'DELETE_IN_PROGRESS' : 'CREATE_COMPLETE' }] };
      }
      if (name === 'DeleteStack') return void (deleted = true);
      if (name === 'DescribeStackEvents') return { StackEvents: [] };
      throw new Error(`unexpected ${name}`);
    });
    assert.equal(await new CloudFormationStacks(client).delete('adatrap-miner', { pollMs: 1 }), true);
    const none = fakeClient(() => {
      throw validation('Stack with id adatrap-miner does not exist');
    });
    assert.equal(await new CloudFormationStacks(none.client).delete('adatrap-miner', { pollMs: 1 }), false);
  });

  it('prints the .env lines the outputs fill in', () => {
    assert.deepEqual(
      envLinesFor({ InstanceProfileName: 'adatrap-miner-machine', StateMachineArn: 'arn:sm', TemplateVersion: 'x' }),
      ['INSTANCE_PROFILE=adatrap-miner-machine', 'STATE_MACHINE_ARN=arn:sm'],
    );
  });
});
