// The user data is code that runs as Administrator on a machine that bills by the hour: it must parse, arm the
// deadline first, carry no secret, and let no configuration value become a statement.
import * as assert from 'node:assert/strict';
import { buildLaunchPlan, type LaunchConfigSource } from '../../../src/core/launchPlan';
import { USER_DATA_LIMIT, psLiteral, runConfigFromUserData } from '../../../src/core/userData';
import { NODE_RUNTIME } from '../../../src/core/nodeRuntime';
import { parsePowerShell, shape, syntaxProblems } from './powershellGrammar';

const SHA = 'a'.repeat(64);

function config(overrides: Partial<LaunchConfigSource> = {}): LaunchConfigSource {
  return {
    region: 'us-east-1',
    amiId: 'ami-0b697c4ae566cad55',
    instanceType: 'm5.xlarge',
    keyPair: 'ec2-keypair',
    instanceProfile: 'adatrap-machine',
    securityGroupIds: [],
    maxRunHours: 4,
    executableVersion: '0.2',
    logGroup: 'adatrap',
    generalLogStream: 'general',
    executablesBucket: 'adatrap-exe',
    gpsBucket: 'adatrap-gps',
    file196Bucket: 'adatrap-196',
    transactionBucket: 'adatrap-trx',
    opProgramBucket: 'adatrap-po',
    serviceDetailBucket: 'adatrap-sd',
    outputBucket: 'adatrap-out',
    ...overrides,
  };
}

function scriptFor(c: LaunchConfigSource, debug = false): string {
  return buildLaunchPlan(c, {
    date: '2020-06-27',
    debug,
    agentSha256: SHA,
    agentVersion: '0.1.0',
    language: 'es',
    now: new Date('2026-01-01T00:00:00Z'),
  }).userData;
}

function body(userData: string): string {
  return userData.replace(/^<powershell>\r?\n/, '').replace(/<\/powershell>\s*$/, '');
}

describe('user data (PowerShell)', () => {
  it('parses without a single syntax error', async () => {
    const problems = syntaxProblems(await parsePowerShell(body(scriptFor(config()))));
    assert.deepEqual(problems, []);
  });

  it('arms the hard deadline before anything else can fail', () => {
    const lines = body(scriptFor(config({ maxRunHours: 3 })))
      .split(/\r?\n/)
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('$'));
    assert.match(lines[0], /^& shutdown\.exe \/s \/f \/t 10800 /);
  });

  it('sets the Santiago time zone, verifies the pinned runtime and the agent, and runs the day', () => {
    const s = scriptFor(config());
    assert.match(
      s,
      /Set-TimeZone -Id 'Pacific SA Standard Time' } catch { & tzutil.exe \/s 'Pacific SA Standard Time' }/,
    );
    assert.ok(s.includes(`Get-Verified '${NODE_RUNTIME.s3Key}' '${NODE_RUNTIME.url}' '${NODE_RUNTIME.sha256}' $zip`));
    assert.ok(s.includes(`Get-Verified 'agent/agent-${SHA}.js' '' '${SHA}' $agent`));
    assert.match(s, /& \$node \$agent 'execute-adatrap' '2020-06-27'\r\n/);
    assert.match(scriptFor(config(), true), /& \$node \$agent 'execute-adatrap' '2020-06-27' '-d'\r\n/);
  });

  it('carries the run config the agent needs, and the sandbox can read it back', () => {
    const rc = runConfigFromUserData(scriptFor(config()));
    assert.equal(rc.date, '2020-06-27');
    assert.equal(rc.buckets.output, 'adatrap-out');
    assert.equal(rc.language, 'es');
    assert.equal(rc.deadline, '2026-01-01T04:00:00.000Z');
  });

  it('never contains a secret, even when the configuration is full of them', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const withSecrets = {
      ...config(),
      secretAccessKey: secret,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      sessionToken: secret,
      profile: 'prod',
    };
    const s = scriptFor(withSecrets);
    const decoded = JSON.stringify(runConfigFromUserData(s));
    for (const text of [s, decoded, Buffer.from(s).toString('base64')]) {
      assert.ok(
        !text.includes(secret) && !text.includes('AKIAIOSFODNN7EXAMPLE'),
        'a credential leaked into the user data',
      );
    }
    assert.ok(!/SECRET|ACCESS_KEY/i.test(decoded));
  });

  it('is plain ASCII, which Windows PowerShell reads the same in any code page', () => {
    // eslint-disable-next-line no-control-regex
    assert.match(scriptFor(config()), /^[\x00-\x7f]*$/);
    assert.match(scriptFor(config()), /La maquina para 2020-06-27 no pudo iniciar el agente/);
  });

  it('stays under the EC2 limit of 16 KB with long values', () => {
    const long = 'b'.repeat(63);
    const s = scriptFor(
      config({
        executablesBucket: long,
        gpsBucket: long,
        file196Bucket: long,
        transactionBucket: long,
        opProgramBucket: long,
        serviceDetailBucket: long,
        outputBucket: long,
        logGroup: 'g'.repeat(512),
        generalLogStream: 's'.repeat(512),
      }),
    );
    assert.ok(Buffer.byteLength(s) < USER_DATA_LIMIT, `${Buffer.byteLength(s)} bytes`);
  });

  it('lets no injected value add a statement', async () => {
    const attacks = [
      "x'; Remove-Item -Recurse C:\\ ; '",
      "x`'; Stop-Computer; #",
      'x\u2019; Stop-Computer; \u2018',
      '$(Stop-Computer)',
      '"; Stop-Computer; "',
    ];
    const baseline = shape(
      await parsePowerShell(body(scriptFor(config({ logGroup: 'x', region: 'x', executablesBucket: 'x' })))),
    );
    for (const attack of attacks) {
      const s = body(
        scriptFor(config({ logGroup: attack, region: attack, executablesBucket: attack, generalLogStream: attack })),
      );
      const tree = await parsePowerShell(s);
      assert.deepEqual(syntaxProblems(tree), [], attack);
      assert.equal(shape(tree), baseline, `the value ${attack} changed the script's structure`);
    }
  });

  it('quotes literals by doubling every quote PowerShell accepts and refuses control characters', () => {
    assert.equal(psLiteral("it's"), "'it''s'");
    assert.equal(psLiteral('a\u2019b'), "'a\u2019\u2019b'");
    assert.throws(() => psLiteral('a\nb', 'LOG_GROUP'), /LOG_GROUP/);
  });
});
