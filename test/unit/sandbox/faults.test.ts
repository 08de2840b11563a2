import * as assert from 'node:assert/strict';
import { Faults, FaultSpecError, type FaultSpec } from '../../../src/sandbox/faults';

const GET = { service: 's3', operation: 'GetObject', bucket: 'b', key: 'day/2020-06-30.gps.gz' } as const;

describe('sandbox fault rules', () => {
  it('refuses specs that could never behave as asked, naming the field', () => {
    const bad: Array<[Partial<FaultSpec>, RegExp]> = [
      [{ service: 's3', kind: 'slow' }, /delayMs or bytesPerSecond/],
      [{ service: 's3', kind: 'throttle', probability: 1.5 }, /probability/],
      [{ service: 's3', kind: 'reset', afterBytes: -1 }, /afterBytes/],
      [{ service: 's3', kind: 'slow', bytesPerSecond: 0 }, /bytesPerSecond/],
      [{ service: 'dynamodb' as FaultSpec['service'], kind: 'throttle' }, /unknown service/],
      [{ service: 's3', kind: 'reset', during: 'sideways' as FaultSpec['during'] }, /during/],
    ];
    for (const [spec, message] of bad)
      assert.throws(
        () => new Faults().add(spec as FaultSpec),
        (e: unknown) => e instanceof FaultSpecError && message.test(e.message),
      );
  });

  it('fires on the first `count` matching requests, matching by operation, bucket, key and key prefix', () => {
    const f = new Faults();
    f.add({ service: 's3', kind: 'internalError', operation: 'GetObject', keyPrefix: 'day/', count: 2 });
    assert.equal(f.onRequest({ ...GET, operation: 'HeadObject' }), undefined);
    assert.equal(f.onRequest({ ...GET, key: 'other' }), undefined);
    assert.equal(f.onRequest(GET)?.kind, 'internalError');
    assert.equal(f.onRequest(GET)?.kind, 'internalError');
    assert.equal(f.onRequest(GET), undefined, 'spent after two');
    assert.equal(f.list()[0]?.fired, 2);
    assert.equal(f.count('s3', 'GetObject'), 4);
    assert.equal(f.count('s3'), 5);
    assert.equal(f.totalRequests(), 5);
  });

  it('keeps dropTail out of ordinary requests, and removes one fault by id', () => {
    const f = new Faults();
    const drop = f.add({ service: 'logs', kind: 'dropTail', afterUpdates: 1 });
    assert.equal(f.onRequest({ service: 'logs', operation: 'StartLiveTail' }), undefined);
    assert.equal(f.pick({ service: 'logs', operation: 'StartLiveTail' }, ['dropTail'])?.id, drop);
    assert.equal(f.remove(drop), true);
    assert.equal(f.remove(drop), false);
    assert.deepEqual(f.list(), []);
  });
});
