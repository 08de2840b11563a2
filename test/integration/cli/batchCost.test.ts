// Issue 12, cost through the built CLI's batch path: the workflow's Spot machine carries the Spot price it was
// launched at (`adatrap:price`), its agent writes that price and the run's cost into D.manifest.json, and
// list-runs prices the run from the recorded price, not a later lookup.
import * as assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox';
import { startBatchWorkspace, type BatchWorkspace } from '../../helpers/batchWorkspace';
import { SEEDED_DAYS } from '../../../src/sandbox/seed';
import { EXECUTION_TAG } from '../../../src/core/workflowInput';
import { PRICE_TAG, parsePriceTag } from '../../../src/core/costEstimate';
import { runCli } from '../../helpers/cli';

const DAY = SEEDED_DAYS[0];

describe('batch cost through the CLI (launch price tag, manifest cost, list-runs)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let cwd: string;
  let ws: BatchWorkspace;

  before(async function () {
    ws = await startBatchWorkspace('batch-cost');
    ({ sandbox, cwd } = ws);
  });

  after(async () => {
    await ws?.close();
  });

  it("tags the Spot machine with its launch price and records the run's cost in its manifest", async () => {
    const r = await runCli(cwd, ['create-ec2-instance', DAY, '--wait'], { ADATRAP_BATCH_POLL_MS: '100' });
    assert.equal(r.code, 0, r.stderr);
    const arn = r.stdout.trim();
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const [machine] = sandbox.state().instances.filter((i) => i.tags[EXECUTION_TAG] === name);
    assert.ok(machine, `a machine of ${name}`);
    const price = parsePriceTag(machine.tags[PRICE_TAG]);
    assert.equal(price?.market, 'spot', JSON.stringify(machine.tags));

    const chunks: Buffer[] = [];
    for await (const chunk of sandbox.s3.read(sandbox.env.OUTPUT_DATA_BUCKET_NAME ?? '', `${DAY}.manifest.json`))
      chunks.push(chunk as Buffer);
    const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      instanceId: string;
      machine: { market: string; launchedAt: string; endedAt: string; price?: Record<string, unknown> };
      cost?: { billedHours: number; usd: number };
    };
    assert.equal(manifest.machine.market, 'spot');
    assert.deepEqual(manifest.machine.price, { market: 'spot', usdPerHour: price?.usdPerHour, source: 'launch' });
    const seconds = Math.max(
      60,
      Math.ceil((Date.parse(manifest.machine.endedAt) - Date.parse(manifest.machine.launchedAt)) / 1000),
    );
    assert.equal(manifest.cost?.billedHours, seconds / 3600);
    assert.ok((manifest.cost?.usd ?? 0) > (seconds / 3600) * (price?.usdPerHour ?? Infinity) - 1e-12);

    const list = await runCli(cwd, ['list-runs', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const run = (JSON.parse(list.stdout) as Array<{ instanceId: string; cost?: Record<string, unknown> }>).find(
      (x) => x.instanceId === machine.instanceId,
    );
    assert.deepEqual(
      [run?.cost?.market, run?.cost?.usdPerHour, run?.cost?.recorded],
      ['spot', price?.usdPerHour, true],
    );
  });
});
