import * as assert from 'node:assert/strict';
import {
  CONFIG_KEYS,
  bucketNameProblem,
  loadConfig,
  summarizeProblems,
  validateConfig,
  validateValue,
  type ConfigKey,
} from '../../../src/core/config';
import { setLanguage, tIn } from '../../../src/core/i18n';
import { envLines, sandboxEnv } from '../../../src/sandbox/env';

const SECRET = 'wJalr$XUtn"FEMI/K7MDENG\'bPxRfiCYEXAMPLE#KEY';

const VALID: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AKIASANDBOX000000000',
  AWS_SECRET_ACCESS_KEY: SECRET,
  REGION_NAME: 'us-east-1',
  AMI_ID: 'ami-0b697c4ae566cad55',
  INSTANCE_TYPE: 'm5.xlarge',
  KEY_PAIR: 'ec2-keypair',
  LOG_GROUP: 'adatrap',
  GENERAL_LOG_STREAM: 'general',
  EXECUTABLES_BUCKET: 'adatrap-executables',
  EXECUTABLE_VERSION: '0.2',
  GPS_BUCKET_NAME: 'adatrap-gps',
  FILE_196_BUCKET_NAME: 'adatrap-196',
  TRANSACTION_BUCKET_NAME: 'adatrap-trx',
  OP_PROGRAM_BUCKET_NAME: 'adatrap-po',
  SERVICE_DETAIL_BUCKET_NAME: 'adatrap-service-detail',
  OUTPUT_DATA_BUCKET_NAME: 'adatrap-output',
};

/** Spread over VALID: neither access key, as with a profile or SSO. */
const NO_KEYS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

