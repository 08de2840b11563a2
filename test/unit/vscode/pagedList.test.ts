import * as assert from 'node:assert/strict';
import { PagedList } from '../../../src/vscode/trees/pagedList';

async function* numbers(count: number, pulled: { n: number }): AsyncIterable<number> {
  for (let i = 0; i < count; i++) {
    pulled.n += 1;
    yield i;
  }
}

describe('PagedList', () => {
  it('pulls one page at a time from the source, and says when there is more', async () => {
    const pulled = { n: 0 };
    const list = new PagedList(() => numbers(25, pulled), 10);
    const first = await list.load();
    assert.deepEqual(first.items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(first.hasMore, true);
    assert.ok(pulled.n <= 11, `pulled ${pulled.n} items for a page of 10`);
    list.more();
    list.more();
    const all = await list.load();
    assert.equal(all.items.length, 25);
    assert.equal(all.hasMore, false);
  });

  it('lists again as far as before after a reset (a refresh keeps the pages the user asked for)', async () => {
    const pulled = { n: 0 };
    const list = new PagedList(() => numbers(30, pulled), 10);
    await list.load();
    list.more();
    await list.load();
    list.reset();
    const again = await list.load();
    assert.equal(again.items.length, 20);
    assert.equal(again.hasMore, true);
  });

  it('reports no more when the source ends exactly at a page boundary', async () => {
    const list = new PagedList(() => numbers(10, { n: 0 }), 10);
    await list.load();
    list.more();
    const after = await list.load();
    assert.equal(after.items.length, 10);
    assert.equal(after.hasMore, false);
  });
});
