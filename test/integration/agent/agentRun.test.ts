// Issue 3: the agent on a sandbox machine, end to end. Every case asserts the end state an operator relies on:
// the machine terminated, its adatrap:status tag, the lines on both streams, results (or none), the previous
// result kept, and no process left behind.
import * as assert from 'node:assert/strict';
import * as yauzl from 'yauzl';
import { gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CloudWatchLogSearch } from '../../../src/aws/logSearch';
import { readyQuery } from '../../../src/core/insightsQueries';
import { TAG } from '../../../src/core/launchPlan';
import { MAX_GUNZIP_RATIO, MIN_GUNZIP_ALLOWANCE_BYTES } from '../../../agent/transfer';
import {
  assertNoProcessLeft,
  launchDay,
  ofLevel,
  outputKeys,
  startAgentSandbox,
  streamLines,
  waitSucceeded,
  waitTerminated,
  type AgentSandbox,
} from './harness';

const DAY = '2020-06-29';

function zipEntries(buffer: Buffer): Promise<Array<{ name: string; compressed: boolean }>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: Array<{ name: string; compressed: boolean }> = [];
      zip.on('entry', (e: yauzl.Entry) => {
        out.push({ name: e.fileName, compressed: e.compressionMethod === 8 });
        zip.readEntry();
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, body] of Object.entries(files)) zip.addBuffer(body, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

describe('agent on a sandbox machine', function () {
  this.timeout(60_000);
  let env: AgentSandbox;

  beforeEach(async () => {
    env = await startAgentSandbox();
  });

  afterEach(async () => {
    await env?.close();
  });

  async function expectFailure(id: string, reason: RegExp): Promise<void> {
    const end = await waitTerminated(env, id);
    assert.match(end.tags[TAG.status] ?? '', /^failed: /);
    assert.match(end.tags[TAG.status] ?? '', reason);
    const mine = await streamLines(env, id);
    const general = await streamLines(env, env.config.generalLogStream);
    for (const [name, lines] of [
      ['instance', mine],
      ['general', general],
    ] as const) {
      assert.ok(
        ofLevel(lines, 'ERROR').some((l) => /falló en la instancia/.test(l) && reason.test(l)),
        `${name} stream lacks the failure: ${lines.join('\n')}`,
      );
    }
    assert.deepEqual(
      (await outputKeys(env)).filter((k) => !k.startsWith('history/')),
      [],
      'a failed run uploaded results',
    );
    await assertNoProcessLeft(env.workRoot);
  }

  it('processes a seeded day: results and manifest uploaded, the previous result kept, machine terminated', async () => {
    const previous = Buffer.from('previous result');
    await env.storage.upload(env.config.outputBucket, `${DAY}.zip`, previous);
    await env.storage.upload(env.config.outputBucket, `${DAY}.manifest.json`, '{"old":true}');

    const id = await launchDay(env, DAY);
    await waitSucceeded(env, id);

    const keys = await outputKeys(env);
    assert.ok(keys.includes(`${DAY}.zip`) && keys.includes(`${DAY}.manifest.json`), keys.join());
    const kept = keys.filter((k) => k.startsWith(`history/${DAY}/`));
    assert.equal(kept.length, 2, `previous zip and manifest kept: ${keys.join()}`);
    const keptZip = kept.find((k) => k.endsWith('.zip')) ?? '';
    assert.deepEqual(await env.storage.getBytes(env.config.outputBucket, keptZip), previous);

    const entries = await zipEntries(await env.storage.getBytes(env.config.outputBucket, `${DAY}.zip`));
    assert.ok(
      entries.some((e) => e.name === `${DAY}.viajes`),
      entries.map((e) => e.name).join(),
    );
    assert.ok(
      entries.every((e) => e.compressed),
      'every entry is deflated',
    );
    assert.ok(!entries.some((e) => /^(kmls|reportes|debug)\//.test(e.name)), 'kmls, reportes and debug are left out');

    const manifest = JSON.parse(
      (await env.storage.getBytes(env.config.outputBucket, `${DAY}.manifest.json`)).toString('utf8'),
    ) as Record<string, unknown>;
    assert.equal(manifest.date, DAY);
    assert.equal(manifest.exitCode, 0);
    assert.equal(manifest.poDate, '2020-06-01');
    assert.equal(manifest.executableVersion, env.config.executableVersion);
    // The machine's facts from its IMDS, so the run's cost outlives EC2's listing of the machine.
    const machine = (manifest.machine ?? {}) as Record<string, string>;
    assert.equal(machine.market, 'on-demand');
    assert.equal(machine.instanceType, env.config.instanceType);
    assert.equal(machine.availabilityZone, `${env.config.region}a`);
    assert.ok(Date.parse(machine.launchedAt ?? '') <= Date.parse(machine.endedAt ?? ''), JSON.stringify(machine));
    assert.equal(machine.endedAt, manifest.finishedAt);
    assert.match(String(manifest.serviceDetailFile), /^Diccionario-DetalleServicioZP_20200601_20200731/);
    const inputs = manifest.inputs as Array<{ role: string; key: string; size: number; etag?: string }>;
    const gps = inputs.find((i) => i.role === 'gps');
    assert.equal(gps?.key, `${DAY}.gps.gz`);
    assert.ok((gps?.size ?? 0) > 0 && gps?.etag, 'inputs carry sizes and ETags');
    // processDay is a list of named steps: each one timed in the manifest, in the order it ran.
    const timings = manifest.timings as Record<string, number>;
    assert.deepEqual(Object.keys(timings), [
      'executable',
      'chooseInputs',
      'disk',
      'download',
      'unpack',
      'par',
      'run',
      'pack',
    ]);
    assert.ok(
      Object.values(timings).every((s) => typeof s === 'number' && s >= 0),
      JSON.stringify(timings),
    );

    const mine = await streamLines(env, id);
    const general = await streamLines(env, env.config.generalLogStream);
    assert.ok(
      mine.some((l) => /\tINFO: Proceso ADATRAP para 2020-06-29 iniciado en la instancia/.test(l)),
      mine.join('\n'),
    );
    assert.ok(!mine.some((l) => /no puede terminar/.test(l)), 'the DryRun TerminateInstances was allowed');
    for (const step of [...Object.keys(timings), 'publish'])
      assert.ok(
        mine.some((l) => new RegExp(`\\tINFO: Paso ${step} terminado en \\d+\\.\\d s\\.`).test(l)),
        `step ${step} is logged with its duration`,
      );
    // The ready-made step-durations query reads exactly those lines (sandbox Logs Insights, StartQuery).
    const insights = await new CloudWatchLogSearch(env.clients.logs).insights({
      group: env.config.logGroup,
      query: readyQuery('step-durations')?.query ?? '',
      start: Date.now() - 3_600_000,
      end: Date.now() + 1000,
      pollIntervalMs: 50,
    });
    assert.deepEqual(insights.fields, ['day', 'step', 'times', 'avg_s', 'max_s']);
    assert.deepEqual(
      insights.rows.map((r) => r.step).sort(),
      [...Object.keys(timings), 'publish'].sort(),
      JSON.stringify(insights.rows),
    );
    assert.ok(
      insights.rows.every((r) => r.times === '1' && Number(r.max_s) >= 0),
      'each step once: the general stream is not counted twice',
    );
    assert.equal(
      Number(insights.rows.find((r) => r.step === 'run')?.max_s),
      timings.run,
      'the query reads the duration the manifest holds',
    );
    assert.ok(
      mine.some((l) => /\tINFO: \[\d\/\d\] Leyendo GPS/.test(l)),
      'the executable lines reach the instance stream',
    );
    for (const lines of [mine, general])
      assert.ok(
        lines.some((l) =>
          /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\tINFO: Proceso ADATRAP para 2020-06-29 finalizado correctamente/.test(l),
        ),
      );
    await assertNoProcessLeft(env.workRoot);
  });

  it('debug mode does every step but the executable and uploads nothing', async () => {
    await env.storage.upload(env.config.outputBucket, `${DAY}.zip`, Buffer.from('real results'));
    const id = await launchDay(env, DAY, { debug: true });
    const end = await waitSucceeded(env, id);
    assert.equal(end.tags[TAG.debug], 'true');
    assert.deepEqual(await outputKeys(env), [`${DAY}.zip`], 'debug mode touched the output bucket');
    assert.deepEqual(await env.storage.getBytes(env.config.outputBucket, `${DAY}.zip`), Buffer.from('real results'));
    const mine = await streamLines(env, id);
    assert.ok(mine.some((l) => /modo depuración/.test(l)));
    assert.ok(
      mine.some((l) => /Configuración 2020-06-29\.par escrita/.test(l)),
      'the .par is still rendered',
    );
    assert.ok(!mine.some((l) => /Leyendo GPS/.test(l)), 'the executable ran in debug mode');
    assert.ok((await streamLines(env, env.config.generalLogStream)).some((l) => /finalizado correctamente/.test(l)));
    await assertNoProcessLeft(env.workRoot);
  });

  it('fails on a missing input, naming the object and the step that failed', async () => {
    const id = await launchDay(env, '2020-07-02');
    await expectFailure(id, /falta el insumo s3:\/\/adatrap-sandbox-trx\/2020-07-02\.trx\.gz/);
    const mine = await streamLines(env, id);
    assert.ok(
      mine.some((l) => /\tINFO: Paso executable terminado en/.test(l)),
      mine.join('\n'),
    );
    assert.ok(
      mine.some((l) => /\tINFO: Paso chooseInputs falló después de \d+\.\d s\./.test(l)),
      mine.join('\n'),
    );
    assert.ok(!mine.some((l) => /Paso download/.test(l)), 'no step runs after a failed one');
  });

  it('fails on a corrupt gzip input', async () => {
    await env.storage.upload(env.config.gpsBucket, `${DAY}.gps.gz`, Buffer.from('this is not gzip'));
    await expectFailure(await launchDay(env, DAY), /2020-06-29\.gps\.gz no es un archivo gzip válido/);
  });

  it('fails on a gzip bomb instead of filling the disk, naming the file', async () => {
    // 64 MiB of zeros gzip to about 64 KB: far past MAX_GUNZIP_RATIO and the small-file floor.
    const bomb = gzipSync(Buffer.alloc(4 * MIN_GUNZIP_ALLOWANCE_BYTES));
    assert.ok(bomb.length * MAX_GUNZIP_RATIO < 4 * MIN_GUNZIP_ALLOWANCE_BYTES);
    await env.storage.upload(env.config.gpsBucket, `${DAY}.gps.gz`, bomb);
    await expectFailure(await launchDay(env, DAY), /2020-06-29\.gps\.gz se descomprime a más de 64 veces/);
  });

  it('fails on a gzip bomb inside the PO zip, naming the entry', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * MIN_GUNZIP_ALLOWANCE_BYTES));
    const po = await zipOf({ '2020-06-01/Paraderos/ConsolidadoParadas_PO20200601.csv.gz': bomb });
    await env.storage.upload(env.config.opProgramBucket, '2020-06-01.po.zip', po);
    await expectFailure(
      await launchDay(env, DAY),
      /2020-06-01\.po\.zip:2020-06-01\/Paraderos\/\S+ se descomprime a más de 64 veces/,
    );
  });

  it('fails on a PO zip without its top folder', async () => {
    const flat = await zipOf({ 'Paraderos/ConsolidadoParadas_PO20200601.csv.gz': gzipSync('x') });
    await env.storage.upload(env.config.opProgramBucket, '2020-06-01.po.zip', flat);
    await expectFailure(
      await launchDay(env, DAY),
      /2020-06-01\.po\.zip debe contener una sola carpeta raíz llamada 2020-06-01/,
    );
  });

  it('fails when the executable crashes', async () => {
    await expectFailure(await launchDay(env, DAY, { simMode: 'fail' }), /el ejecutable terminó con código de salida 5/);
  });

  it('fails and kills the executable when it exceeds its time limit', async () => {
    await expectFailure(
      await launchDay(env, DAY, { simMode: 'hang', exeTimeoutSeconds: 2 }),
      /superó su límite de tiempo/,
    );
  });

  it('fails when the executable writes to standard error, even with exit code 0', async () => {
    await expectFailure(
      await launchDay(env, DAY, { simMode: 'stderr' }),
      /escribió 1 línea\(s\) en la salida de error; la primera: ADVERTENCIA/,
    );
  });

  it('fails on an S3 error, naming the object and the error', async () => {
    env.sb.faults.add({
      service: 's3',
      kind: 'denied',
      operation: 'GetObject',
      bucket: env.config.gpsBucket,
      key: `${DAY}.gps.gz`,
    });
    await expectFailure(
      await launchDay(env, DAY),
      /error de S3 en s3:\/\/adatrap-sandbox-gps\/2020-06-29\.gps\.gz: AccessDenied/,
    );
  });

  it('still processes, reports and terminates when its own log stream refuses writes', async () => {
    // Armed before the launch: a fast run may have written every line before a fault added afterwards.
    env.sb.faults.add({ service: 'logs', kind: 'denied', operation: 'PutLogEvents', logStreamPrefix: 'i-' });
    const id = await launchDay(env, DAY);
    await waitSucceeded(env, id);
    const general = await streamLines(env, env.config.generalLogStream);
    assert.ok(
      general.some((l) => /\tERROR: No se pudo escribir en CloudWatch Logs/.test(l) && l.includes(id)),
      general.join('\n'),
    );
    assert.ok(general.some((l) => /finalizado correctamente/.test(l)));
    assert.ok((await outputKeys(env)).includes(`${DAY}.zip`));
    await assertNoProcessLeft(env.workRoot);
  });

  it('says at start, on both streams, when the instance profile cannot terminate the machine (DryRun)', async () => {
    // Only the first TerminateInstances (the agent's DryRun at start) is refused, as a policy without it would.
    env.sb.faults.add({ service: 'ec2', kind: 'denied', operation: 'TerminateInstances', count: 1 });
    const id = await launchDay(env, DAY);
    await waitSucceeded(env, id, 'the run itself goes on');
    for (const stream of [id, env.config.generalLogStream]) {
      const lines = await streamLines(env, stream);
      const denied = lines.findIndex((l) =>
        /\tERROR: El perfil de instancia no puede terminar la instancia i-\w+ \(UnauthorizedOperation/.test(l),
      );
      assert.ok(denied >= 0, `${stream}: ${lines.join('\n')}`);
      assert.ok(!lines.slice(0, denied).some((l) => /Descargando/.test(l)), 'reported before the first download');
    }
  });

  it('ends the machine even when CloudWatch Logs, tagging and TerminateInstances all fail', async () => {
    env.sb.faults.add({ service: 'logs', kind: 'internalError' });
    env.sb.faults.add({ service: 'ec2', kind: 'denied', operation: 'CreateTags' });
    env.sb.faults.add({ service: 'ec2', kind: 'denied', operation: 'TerminateInstances' });
    const id = await launchDay(env, '2020-07-02');
    // The agent exits; the sandbox then shuts the machine down as Windows would, and shutdown means terminate.
    const end = await waitTerminated(env, id, 45_000);
    assert.equal(end.tags[TAG.status], 'running', 'the tag could not be written');
    await assertNoProcessLeft(env.workRoot);
  });

  it('ends a machine whose agent bundle is not in the bucket, recording why, as the user data does', async () => {
    const id = await launchDay(env, DAY, { agentSha256: 'f'.repeat(64) });
    const end = await waitTerminated(env, id);
    assert.match(end.tags[TAG.status] ?? '', /^failed: .*agent\/agent-f{64}\.js/);
    const general = await streamLines(env, env.config.generalLogStream);
    assert.ok(
      ofLevel(general, 'ERROR').some((l) => /no pudo iniciar el agente/.test(l)),
      general.join('\n'),
    );
    assert.deepEqual(await outputKeys(env), []);
    await assertNoProcessLeft(env.workRoot);
  });

  it('stops the agent and the executable when someone terminates the machine mid-run', async () => {
    const id = await launchDay(env, DAY, { simMode: 'hang' });
    const until = Date.now() + 20_000;
    while (!(await streamLines(env, id)).some((l) => /Esperando/.test(l))) {
      assert.ok(Date.now() < until, 'the simulated executable never started');
      await new Promise((r) => setTimeout(r, 200));
    }
    await env.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const end = await waitTerminated(env, id);
    assert.equal(end.tags[TAG.status], 'running', 'a machine killed from outside records nothing');
    await assertNoProcessLeft(env.workRoot);
  });
});
