// The calendar of a month a batch is working through, from the CLI: after `setup`, a batch of two days with one
// machine at a time shows the first day running and the second queued in that batch (read from Step Functions,
// not from the process that started it); once the batch is stopped the second day is ready again.
import * as assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox';
import { startBatchWorkspace, type BatchWorkspace } from '../../helpers/batchWorkspace';
import { runCli } from '../../helpers/cli';

interface JsonDay {
  date: string;
  state: string;
  text: string;
  batch?: { executionName: string; state: string; attempts: number };
}

describe('CLI: calendar of a month with a running batch', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let cwd: string;
  let ws: BatchWorkspace;

  before(async function () {
    ws = await startBatchWorkspace('calendar-batch');
    ({ sandbox, cwd } = ws);
  });

  after(async () => {
    await ws?.close();
  });

  async function june(): Promise<Map<string, JsonDay>> {
    const r = await runCli(cwd, ['calendar', '2020-06', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.includes('could not be read'), false, r.stderr);
    return new Map((JSON.parse(r.stdout) as { days: JsonDay[] }).days.map((d) => [d.date, d]));
  }

  it('shows the day waiting for the one slot as queued in the batch, and ready again once the batch is stopped', async () => {
    // The first day's GPS download hangs: its machine stays running while the second day waits for the slot.
    sandbox.faults.add({
      service: 's3',
      kind: 'slow',
      operation: 'GetObject',
      key: '2020-06-29.gps.gz',
      delayMs: 600_000,
    });
    const started = await runCli(cwd, [
      'create-ec2-instance',
      '2020-06-29',
      '--to',
      '2020-06-30',
      '--max-parallel',
      '1',
    ]);
    assert.equal(started.code, 0, started.stderr);
    const arn = started.stdout.trim();
    const name = arn.slice(arn.lastIndexOf(':') + 1);

    let days = await june();
    for (let i = 0; i < 100 && days.get('2020-06-29')?.state !== 'running'; i++) days = await june();
    assert.equal(days.get('2020-06-29')?.state, 'running');
    const queued = days.get('2020-06-30');
    assert.equal(queued?.state, 'queued');
    assert.equal(queued?.text, 'queued');
    assert.deepEqual(queued?.batch && [queued.batch.executionName, queued.batch.state, queued.batch.attempts], [
      name,
      'queued',
      0,
    ]);

    const grid = await runCli(cwd, ['calendar', '2020-06']);
    assert.match(grid.stdout, /\n 29 ▶ {2}30 ◷\n/);
    assert.match(grid.stdout, new RegExp(`2020-06-30 ◷ queued: waiting in batch ${name} for a free machine slot`));
    assert.match(grid.stdout, /1 running, 1 queued in batches/);
    const spanish = await runCli(cwd, ['calendar', '2020-06'], { ADATRAP_LANG: 'es' });
    assert.match(spanish.stdout, /2020-06-30 ◷ en cola: esperando en el lote /);

    const stopped = await runCli(cwd, ['stop-batch', arn]);
    assert.equal(stopped.code, 0, stopped.stderr);
    days = await june();
    assert.equal(days.get('2020-06-30')?.state, 'ready', 'the stopped batch no longer holds the day');
    assert.notEqual(days.get('2020-06-29')?.state, 'running');
  });
});
