// estimateText (src/aws/launchEstimate.ts): the estimate as the confirmation's lines, and what it says when the
// prices do not come in time or cannot be read (one line each; the launch is never held).
import * as assert from 'node:assert/strict';
import { ESTIMATE_TIMEOUT_MS, estimateText, type EstimateDeps } from '../../../src/aws/launchEstimate';
import type { Prices } from '../../../src/aws/prices';
import type { Storage } from '../../../src/aws/storage';
import { setLanguage } from '../../../src/core/i18n';

const config: EstimateDeps['config'] = {
  region: 'us-east-1',
  instanceType: 'm5.xlarge',
  market: 'spot',
  maxRunHours: 4,
  rootVolumeGb: 50,
  outputBucket: 'out',
};
// Only listAll is read (no earlier manifests here).
const storage = { listAll: () => Promise.resolve([]) } as unknown as Storage;

function prices(over: Partial<Prices>): Prices {
  return {
    onDemandHourly: () => Promise.resolve({ known: true, usd: 0.376 }),
    spotHourly: () => Promise.resolve({ known: true, usd: 0.2 }),
    gp3GbMonth: () => Promise.resolve({ known: true, usd: 0.08 }),
    ...over,
  };
}

describe('estimateText (the cost lines of a launch confirmation)', () => {
  before(() => setLanguage('en'));

  it('gives the estimate lines for the machines', async () => {
    const lines = await estimateText({ config, storage, prices: prices({}) }, 3);
    assert.equal(lines[0], 'Estimated cost: 3 machine(s) × 4 h (MAX_RUN_HOURS: no earlier run measured)');
    assert.ok(
      lines.some((l) => /on Spot \(m5\.xlarge at USD 0\.2000\/h\)/.test(l)),
      lines.join('\n'),
    );
  });

  it('says in one line that the estimate is unknown when the prices do not answer in time', async () => {
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    const started = Date.now();
    const lines = await estimateText({ config, storage, prices: prices({ onDemandHourly: never }) }, 3, 30);
    assert.deepEqual(lines, ['Estimated cost: unknown (the price lookup did not answer in time).']);
    assert.ok(Date.now() - started < ESTIMATE_TIMEOUT_MS, 'waited for the default timeout');
  });

  it('says in one line why when the estimate fails', async () => {
    const fail = (): Promise<never> => Promise.reject(new Error('Pricing is down'));
    const lines = await estimateText({ config, storage, prices: prices({ gp3GbMonth: fail }) }, 1);
    assert.deepEqual(lines, ['Estimated cost: unknown (Pricing is down).']);
  });
});
