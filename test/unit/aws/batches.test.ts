// The batches adapter finds its state machine on first use, and again after a failed try: a stack deployed
// after the first look (`adatrap-miner setup` while VS Code is open) is found without a window reload.
import * as assert from 'node:assert/strict';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { SfnBatches } from '../../../src/aws/batches';
import { UserError } from '../../../src/core/errors';

describe('aws/batches: resolving the state machine', () => {
  it('asks again after a failed resolution, and only once after a successful one', async () => {
    const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:adatrap-miner-batches';
    let resolutions = 0;
    const asked: unknown[] = [];
    const sfn = {
      send: async (command: { input: unknown }) => {
        asked.push(command.input);
        return { executions: [] };
      },
    } as unknown as SFNClient;
    const batches = new SfnBatches(sfn, {} as EC2Client, async () => {
      resolutions += 1;
      if (resolutions === 1) throw new UserError('no stack yet');
      return machine;
    });
    await assert.rejects(batches.list(), /no stack yet/);
    assert.deepEqual(await batches.list(), []);
    assert.deepEqual(await batches.list(), []);
    assert.equal(resolutions, 2);
    assert.equal((asked[0] as { stateMachineArn?: string }).stateMachineArn, machine);
  });
});
