// The user data is code that runs as Administrator on a machine that bills by the hour: it must parse, arm the
// deadline first, carry no secret, and let no configuration value become a statement.
import * as assert from 'node:assert/strict';
import { buildLaunchPlan, type LaunchConfigSource } from '../../../src/core/launchPlan';
import { USER_DATA_LIMIT, psLiteral, runConfigFromUserData } from '../../../src/core/userData';
import { NODE_RUNTIME } from '../../../src/core/nodeRuntime';
import { parsePowerShell, shape, syntaxProblems, type SyntaxNodeLike } from './powershellGrammar';
import { launchConfig } from '../../helpers/launchConfig';

const SHA = 'a'.repeat(64);

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
    const problems = syntaxProblems(await parsePowerShell(body(scriptFor(launchConfig()))));
    assert.deepEqual(problems, []);
  });

  it('arms the hard deadline before anything else can fail, from the absolute deadline', () => {
    const lines = body(scriptFor(launchConfig({ maxRunHours: 3 })))
      .split(/\r?\n/)
      .filter(
        (l) =>
          l &&
          !l.startsWith('#') &&
          !/^\s/.test(l) &&
          !/^(\$ErrorActionPreference|\$ProgressPreference|function|\}|\$temp =)/.test(l),
      );
    assert.match(lines[0], /^\$deadline = \[DateTimeOffset\]::UtcNow\.AddSeconds\(10800\)$/);
    assert.match(lines[1], /^\$seconds = /);
    assert.match(lines[2], /^\$null = Invoke-Native 'shutdown\.exe' \('\/s \/f \/t ' \+ \$seconds/);
  });

  it('sets the time zone, excludes the work folder from Defender, re-arms at boot, verifies both files, runs the day', () => {
    const s = scriptFor(launchConfig());
    assert.match(s, /Set-TimeZone -Id 'Pacific SA Standard Time' } catch { \$null = Invoke-Native 'tzutil\.exe' /);
    assert.match(s, /Add-MpPreference -ExclusionPath \$work/);
    assert.match(s, /schtasks\.exe' \('\/Create \/F \/TN "ADATRAP Miner deadline" \/SC ONSTART \/RU SYSTEM /);
    assert.ok(s.includes(`Get-Verified '${NODE_RUNTIME.s3Key}' '${NODE_RUNTIME.sha256}' $node`));
    assert.ok(s.includes(`Get-Verified 'agent/agent-${SHA}.js' '${SHA}' $agent`));
    assert.ok(!/Invoke-WebRequest|https?:\/\//.test(s), 'machines fetch only from S3');
    assert.match(s, /Invoke-Native \$node \('"' \+ \$agent \+ '" execute-adatrap 2020-06-27'\)/);
    assert.match(scriptFor(launchConfig(), true), /execute-adatrap 2020-06-27 -d'\)/);
  });

  it('runs every native command through Start-Process, never with its stderr captured under Stop', async () => {
    // Windows PowerShell 5.1 turns a captured stderr line of a native command into a terminating
    // NativeCommandError when $ErrorActionPreference is Stop; pwsh 7 does not, so the structure is what we test:
    // no command in the tree invokes an .exe (or $node) directly, except inside the startup task's own script,
    // which runs without Stop and with nothing captured.
    const tree = await parsePowerShell(body(scriptFor(launchConfig())));
    const direct: string[] = [];
    const visit = (n: SyntaxNodeLike) => {
      if (n.type === 'command') {
        const name = n.children.find((c) => c.type === 'command_name' || c.type === 'command_name_expr');
        if (name && /\.exe$|^\$node$/i.test(name.text)) direct.push(n.text);
      }
      n.children.forEach(visit);
    };
    visit(tree);
    assert.deepEqual(direct, []);
    const s = body(scriptFor(launchConfig()));
    assert.match(s, /Start-Process -FilePath \$File .* -RedirectStandardError /);
    assert.ok(!/2>&1|2>\s*\$/.test(s.replace(/'[^']*'/g, "''")), 'no stderr redirection into the pipeline');
  });

  it('reads the same in cp1252 with non-ASCII values everywhere, and keeps them exact in base64', async () => {
    // What Windows PowerShell 5.1 reads from a BOM-less file, then the quotes its tokenizer treats as ' and ".
    const asPowerShellReadsIt = (script: string) =>
      new TextDecoder('windows-1252')
        .decode(Buffer.from(script, 'utf8'))
        .replace(/[\u2018-\u201b]/g, "'")
        .replace(/[\u201c-\u201e]/g, '"');
    const odd = 'Ñandú “x” ‘y’ á';
    const weird = launchConfig({
      region: odd,
      executableVersion: odd,
      logGroup: odd,
      generalLogStream: odd,
      executablesBucket: odd,
      gpsBucket: odd,
      outputBucket: odd,
    });
    const s = scriptFor(weird);
    // eslint-disable-next-line no-control-regex
    assert.match(s, /^[\x00-\x7f]*$/, 'ASCII by construction');
    const baseline = shape(await parsePowerShell(asPowerShellReadsIt(body(scriptFor(launchConfig())))));
    const tree = await parsePowerShell(asPowerShellReadsIt(body(s)));
    assert.deepEqual(syntaxProblems(tree), []);
    assert.equal(shape(tree), baseline);
    // The agent re-validates its run config, so only a value AWS allows non-ASCII in is read back: a log stream name.
    const rc = runConfigFromUserData(scriptFor(launchConfig({ generalLogStream: odd })));
    assert.equal(rc.generalLogStream, odd);
  });

  it('carries the run config the agent needs, and the sandbox can read it back', () => {
    const rc = runConfigFromUserData(scriptFor(launchConfig()));
    assert.equal(rc.date, '2020-06-27');
    assert.equal(rc.buckets.output, 'adatrap-out');
    assert.equal(rc.language, 'es');
    assert.equal(rc.deadline, '2026-01-01T04:00:00.000Z');
  });

  it('never contains a secret, even when the configuration is full of them', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const withSecrets = {
      ...launchConfig(),
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

  it('carries its Spanish messages in base64, accents intact', () => {
    const s = scriptFor(launchConfig());
    const texts = [...s.matchAll(/ConvertFrom-Base64Utf8 '([A-Za-z0-9+/=]+)'/g)].map((m) =>
      Buffer.from(m[1], 'base64').toString('utf8'),
    );
    assert.ok(
      texts.some((x) => x.startsWith('La máquina para {date} no pudo iniciar el agente')),
      texts.join('|'),
    );
  });

  it('stays under the EC2 limit of 16 KB with long values', () => {
    const long = 'b'.repeat(63);
    const s = scriptFor(
      launchConfig({
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
      await parsePowerShell(body(scriptFor(launchConfig({ logGroup: 'x', region: 'x', executablesBucket: 'x' })))),
    );
    for (const attack of attacks) {
      const s = body(
        scriptFor(
          launchConfig({ logGroup: attack, region: attack, executablesBucket: attack, generalLogStream: attack }),
        ),
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
