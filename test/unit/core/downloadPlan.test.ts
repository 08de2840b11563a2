import * as assert from 'node:assert/strict';
import { parseExpiry, planDownload } from '../../../src/core/downloadPlan';

describe('output downloads: resume and never overwrite', () => {
  const remote = { size: 1000, etag: '"abc"' };

  it('fetches from the start when nothing is here', () => {
    assert.deepEqual(planDownload(remote, {}), { action: 'fetch', from: 0, restart: false });
  });
  it('skips a complete file and keeps a different one untouched', () => {
    assert.deepEqual(planDownload(remote, { finalSize: 1000 }), { action: 'skip' });
    assert.deepEqual(planDownload(remote, { finalSize: 10, partSize: 5, partEtag: '"abc"' }), { action: 'keep' });
  });
  it('resumes a .part of the same object where it stopped', () => {
    assert.deepEqual(planDownload(remote, { partSize: 400, partEtag: '"abc"' }), {
      action: 'fetch',
      from: 400,
      restart: false,
    });
    assert.deepEqual(planDownload(remote, { partSize: 1000, partEtag: '"abc"' }), {
      action: 'fetch',
      from: 1000,
      restart: false,
    });
  });
  it('starts again when the object changed or the .part is longer or unlabelled', () => {
    const again = { action: 'fetch', from: 0, restart: true, reason: 'changed' };
    assert.deepEqual(planDownload(remote, { partSize: 400, partEtag: '"old"' }), again);
    assert.deepEqual(planDownload(remote, { partSize: 2000, partEtag: '"abc"' }), again);
    assert.deepEqual(planDownload(remote, { partSize: 400 }), again);
  });
  it('reads link lifetimes up to the SigV4 limit of 7 days', () => {
    assert.equal(parseExpiry('1h'), 3600);
    assert.equal(parseExpiry('30m'), 1800);
    assert.equal(parseExpiry('7d'), 604800);
    assert.equal(parseExpiry('8d'), undefined);
    assert.equal(parseExpiry('0s'), undefined);
    assert.equal(parseExpiry('soon'), undefined);
  });
});
