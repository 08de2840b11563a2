// Fault matrix, the agent's whole run on a sandbox machine: resets mid-download and mid-upload, 5xx, slow S3
// and a throttling storm on its log writes. Each case asserts the outcome (succeeded, or failed naming the
// object) and that nothing was lost: the result zip verified entry by entry (CRC-32), the log lines once.
import * as assert from 'node:assert/strict';
import * as yauzl from 'yauzl';
import { TAG } from '../../../src/core/launchPlan';
import {
  launchDay,
  outputKeys,
  startAgentSandbox,
  streamLines,
  waitTerminated,
  type AgentSandbox,
} from '../agent/harness';
import type { AdatrapConfig } from '../../../src/core/config';
import type { FaultSpec } from '../../../src/sandbox';
import { fault, inject } from './faultKit';

const DAY = '2020-06-29';

/** The day's GPS download cut after 512 bytes, on every try unless a count is added. */
function gpsDownloadCut(c: AdatrapConfig): FaultSpec {
  return fault('s3', 'reset', 'GetObject', { bucket: c.gpsBucket, key: `${DAY}.gps.gz`, afterBytes: 512 });
}

/** Reads every entry to its end: yauzl checks each entry's CRC-32 and size, so a damaged zip throws. */
function verifiedEntries(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          stream.on('error', reject);
          stream.on('end', () => {
            names.push(entry.fileName);
            zip.readEntry();
          });
          stream.resume();
        });
      });
      zip.on('end', () => resolve(names.sort()));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('fault matrix: the agent run', function () {
  this.timeout(90_000);
  let env: AgentSandbox;

  beforeEach(async () => {
    env = await startAgentSandbox();
  });

  afterEach(async () => {
    await env?.close();
  });

  /** Succeeded, the zip whole and holding exactly what the manifest lists, the run's lines each once. */
  async function expectSuccess(id: string): Promise<string[]> {
    const end = await waitTerminated(env, id, 60_000);
    const lines = await streamLines(env, id);
    assert.equal(end.tags[TAG.status], 'succeeded', lines.join('\n'));
    assert.ok((await outputKeys(env)).includes(`${DAY}.zip`));
    const entries = await verifiedEntries(await env.storage.getBytes(env.config.outputBucket, `${DAY}.zip`));
    const manifest = JSON.parse(
      (await env.storage.getBytes(env.config.outputBucket, `${DAY}.manifest.json`)).toString('utf8'),
    ) as { outputs: string[] };
    assert.deepEqual(entries, [...manifest.outputs].sort());
    const starts = lines.filter((l) => /Proceso ADATRAP para 2020-06-29 iniciado/.test(l));
    const ends = lines.filter((l) => /Proceso ADATRAP para 2020-06-29 finalizado correctamente/.test(l));
    assert.equal(starts.length, 1, lines.join('\n'));
    assert.equal(ends.length, 1, lines.join('\n'));
    return lines;
  }

  /** The faults the agent must ride out: in force from its launch, each must fire, and the run succeeds. */
  const riddenOut: Array<{ title: string; faults: (c: AdatrapConfig) => FaultSpec[] }> = [
    {
      title: 'a connection reset in the middle of the result upload: retried, the zip is whole',
      faults: (c) => [
        fault('s3', 'reset', 'PutObject', {
          bucket: c.outputBucket,
          key: `${DAY}.zip`,
          during: 'upload',
          afterBytes: 256,
          count: 1,
        }),
      ],
    },
    {
      title: '5xx and throttling on the inputs (HeadObject, GetObject, ListObjectsV2): retried, the run succeeds',
      faults: (c) => [
        fault('s3', 'internalError', 'GetObject', { bucket: c.gpsBucket, count: 2 }),
        fault('s3', 'throttle', 'HeadObject', { bucket: c.transactionBucket, count: 1 }),
        fault('s3', 'internalError', 'ListObjectsV2', { bucket: c.opProgramBucket, count: 1 }),
      ],
    },
    {
      title: 'slow S3 (every input trickling, listings delayed): the run still succeeds',
      faults: (c) => [
        fault('s3', 'slow', 'GetObject', { bucket: c.gpsBucket, bytesPerSecond: 16 << 10 }),
        fault('s3', 'slow', 'ListObjectsV2', { delayMs: 300 }),
      ],
    },
    {
      title: 'a connection reset in the middle of an input download: the download starts again, the run succeeds',
      faults: (c) => [{ ...gpsDownloadCut(c), count: 1 }],
    },
  ];
  for (const { title, faults } of riddenOut) {
    it(title, async () => {
      const fired = inject(env.sb, ...faults(env.config));
      await expectSuccess(await launchDay(env, DAY));
      fired();
    });
  }

  it('a throttling storm on its log writes: the run succeeds and its stream has every milestone once', async () => {
    const id = await launchDay(env, DAY);
    // Deterministic: however few batches the agent sends (it may pack every line into one call), the first three
    // writes to its stream are throttled, so its retries are exercised.
    const fired = inject(env.sb, fault('logs', 'throttle', 'PutLogEvents', { logStream: id, count: 3 }));
    const lines = await expectSuccess(id);
    fired();
    const seen = new Set<string>();
    const repeated = lines.filter((l) => (seen.has(l) ? true : (seen.add(l), false)));
    assert.deepEqual(repeated, [], 'lines written twice');
  });

  it('a download cut every time: the run fails naming the object, uploads nothing, and the machine ends', async () => {
    const fired = inject(env.sb, gpsDownloadCut(env.config));
    const id = await launchDay(env, DAY);
    const end = await waitTerminated(env, id, 60_000);
    fired();
    assert.match(end.tags[TAG.status] ?? '', /^failed: .*s3:\/\/adatrap-sandbox-gps\/2020-06-29\.gps\.gz/);
    assert.deepEqual(await outputKeys(env), [], 'a failed run uploaded results');
    const general = await streamLines(env, env.config.generalLogStream);
    assert.ok(
      general.some((l) => /\tERROR: .*falló en la instancia/.test(l) && l.includes(id)),
      general.join('\n'),
    );
  });
});
