// The operator's Step Functions and CloudFormation permissions for batches: exactly the calls src/aws/batches.ts
// makes, on the state machine of STATE_MACHINE_ARN or the stack's, and its executions.
import * as assert from 'node:assert/strict';
import { operatorPolicy, type PolicySource } from '../../../src/core/iamPolicy';
import { launchConfig } from '../../helpers/launchConfig';

const config: PolicySource = launchConfig({ region: 'sa-east-1' });

function statementWith(policy: ReturnType<typeof operatorPolicy>, action: string) {
  return policy.Statement.find((s) => s.Action.includes(action));
}

describe('operator policy for batches', () => {
  it('names the stack state machine and its executions when STATE_MACHINE_ARN is unset', () => {
    const policy = operatorPolicy({ ...config, stackName: 'adatrap-miner' }, { accountId: '123456789012' });
    const actions = policy.Statement.flatMap((s) => s.Action).filter((a) => /^(states|cloudformation):/.test(a));
    assert.deepEqual(actions.sort(), [
      'cloudformation:DescribeStacks',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:ListExecutions',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    assert.deepEqual(statementWith(policy, 'states:StartExecution')?.Resource, [
      'arn:aws:states:sa-east-1:123456789012:stateMachine:adatrap-miner-batches',
    ]);
    assert.deepEqual(statementWith(policy, 'states:StopExecution')?.Resource, [
      'arn:aws:states:sa-east-1:123456789012:execution:adatrap-miner-batches:*',
    ]);
    assert.deepEqual(statementWith(policy, 'cloudformation:DescribeStacks')?.Resource, [
      'arn:aws:cloudformation:sa-east-1:123456789012:stack/adatrap-miner/*',
    ]);
  });

  it('uses STATE_MACHINE_ARN when it is set', () => {
    const arn = 'arn:aws:states:sa-east-1:123456789012:stateMachine:mine';
    const policy = operatorPolicy({ ...config, stateMachineArn: arn }, { accountId: '123456789012' });
    assert.deepEqual(statementWith(policy, 'states:ListExecutions')?.Resource, [arn]);
    assert.deepEqual(statementWith(policy, 'states:GetExecutionHistory')?.Resource, [
      'arn:aws:states:sa-east-1:123456789012:execution:mine:*',
    ]);
  });
});