function envText(values: Record<string, string>): string {
  // Single quotes carry the secret's $ and " literally; its own ' needs backticks.
  return Object.entries(values)
    .map(([k, v]) => `${k}=${/['"$#]/.test(v) ? `\`${v}\`` : v}`)
    .join('\n');
}

function problemsFor(values: Record<string, string | undefined>): { key: string; kind: string; message: string }[] {
  return validateConfig(values).problems;
}

function onlyProblem(values: Record<string, string | undefined>, key: string): string {
  const problems = problemsFor(values);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.equal(problems[0].key, key);
  return problems[0].message;
}

describe('core/config', () => {
  it('accepts INSTANCE_TYPE as a list, MARKET spot or on-demand, and checks STACK_NAME and STATE_MACHINE_ARN', () => {
    assert.equal(validateValue('INSTANCE_TYPE', 'm5.xlarge, m5a.xlarge'), undefined);
    assert.match(validateValue('INSTANCE_TYPE', 'm5.xlarge,,bad') ?? '', /INSTANCE_TYPE/);
    assert.equal(validateValue('MARKET', 'on-demand'), undefined);
    assert.match(validateValue('MARKET', 'reserved') ?? '', /spot or on-demand/);
    assert.equal(validateValue('STACK_NAME', 'adatrap-miner'), undefined);
    assert.match(validateValue('STACK_NAME', '1stack') ?? '', /STACK_NAME/);
    assert.equal(
      validateValue('STATE_MACHINE_ARN', 'arn:aws:states:us-east-1:123456789012:stateMachine:adatrap-miner-batches'),
      undefined,
    );
    assert.match(
      validateValue('STATE_MACHINE_ARN', 'arn:aws:states:us-east-1:1:activity:x') ?? '',
      /STATE_MACHINE_ARN/,
    );
  });

  before(() => setLanguage('en'));

  it('turns the 16 keys into an AdatrapConfig with defaults', () => {
    const { config, problems, warnings } = loadConfig(envText(VALID), {});
    assert.deepEqual(problems, []);
    assert.deepEqual(warnings, []);
    assert.deepEqual(config, {
      accessKeyId: 'AKIASANDBOX000000000',
      secretAccessKey: SECRET,
      region: 'us-east-1',
      amiId: 'ami-0b697c4ae566cad55',
      instanceType: 'm5.xlarge',
      keyPair: 'ec2-keypair',
      logGroup: 'adatrap',
      generalLogStream: 'general',
      executablesBucket: 'adatrap-executables',
      executableVersion: '0.2',
      gpsBucket: 'adatrap-gps',
      file196Bucket: 'adatrap-196',
      transactionBucket: 'adatrap-trx',
      opProgramBucket: 'adatrap-po',
      serviceDetailBucket: 'adatrap-service-detail',
      outputBucket: 'adatrap-output',
      securityGroupIds: [],
      maxRunHours: 4,
      market: 'spot',
      stackName: 'adatrap-miner',
      endpoints: {},
    });
  });

  it('reads the optional keys and the endpoint overrides', () => {
    const { config, problems } = loadConfig(
      envText({
        ...VALID,
        INSTANCE_PROFILE: 'adatrap-runner',
        SECURITY_GROUP_IDS: 'sg-0123abcd, sg-0123456789abcdef0',
        SUBNET_ID: 'subnet-0123abcd',
        MAX_RUN_HOURS: '6',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4567',
        AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:4568',
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://logs.local:4569',
        AWS_ENDPOINT_URL_STS: 'http://localhost:4570/',
      }),
      {},
    );
    assert.deepEqual(problems, []);
    assert.equal(config?.instanceProfile, 'adatrap-runner');
    assert.deepEqual(config?.securityGroupIds, ['sg-0123abcd', 'sg-0123456789abcdef0']);
    assert.equal(config?.subnetId, 'subnet-0123abcd');
    assert.equal(config?.maxRunHours, 6);
    assert.deepEqual(config?.endpoints, {
      default: 'http://127.0.0.1:4566',
      s3: 'http://127.0.0.1:4567',
      ec2: 'http://127.0.0.1:4568',
      logs: 'https://logs.local:4569',
      sts: 'http://localhost:4570/',
    });
  });

  it('lets a process environment variable override the file, and says so in messages', () => {
    const loaded = loadConfig(envText(VALID), { REGION_NAME: 'sa-east-1', KEY_PAIR: '', UNRELATED: 'x' });
    assert.equal(loaded.config?.region, 'sa-east-1');
    assert.equal(loaded.config?.keyPair, 'ec2-keypair', 'an empty variable does not hide the file value');
    assert.deepEqual(loaded.fromEnvironment, ['REGION_NAME']);
    const bad = loadConfig(envText(VALID), { AMI_ID: 'ami-nothex' });
    assert.equal(bad.problems.length, 1);
    assert.match(bad.problems[0].message, /AMI_ID "ami-nothex" is not an image ID.*environment variable AMI_ID/);
  });

  it('takes AWS keys from the environment as a whole, never an id from one place and a secret from the other', () => {
    const file = `${envText(VALID)}\nAWS_SESSION_TOKEN=old-token\n`;
    const half = loadConfig(file, { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00000' });
    assert.equal(half.config, undefined);
    assert.deepEqual(
      half.problems.map((p) => [p.key, p.kind]),
      [['AWS_SECRET_ACCESS_KEY', 'missing']],
    );
    assert.match(half.problems[0].message, /AWS_SECRET_ACCESS_KEY is missing.*replace the keys of \.env as a whole/);
    const whole = loadConfig(file, { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00000', AWS_SECRET_ACCESS_KEY: 'env-secret' });
    assert.equal(whole.config?.accessKeyId, 'AKIAENVIRONMENT00000');
    assert.equal(whole.config?.secretAccessKey, 'env-secret');
    assert.equal(whole.config?.sessionToken, undefined, "the file's session token belonged to the file's keys");
    assert.equal(loadConfig(file, {}).config?.sessionToken, 'old-token');
  });

  it("accepts the .env the sandbox prints (the sandbox's fake key satisfies the access key shape)", () => {
    const { config, problems } = loadConfig(envLines(sandboxEnv('http://127.0.0.1:4566', 'control-token')), {});
    assert.deepEqual(problems, []);
    assert.equal(config?.endpoints.default, 'http://127.0.0.1:4566');
  });

  it('works from the environment alone (no .env file)', () => {
    assert.ok(loadConfig('', VALID).config);
  });

  describe('missing keys', () => {
    it('names every missing key, each once', () => {
      const { problems, config } = loadConfig('# empty\n', {});
      assert.equal(config, undefined);
      const missing = problems.filter((p) => p.kind === 'missing').map((p) => p.key);
      // The two credential keys are reported as one problem (keys or a profile).
      assert.equal(missing.length, 15);
      for (const key of Object.keys(VALID).filter((k) => !k.startsWith('AWS_'))) assert.ok(missing.includes(key), key);
      assert.match(
        problems.find((p) => p.key === 'AWS_ACCESS_KEY_ID')?.message ?? '',
        /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/,
      );
    });

    it('treats an empty value as missing', () => {
      assert.match(onlyProblem({ ...VALID, LOG_GROUP: '' }, 'LOG_GROUP'), /^LOG_GROUP is missing/);
    });

    it('accepts AWS_PROFILE instead of keys', () => {
      const values = { ...VALID, ...NO_KEYS, AWS_PROFILE: 'adatrap-sso' };
      const { config, problems } = validateConfig(values);
      assert.deepEqual(problems, []);
      assert.equal(config?.profile, 'adatrap-sso');
      assert.equal(config?.accessKeyId, undefined);
      assert.equal('secretAccessKey' in (config ?? {}), false);
    });

    it('refuses one key variable without the other', () => {
      assert.match(
        onlyProblem({ ...VALID, AWS_SECRET_ACCESS_KEY: undefined }, 'AWS_SECRET_ACCESS_KEY'),
        /AWS_SECRET_ACCESS_KEY is missing: AWS_ACCESS_KEY_ID is set/,
      );
      assert.match(
        onlyProblem({ ...VALID, AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: 'p' }, 'AWS_ACCESS_KEY_ID'),
        /AWS_ACCESS_KEY_ID is missing: AWS_SECRET_ACCESS_KEY is set/,
      );
    });

    it('refuses a session token without keys', () => {
      const values = { ...VALID, ...NO_KEYS, AWS_PROFILE: 'p', AWS_SESSION_TOKEN: 'tok' };
      assert.match(onlyProblem(values, 'AWS_SESSION_TOKEN'), /session token only goes with keys/);
    });

    it('summarizes missing and invalid keys for welcome views', () => {
      const { problems } = loadConfig(
        envText({
          ...VALID,
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          REGION_NAME: 'nowhere',
          GPS_BUCKET_NAME: '',
        }),
        {},
      );
      const summary = summarizeProblems(problems);
      assert.deepEqual(summary.missing.sort(), ['AWS_ACCESS_KEY_ID', 'GPS_BUCKET_NAME']);
      assert.deepEqual(summary.invalid, ['REGION_NAME']);
      assert.equal(summary.credentialsMissing, true);
      assert.equal(summarizeProblems(loadConfig(envText(VALID), {}).problems).credentialsMissing, false);
    });
  });

  it('reads ROOT_VOLUME_GB, EXE_CODE_PAGE and an AMI_ID that EC2 resolves from a public SSM parameter', () => {
    const ami = 'resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
    const { config, problems } = loadConfig(
      envText({ ...VALID, AMI_ID: ami, ROOT_VOLUME_GB: '80', EXE_CODE_PAGE: 'utf-8' }),
      {},
    );
    assert.deepEqual(problems, []);
    assert.equal(config?.amiId, ami);
    assert.equal(config?.rootVolumeGb, 80);
    assert.equal(config?.exeCodePage, 'utf-8');
    assert.equal(loadConfig(envText({ ...VALID, AMI_ID: `${ami}:3` }), {}).problems.length, 0, 'with a version');
  });

  describe('bad values name the key and what is wrong', () => {
    const cases: [ConfigKey, string, RegExp][] = [
      ['REGION_NAME', 'US-EAST-1', /REGION_NAME "US-EAST-1" is not an AWS region/],
      ['REGION_NAME', 'useast1', /REGION_NAME "useast1" is not an AWS region/],
      ['AMI_ID', 'ami-123', /AMI_ID "ami-123" is not an image ID/],
      ['AMI_ID', 'ami-0B697C4AE566CAD55', /AMI_ID .* is not an image ID/],
      ['INSTANCE_TYPE', 't2micro', /INSTANCE_TYPE "t2micro" is not an instance type/],
      ['INSTANCE_TYPE', 'T2.micro', /INSTANCE_TYPE/],
      ['KEY_PAIR', ' padded', /KEY_PAIR " padded" is not a key pair name/],
      ['KEY_PAIR', 'ñandú', /KEY_PAIR "ñandú" is not a key pair name/],
      ['KEY_PAIR', 'x'.repeat(256), /KEY_PAIR .* is not a key pair name/],
      ['KEY_PAIR', 'tab\tinside', /KEY_PAIR .* is not a key pair name/],
      ['KEY_PAIR', '../escape', /KEY_PAIR "..\/escape" cannot also be the file name of its private key/],
      ['KEY_PAIR', 'c:key', /KEY_PAIR "c:key" cannot also be the file name/],
      ['KEY_PAIR', '..', /KEY_PAIR "\.\." cannot also be the file name/],
      ['LOG_GROUP', 'has space', /LOG_GROUP "has space" is not a log group name/],
      ['GENERAL_LOG_STREAM', 'a:b', /GENERAL_LOG_STREAM "a:b" is not a log stream name/],
      ['GENERAL_LOG_STREAM', 'a*b', /GENERAL_LOG_STREAM/],
      ['EXECUTABLE_VERSION', 'v0.2', /EXECUTABLE_VERSION "v0.2" is not a version/],
      ['EXECUTABLE_VERSION', '0.', /EXECUTABLE_VERSION/],
      ['GPS_BUCKET_NAME', 'My_Bucket', /GPS_BUCKET_NAME "My_Bucket" is not a valid S3 bucket name: only lowercase/],
      ['OUTPUT_DATA_BUCKET_NAME', 'ab', /OUTPUT_DATA_BUCKET_NAME "ab" .*3 to 63 characters/],
      ['OP_PROGRAM_BUCKET_NAME', '192.168.5.4', /look like an IP address/],
      ['SECURITY_GROUP_IDS', 'sg-0123abcd,default', /SECURITY_GROUP_IDS .* is not a list of security group IDs/],
      ['SUBNET_ID', 'subnet-xyz', /SUBNET_ID "subnet-xyz" is not a subnet ID/],
      ['INSTANCE_PROFILE', 'has space', /INSTANCE_PROFILE "has space" is not an instance profile/],
      ['MAX_RUN_HOURS', '0', /MAX_RUN_HOURS "0" is not a number of hours between 1 and 24/],
      ['MAX_RUN_HOURS', '25', /MAX_RUN_HOURS "25"/],
      ['MAX_RUN_HOURS', 'four', /MAX_RUN_HOURS "four"/],
      ['ROOT_VOLUME_GB', '0', /ROOT_VOLUME_GB "0" is not a whole number of GiB between 1 and 16384/],
      ['ROOT_VOLUME_GB', '16385', /ROOT_VOLUME_GB "16385"/],
      ['ROOT_VOLUME_GB', '60.5', /ROOT_VOLUME_GB "60.5"/],
      ['EXE_CODE_PAGE', 'cp850', /EXE_CODE_PAGE "cp850" is not an encoding this tool can decode/],
      ['AMI_ID', 'resolve:ssm:aws/service/x', /AMI_ID "resolve:ssm:aws\/service\/x" is not an image ID/],
      ['AWS_ENDPOINT_URL', 'ftp://x', /AWS_ENDPOINT_URL "ftp:\/\/x" is not an http/],
      ['AWS_ENDPOINT_URL_S3', '127.0.0.1:4566', /AWS_ENDPOINT_URL_S3/],
      ['AWS_ACCESS_KEY_ID', 'akiasandbox000000000', /AWS_ACCESS_KEY_ID is not an access key ID/],
      ['AWS_ACCESS_KEY_ID', 'AKIA123', /AWS_ACCESS_KEY_ID is not an access key ID/],
      ['AWS_SECRET_ACCESS_KEY', 'has space', /AWS_SECRET_ACCESS_KEY contains spaces/],
      ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMIñK7MDENG', /AWS_SECRET_ACCESS_KEY .*printable ASCII/],
      ['AWS_SECRET_ACCESS_KEY', 'wJalr\u009bXUtnFEMI', /AWS_SECRET_ACCESS_KEY .*control characters/],
      ['AWS_SECRET_ACCESS_KEY', 'wJalr\u0007XUtnFEMI', /AWS_SECRET_ACCESS_KEY/],
      ['KEY_PAIR', 'CON', /KEY_PAIR "CON" names a Windows device/],
      ['KEY_PAIR', 'nul', /KEY_PAIR "nul" names a Windows device/],
      ['KEY_PAIR', 'Aux.backup', /names a Windows device/],
      ['KEY_PAIR', 'com1', /names a Windows device/],
      ['KEY_PAIR', 'LPT9.key', /names a Windows device/],
      ['KEY_PAIR', 'prn', /names a Windows device/],
      ['KEY_PAIR', 'CONOUT$', /names a Windows device/],
      ['GENERAL_LOG_STREAM', 'general\u009b31m', /GENERAL_LOG_STREAM .* is not a log stream name/],
    ];
    for (const [key, value, expected] of cases) {
      it(`${key}=${JSON.stringify(value.length > 40 ? value.slice(0, 10) + '…' : value)}`, () => {
        assert.match(onlyProblem({ ...VALID, [key]: value }, key), expected);
      });
    }

    it('takes names that only start like a Windows device (console, com10, lpt, nulled.key)', () => {
      for (const name of ['console', 'com10', 'lpt', 'nulled', 'con-key', 'auxiliary.pem-free', 'CONX'])
        assert.equal(validateValue('KEY_PAIR', name), undefined, name);
    });

    it('refuses a secret that is not printable ASCII and never shows it', () => {
      const secret = 'wJalrXUtnFEMI\u00e9K7MDENG';
      const message = onlyProblem({ ...VALID, AWS_SESSION_TOKEN: secret }, 'AWS_SESSION_TOKEN');
      assert.ok(!message.includes(secret), message);
    });

    it('accepts the shapes AWS uses', () => {
      const good: [ConfigKey, string][] = [
        ['REGION_NAME', 'sa-east-1'],
        ['REGION_NAME', 'us-gov-west-1'],
        ['REGION_NAME', 'ap-southeast-2'],
        ['AMI_ID', 'ami-0123abcd'],
        ['INSTANCE_TYPE', 't2.micro'],
        ['INSTANCE_TYPE', 'u-6tb1.metal'],
        ['INSTANCE_TYPE', 'm7i-flex.large'],
        ['KEY_PAIR', 'my key (2021)'],
        ['LOG_GROUP', '/adatrap/runs#1'],
        ['GENERAL_LOG_STREAM', 'general stream/2021'],
        ['EXECUTABLE_VERSION', '10'],
        ['EXECUTABLE_VERSION', '0.2.1'],
        ['INSTANCE_PROFILE', 'arn:aws:iam::123456789012:instance-profile/team/adatrap-runner'],
        ['MAX_RUN_HOURS', '1.5'],
        ['MAX_RUN_HOURS', '24'],
        ['AWS_ACCESS_KEY_ID', 'ASIAY34FZKBOKMUTVV7A'],
      ];
      for (const [key, value] of good) assert.equal(validateValue(key, value), undefined, `${key}=${value}`);
    });
  });

  describe('S3 bucket names', () => {
    it('follows the AWS naming rules', () => {
      const verdicts: [string, string | undefined][] = [
        ['adatrap-gps', undefined],
        ['my.bucket.2020', undefined],
        ['abc', undefined],
        ['a'.repeat(63), undefined],
        ['a'.repeat(64), 'config.bad.bucket.length'],
        ['Bucket', 'config.bad.bucket.chars'],
        ['under_score', 'config.bad.bucket.chars'],
        ['-start', 'config.bad.bucket.edges'],
        ['end.', 'config.bad.bucket.edges'],
        ['two..dots', 'config.bad.bucket.dots'],
        ['dot.-hyphen', 'config.bad.bucket.dots'],
        ['10.0.0.1', 'config.bad.bucket.ip'],
        ['xn--bucket', 'config.bad.bucket.reserved'],
        ['sthree-bucket', 'config.bad.bucket.reserved'],
        ['bucket-s3alias', 'config.bad.bucket.reserved'],
        ['bucket--ol-s3', 'config.bad.bucket.reserved'],
      ];
      for (const [name, expected] of verdicts) assert.equal(bucketNameProblem(name), expected, name);
    });
  });

  describe('secrets', () => {
    it('never puts a credential value in any message, whatever key it was pasted into', () => {
      const values = {
        ...VALID,
        AWS_ACCESS_KEY_ID: SECRET,
        AWS_SESSION_TOKEN: `${SECRET} x`,
        AWS_SECRET_ACCESS_KEY: `${SECRET}\t`,
      };
      const loaded = loadConfig(envText(VALID), values);
      assert.ok(loaded.problems.length >= 3, JSON.stringify(loaded.problems.map((p) => p.key)));
      for (const lang of ['en', 'es'] as const) {
        setLanguage(lang);
        const again = loadConfig(envText(VALID), values);
        for (const p of [...again.problems, ...again.warnings]) {
          assert.ok(!p.message.includes('wJalr'), p.message);
          assert.ok(!p.message.includes('EXAMPLE'), p.message);
        }
      }
      setLanguage('en');
    });

    it('does not quote back a secret pasted into another key', () => {
      const pasted = loadConfig(envText({ ...VALID, REGION_NAME: SECRET }), {});
      assert.equal(pasted.problems.length, 1);
      assert.match(pasted.problems[0].message, /^REGION_NAME "…" is not an AWS region/);
      // Without the secret at hand (one field of the editor), a 40-character base64 value is still not echoed.
      const message = validateValue('LOG_GROUP', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY x') ?? '';
      assert.ok(message.startsWith('LOG_GROUP "…"'), message);
      // Ordinary mistakes are quoted back, to help.
      assert.match(validateValue('LOG_GROUP', 'my group') ?? '', /"my group"/);
    });

    it('reads secrets with $, quotes and # exactly from .env', () => {
      const text = `${envText({ ...VALID, AWS_SECRET_ACCESS_KEY: 'x' })}\nAWS_SECRET_ACCESS_KEY='a$b"c#d'\n`;
      const loaded = loadConfig(text, {});
      assert.equal(loaded.config?.secretAccessKey, 'a$b"c#d');
    });
  });

  describe('.env quirks', () => {
    it('reads a file with a BOM, CRLF and export prefixes', () => {
      const text =
        '\uFEFF' +
        envText(VALID)
          .split('\n')
          .map((l) => `export ${l}`)
          .join('\r\n') +
        '\r\n';
      const { config, problems } = loadConfig(text, {});
      assert.deepEqual(problems, []);
      assert.equal(config?.accessKeyId, 'AKIASANDBOX000000000');
      assert.equal(config?.outputBucket, 'adatrap-output');
    });

    it('warns about duplicate keys without blocking, and uses the last one', () => {
      const text = `${envText(VALID)}\nREGION_NAME=sa-east-1\n`;
      const { config, problems, warnings } = loadConfig(text, {});
      assert.deepEqual(problems, []);
      assert.equal(config?.region, 'sa-east-1');
      assert.deepEqual(
        warnings.map((w) => [w.key, w.kind]),
        [['REGION_NAME', 'duplicate']],
      );
      assert.match(warnings[0].message, /REGION_NAME is set 2 times in \.env; the last one is used/);
    });

    it('reads quoted values', () => {
      const text = envText(VALID).replace('KEY_PAIR=ec2-keypair', 'KEY_PAIR="my key"');
      assert.equal(loadConfig(text, {}).config?.keyPair, 'my key');
    });
  });

  describe('metadata', () => {
    it('lists every key once, with its group, and the 16 of SYSTEM.md as required', () => {
      const names = CONFIG_KEYS.map((k) => k.key);
      assert.equal(new Set(names).size, names.length);
      const required = CONFIG_KEYS.filter((k) => k.required).map((k) => k.key);
      assert.deepEqual([...required].sort(), Object.keys(VALID).sort());
      assert.deepEqual(
        CONFIG_KEYS.filter((k) => k.secret).map((k) => k.key),
        ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
      );
      assert.deepEqual(
        CONFIG_KEYS.filter((k) => k.unlessProfile).map((k) => k.key),
        ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
      );
    });

    it('has a label and help text in both languages for every key, and valid examples', () => {
      for (const info of CONFIG_KEYS) {
        for (const lang of ['en', 'es'] as const) {
          assert.notEqual(tIn(lang, info.labelKey), info.labelKey, `${lang} label of ${info.key}`);
          assert.notEqual(tIn(lang, info.helpKey), info.helpKey, `${lang} help of ${info.key}`);
        }
        if (!info.secret) assert.equal(validateValue(info.key, info.example), undefined, `example of ${info.key}`);
      }
    });
  });
});
