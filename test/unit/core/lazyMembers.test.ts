import * as assert from 'node:assert/strict';
import { createClients } from '../../../src/aws/clients';
import { lazyMembers } from '../../../src/core/lazyMembers';

describe('lazyMembers', () => {
  it('makes a member on its first read only, once, and never one that is not read', () => {
    const made: string[] = [];
    const o = lazyMembers<{ a: { n: number }; b: string; c: undefined }>({
      // A fresh object each call: a second read that made it again would not be the same one.
      a: () => {
        made.push('a');
        return { n: 1 };
      },
      b: () => {
        made.push('b');
        return 'B';
      },
      c: () => {
        made.push('c');
        return undefined;
      },
    });
    assert.deepEqual(made, []);
    const first = o.a;
    assert.equal(o.a, first);
    assert.equal(o.c, undefined);
    assert.equal(o.c, undefined);
    assert.deepEqual(made, ['a', 'c']);
    assert.deepEqual(Object.keys(o), ['a', 'b', 'c']);
  });

  it('gives the same AWS client on every read of a service', () => {
    const clients = createClients({ region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
    try {
      assert.equal(clients.s3, clients.s3);
      assert.notEqual(clients.ec2, undefined);
      assert.equal(clients.ec2, clients.ec2);
    } finally {
      clients.destroy();
    }
  });
});
