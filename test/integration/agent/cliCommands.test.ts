// The agent's commands as a user runs them (dist/cli.js): create-ec2-instance ends by itself with results in the
// sandbox, execute-adatrap runs the pipeline on a workstation without touching any machine, print-iam-policy.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { runCli } from '../../helpers/cli';
import {
  SIM_JS,
  assertNoProcessLeft,
  outputKeys,
  startAgentSandbox,
  streamLines,
  waitSucceeded,
  type AgentSandbox,
} from './harness';

describe('agent commands through the CLI', function () {
  this.timeout(60_000);
  let env: AgentSandbox;
  let cwd: string;

  beforeEach(async () => {
    env = await startAgentSandbox();
    cwd = await mkdtemp(join(tmpdir(), 'adatrap-agent-cli-'));
    await writeFile(join(cwd, '.env'), env.sb.envText());
  });

  afterEach(async () => {
    await env?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('create-ec2-instance for a seeded date ends by itself with D.zip and D.manifest.json', async () => {
    const r = await runCli(cwd, ['create-ec2-instance', '2020-06-30', '--direct'], { ADATRAP_LANG: 'es' });
    assert.equal(r.code, 0, r.stderr);
    const id = r.stdout.trim();
    assert.match(id, /^i-[0-9a-f]+$/);
    await waitSucceeded(env, id);
    const keys = await outputKeys(env);
    assert.ok(keys.includes('2020-06-30.zip') && keys.includes('2020-06-30.manifest.json'), keys.join());
    const userData = env.sb.state().instances.find((i) => i.instanceId === id)?.userData ?? '';
    assert.match(userData, /^<powershell>/, 'the user data the machine would have run is kept');
    assert.ok(!userData.includes(env.sb.env.AWS_SECRET_ACCESS_KEY), 'the secret key is not in the user data');
    assert.ok((await streamLines(env, id)).some((l) => /finalizado correctamente/.test(l)));
    await assertNoProcessLeft(env.workRoot);
  });

  it('refuses to launch without INSTANCE_PROFILE, naming it and print-iam-policy', async () => {
    const withoutProfile = env.sb
      .envText()
      .split('\n')
      .filter((l) => !l.startsWith('INSTANCE_PROFILE='))
      .join('\n');
    await writeFile(join(cwd, '.env'), withoutProfile);
    const r = await runCli(cwd, ['create-ec2-instance', '2020-06-30', '--direct']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /INSTANCE_PROFILE/);
    assert.match(r.stderr, /print-iam-policy/);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    const out = await env.clients.ec2.send(new DescribeInstancesCommand({}));
    assert.equal(out.Reservations?.length ?? 0, 0, 'nothing was launched');
  });

  it('execute-adatrap on a workstation runs the pipeline with the .env credentials and terminates nothing', async () => {
    const r = await runCli(cwd, ['execute-adatrap', '2020-07-01'], {
      ADATRAP_LANG: 'es',
      ADATRAP_EXECUTABLE_COMMAND: `"${process.execPath}" "${SIM_JS}"`,
      PVMTSC_SIM_SECONDS: '0.2',
    });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok((await outputKeys(env)).includes('2020-07-01.zip'));
    const lines = await streamLines(env, `execute-adatrap-${hostname()}`);
    assert.ok(
      lines.some((l) => /finalizado correctamente/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /no se termina ninguna máquina/.test(l)));
  });

  it('execute-adatrap off Windows without ADATRAP_EXECUTABLE_COMMAND fails saying what to set', async function () {
    if (process.platform === 'win32') this.skip();
    const r = await runCli(cwd, ['execute-adatrap', '2020-07-01']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^The run failed: pvmtsc_v0\.2\.exe runs on Windows only; elsewhere set ADATRAP_EXECUTABLE_COMMAND/m,
    );
    assert.deepEqual(await outputKeys(env), []);
  });

  it('execute-adatrap -d on a workstation uploads nothing', async () => {
    const r = await runCli(cwd, ['execute-adatrap', '2020-07-01', '-d']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(await outputKeys(env), []);
  });

  it('print-iam-policy prints a policy scoped to the configured buckets and log group', async () => {
    const r = await runCli(cwd, ['print-iam-policy', '--account', '123456789012']);
    assert.equal(r.code, 0, r.stderr);
    const policy = JSON.parse(r.stdout) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
    const resources = policy.Statement.flatMap((s) => s.Resource);
    assert.ok(resources.includes(`arn:aws:s3:::${env.config.outputBucket}/*`));
    assert.ok(resources.some((x) => x.includes(`log-group:${env.config.logGroup}`)));
    assert.ok(!policy.Statement.flatMap((s) => s.Action).includes('s3:DeleteObject'));
    assert.ok(!r.stdout.includes('aws:ARN'), 'no undocumented condition key');

    const op = await runCli(cwd, ['print-iam-policy', '--operator', '--account', '123456789012']);
    assert.equal(op.code, 0, op.stderr);
    const operator = JSON.parse(op.stdout) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
    const pass = operator.Statement.find((s) => s.Action.includes('iam:PassRole'));
    assert.deepEqual(pass?.Resource, [`arn:aws:iam::123456789012:role/${env.sb.env.INSTANCE_PROFILE}`]);
    assert.ok(operator.Statement.some((s) => s.Action.includes('ec2:RunInstances')));
  });
});
