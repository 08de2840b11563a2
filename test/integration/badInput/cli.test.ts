// Bad-input matrix, end to end: the built CLI (`node dist/cli.js`) against one sandbox. Input that is already
// invalid (dates, .env, key-pair names, arguments) gets exit 2, one clear line naming the problem, and not a
// single AWS call (the sandbox's request counters stay at zero). Valid input in odd shapes (BOM, CRLF,
// quotes, duplicate keys) works. Bad bucket contents and unknown log streams fail the check, naming it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { seededRandom } from '../../../src/sandbox/faults';
import { poZip } from '../../../src/sandbox/seed';
import { PO_FILES, poFilePath } from '../../../src/sandbox/template';
import { requireBuilt, runCli, type CliResult } from '../../helpers/cli';

/** Secrets no output may ever show, even when the configuration around them is wrong. */
const SECRET = `sEcr3t$HOME"quoted'and$(whoami)`;

interface Case {
  name: string;
  args: string[];
  /** The `.env` text: the sandbox's own when absent. */
  env?: (valid: string) => string;
  /** Process environment on top (overrides the file, as users do). */
  vars?: Record<string, string>;
  /** Files to create in the working folder first. */
  files?: Record<string, string>;
  code: 0 | 1 | 2;
  /** What the one error line must say (the thing to fix). */
  says?: RegExp;
  /** True when the command may (must) talk to AWS. */
  aws?: boolean;
}

function without(key: string): (valid: string) => string {
  return (valid) =>
    valid
      .split('\n')
      .filter((l) => !l.startsWith(`${key}=`))
      .join('\n');
}

function withValue(key: string, value: string): (valid: string) => string {
  return (valid) =>
    valid
      .split('\n')
      .map((l) => (l.startsWith(`${key}=`) ? `${key}=${value}` : l))
      .join('\n');
}

const INVALID: Case[] = [
  // Dates
  {
    name: 'a date that is not on the calendar',
    args: ['check-inputs', '2021-02-30'],
    code: 2,
    says: /2021-02-30 is not a calendar date/,
  },
  { name: 'a short, unpadded date', args: ['check-inputs', '21-4-22'], code: 2, says: /21-4-22/ },
  { name: 'an empty date', args: ['check-inputs', ''], code: 2 },
  {
    name: 'a reversed range',
    args: ['check-inputs', '2020-07-10', '--to', '2020-07-01'],
    code: 2,
    says: /2020-07-10.*2020-07-01/,
  },
  {
    name: 'a date far in the future (a typo in the year)',
    args: ['create-ec2-instance', '2202-06-29'],
    code: 2,
    says: /2202-06-29/,
  },
  {
    name: 'a 29 February outside a leap year',
    args: ['create-ec2-instance', '2021-02-29'],
    code: 2,
    says: /2021-02-29/,
  },
  {
    name: 'a reversed launch range',
    args: ['create-ec2-instance', '2020-07-01', '--to', '2020-06-01'],
    code: 2,
    says: /2020-07-01/,
  },
  {
    name: 'a log window start that is no date',
    args: ['get-log-stream', 'general', '-s', '2021-13-01'],
    code: 2,
    says: /--start/,
  },
  {
    name: 'a log window that ends before it starts',
    args: ['get-log-stream', 'general', '-s', '2021-03-02', '-e', '2021-03-01'],
    code: 2,
    says: /2021-03-02/,
  },
  { name: 'a month that does not exist', args: ['calendar', '2021-13'], code: 2, says: /2021-13/ },
  {
    name: 'zero parallel runs',
    args: ['create-ec2-instance', '2020-06-29', '--to', '2020-06-30', '--max-parallel', '0'],
    code: 2,
    says: /--max-parallel/,
  },
  {
    name: 'more parallel runs than the cap of 50',
    args: ['create-ec2-instance', '2020-06-29', '--to', '2020-06-30', '--max-parallel', '51'],
    code: 2,
    says: /--max-parallel must be a whole number from 1 to 50/,
  },
  {
    name: 'a fractional --max-parallel',
    args: ['create-ec2-instance', '2020-06-29', '--max-parallel', '2.5'],
    code: 2,
    says: /"2\.5"/,
  },
  {
    name: 'a launch range longer than 366 days',
    args: ['create-ec2-instance', '2019-01-01', '--to', '2020-06-30'],
    code: 2,
    says: /547 days; one command takes at most 366/,
  },
  {
    name: 'a check-inputs range longer than 366 days',
    args: ['check-inputs', '2019-01-01', '--to', '2020-06-30'],
    code: 2,
    says: /at most 366/,
  },
  // .env
  {
    name: 'a missing key',
    args: ['check-inputs', '2020-06-29'],
    env: without('GPS_BUCKET_NAME'),
    code: 2,
    says: /GPS_BUCKET_NAME/,
  },
  { name: 'an empty .env', args: ['list-runs'], env: () => '', code: 2, says: /REGION_NAME/ },
  { name: 'an empty value', args: ['list-runs'], env: withValue('LOG_GROUP', ''), code: 2, says: /LOG_GROUP/ },
  {
    name: 'an invalid instance type',
    args: ['list-runs'],
    env: withValue('INSTANCE_TYPE', 'big machine'),
    code: 2,
    says: /INSTANCE_TYPE/,
  },
  {
    name: 'a bucket name S3 cannot have',
    args: ['check-inputs', '2020-06-29'],
    env: withValue('GPS_BUCKET_NAME', 'My_GPS_Bucket'),
    code: 2,
    says: /GPS_BUCKET_NAME/,
  },
  {
    name: 'an AMI id of the wrong shape',
    args: ['list-runs'],
    env: withValue('AMI_ID', 'windows-2022'),
    code: 2,
    says: /AMI_ID/,
  },
  {
    name: 'a region that does not exist',
    args: ['list-runs'],
    env: withValue('REGION_NAME', 'moon-central-1'),
    code: 2,
    says: /REGION_NAME/,
  },
  {
    name: 'an access key id without its secret',
    args: ['list-runs'],
    env: without('AWS_SECRET_ACCESS_KEY'),
    code: 2,
    says: /AWS_SECRET_ACCESS_KEY/,
  },
  {
    name: 'a secret with $ and quotes beside a missing key: named, never shown',
    args: ['list-runs'],
    env: (valid) =>
      withValue('AWS_SECRET_ACCESS_KEY', `'${SECRET.replace(/'/g, '')}'`)(without('OUTPUT_DATA_BUCKET_NAME')(valid)),
    code: 2,
    says: /OUTPUT_DATA_BUCKET_NAME/,
  },
  {
    name: 'a --config file that does not exist',
    args: ['--config', 'nowhere.env', 'list-runs'],
    code: 2,
    says: /nowhere\.env/,
  },
  {
    name: 'a --config that is a folder',
    args: ['list-runs', '--config', '.'],
    code: 2,
    says: /configuration file/,
  },
  // Key-pair names and instance ids
  { name: 'a key-pair name with a slash', args: ['create-key-pair', '../escape'], code: 2, says: /escape/ },
  { name: 'an empty key-pair name', args: ['create-key-pair', ''], code: 2 },
  { name: 'a key-pair name longer than EC2 allows', args: ['create-key-pair', 'k'.repeat(256)], code: 2 },
  { name: 'a key-pair name with characters EC2 refuses', args: ['create-key-pair', 'clave ñandú'], code: 2 },
  {
    name: 'a key pair whose .pem already exists (nothing sent, file untouched)',
    args: ['create-key-pair', 'mine'],
    files: { 'mine.pem': 'KEEP' },
    code: 1,
    says: /mine\.pem/,
  },
  { name: 'an instance id of the wrong shape', args: ['stop-ec2-instance', 'i-12; rm -rf'], code: 2 },
  { name: 'an instance id with a path in it', args: ['stop-ec2-instance', 'i-0123456789abcdef0/../x'], code: 2 },
  {
    name: 'an instance id with an escape sequence: shown escaped',
    args: ['stop-ec2-instance', 'i-01\u001b[2J'],
    code: 2,
    says: /i-01\\x1b\[2J/,
  },
  // Windows device names: CON.pem is no file on Windows, the key would be lost
  { name: 'a key-pair name CON', args: ['create-key-pair', 'CON'], code: 2, says: /"CON" names a Windows device/ },
  { name: 'a key-pair name nul (any case)', args: ['create-key-pair', 'nul'], code: 2, says: /Windows device/ },
  { name: 'a key-pair name PRN', args: ['create-key-pair', 'PRN'], code: 2, says: /Windows device/ },
  { name: 'a key-pair name Aux', args: ['create-key-pair', 'Aux'], code: 2, says: /Windows device/ },
  { name: 'a key-pair name COM1 with an extension', args: ['create-key-pair', 'com1.backup'], code: 2, says: /device/ },
  { name: 'a key-pair name LPT9', args: ['create-key-pair', 'LPT9'], code: 2, says: /Windows device/ },
  { name: 'a key-pair name CONOUT$', args: ['create-key-pair', 'CONOUT$'], code: 2, says: /Windows device/ },
  // Log stream names, checked before any call (CloudWatch: 1-512 characters, no : or *)
  {
    name: 'a log stream name with a colon',
    args: ['get-log-stream', 'bad:name'],
    code: 2,
    says: /"bad:name".*is not a log stream name/,
  },
  { name: 'a log stream name with an asterisk', args: ['get-log-stream', 'i-*'], code: 2, says: /not a log stream/ },
  {
    name: 'a log stream name longer than 512 characters',
    args: ['get-log-stream', 's'.repeat(513)],
    code: 2,
    says: /513 characters/,
  },
  { name: 'an empty log stream name', args: ['get-log-stream', ''], code: 2, says: /not a log stream name/ },
  {
    name: 'a log stream name with an escape sequence: shown escaped',
    args: ['get-log-stream', 'run\u001b[31m'],
    code: 2,
    says: /run\\x1b\[31m/,
  },
  {
    name: 'a log stream name with a C1 CSI (U+009B)',
    args: ['get-log-stream', 'run\u009b2J'],
    code: 2,
    says: /run\\x9b2J/,
  },
  { name: 'a bad log stream name to follow', args: ['get-log-stream', 'a:b', '-f'], code: 2, says: /a:b/ },
  {
    name: 'a bad log stream name to search',
    args: ['search-logs', 'ERROR', '--stream', 'general', 'x*y'],
    code: 2,
    says: /"x\*y"/,
  },
  // Secrets and tokens: printable ASCII only, named and never shown
  {
    name: 'a secret key with an accented letter',
    args: ['list-runs'],
    env: withValue('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMIéK7MDENG'),
    code: 2,
    says: /AWS_SECRET_ACCESS_KEY .*printable ASCII/,
  },
  {
    name: 'a secret key with a C1 control',
    args: ['list-runs'],
    env: withValue('AWS_SECRET_ACCESS_KEY', 'wJalrXUtn\u009bFEMI'),
    code: 2,
    says: /AWS_SECRET_ACCESS_KEY/,
  },
  {
    name: 'a session token with a BEL, from the environment',
    args: ['list-runs'],
    vars: { AWS_SESSION_TOKEN: 'IQoJb3\u0007JpZ2lu' },
    code: 2,
    says: /AWS_SESSION_TOKEN/,
  },
  {
    name: 'a session token with a space inside',
    args: ['list-runs'],
    vars: { AWS_SESSION_TOKEN: 'IQoJb3 JpZ2lu' },
    code: 2,
    says: /AWS_SESSION_TOKEN contains spaces/,
  },
  // Months and dates that could become paths
  { name: 'a calendar month before 1900', args: ['calendar', '1899-12'], code: 2, says: /1899-12 is before 1900/ },
  { name: 'a calendar month in year 1', args: ['calendar', '0001-01'], code: 2, says: /before 1900/ },
  { name: 'a calendar month that is a path', args: ['calendar', '2020-07/..'], code: 2, says: /not a month/ },
  {
    name: 'a date with a path after it',
    args: ['check-inputs', '2020-06-29/../../etc'],
    code: 2,
    says: /2020-06-29\/\.\.\/\.\.\/etc/,
  },
  { name: 'a date with a path before it', args: ['create-ec2-instance', '../2020-06-29'], code: 2 },
  { name: 'a date in full-width digits', args: ['check-inputs', '\uff12\uff10\uff12\uff10-06-29'], code: 2 },
  { name: 'an outputs date that is a path', args: ['get-outputs', '2020-06-29/..'], code: 2 },
  {
    name: 'a negative --max-parallel',
    args: ['create-ec2-instance', '2020-06-29', '--max-parallel', '-1'],
    code: 2,
    says: /--max-parallel/,
  },
  {
    name: 'a --max-parallel in exponent form',
    args: ['create-ec2-instance', '2020-06-29', '--max-parallel', '1e1'],
    code: 2,
    says: /--max-parallel/,
  },
  // Usage
  { name: 'an unknown command', args: ['launch-everything'], code: 2 },
  { name: 'a missing argument', args: ['check-inputs'], code: 2 },
  { name: 'an unknown option', args: ['list-runs', '--colour'], code: 2 },
];

const BUCKETS = {
  empty: 'adatrap-bad-empty',
  flatPo: 'adatrap-bad-po-flat',
  partialPo: 'adatrap-bad-po-partial',
  corruptPo: 'adatrap-bad-po-corrupt',
};
const MISSING_PO_FILE = PO_FILES[PO_FILES.length - 1];

/** A command that reaches AWS and exits 1 with one line naming what to fix (`says`). */
function awsRefuses(name: string, args: string[], says: RegExp, vars?: Record<string, string>): Case {
  return { name, args, ...(vars ? { vars } : {}), code: 1, says, aws: true };
}

const CONTENTS: Case[] = [
  // Odd but valid .env shapes: they must simply work.
  {
    name: 'a .env with a BOM and CRLF line ends',
    args: ['list-runs'],
    env: (valid) => `\uFEFF${valid.replace(/\n/g, '\r\n')}\r\n`,
    code: 0,
    aws: true,
  },
  {
    name: 'quoted values and export prefixes',
    args: ['check-inputs', '2020-06-29'],
    env: (valid) =>
      valid
        .split('\n')
        .map((l) =>
          l.replace(/^(\w+)=(.*)$/, (_m, k: string, v: string) =>
            k.endsWith('BUCKET_NAME') ? `export ${k}="${v}"` : `${k}='${v}'`,
          ),
        )
        .join('\n'),
    code: 0,
    aws: true,
  },
  {
    name: 'a key set twice: the last one counts',
    args: ['check-inputs', '2020-06-29'],
    env: (valid) => valid.replace(/^GPS_BUCKET_NAME=.*$/m, (l) => `GPS_BUCKET_NAME=adatrap-wrong-bucket\n${l}`),
    code: 0,
    aws: true,
  },
  // Bucket contents
  awsRefuses(
    'daily keys off the pattern are not taken for the day',
    ['check-inputs', '2020-07-10'],
    /2020-07-10\.gps\.gz.*adatrap-sandbox-gps/,
  ),
  awsRefuses('an empty transactions bucket', ['check-inputs', '2020-06-29'], /2020-06-29\.trx\.gz.*adatrap-bad-empty/, {
    TRANSACTION_BUCKET_NAME: BUCKETS.empty,
  }),
  awsRefuses('a bucket that does not exist', ['check-inputs', '2020-06-29'], /adatrap-bad-no-such-bucket/, {
    GPS_BUCKET_NAME: 'adatrap-bad-no-such-bucket',
  }),
  awsRefuses('a PO zip without its top folder', ['check-inputs', '2020-06-29'], /2020-06-01\.po\.zip.*2020-06-01/, {
    OP_PROGRAM_BUCKET_NAME: BUCKETS.flatPo,
  }),
  awsRefuses(
    'a PO zip missing a file the .par needs',
    ['check-inputs', '2020-06-29'],
    new RegExp(`${MISSING_PO_FILE?.name ?? 'missing'}`),
    { OP_PROGRAM_BUCKET_NAME: BUCKETS.partialPo },
  ),
  awsRefuses('a PO object that is not a zip', ['check-inputs', '2020-06-29'], /2020-06-01\.po\.zip/, {
    OP_PROGRAM_BUCKET_NAME: BUCKETS.corruptPo,
  }),
  awsRefuses('a date before the first PO', ['check-inputs', '2020-05-15'], /2020-05-15/),
  // Log streams
  awsRefuses('an unknown log stream', ['get-log-stream', 'i-0000000000000dead'], /i-0000000000000dead/),
  awsRefuses('an unknown log group', ['get-log-stream', 'general'], /adatrap-no-such-group/, {
    LOG_GROUP: 'adatrap-no-such-group',
  }),
  awsRefuses('an unknown instance to stop', ['stop-ec2-instance', 'i-0123456789abcdef0'], /i-0123456789abcdef0/),
  {
    name: 'a key-pair name that only starts like a device (console) is created',
    args: ['create-key-pair', 'console'],
    code: 0,
    aws: true,
  },
  awsRefuses(
    'a key pair that already exists in EC2 (no .pem left behind)',
    ['create-key-pair', 'adatrap-sandbox-key'],
    /adatrap-sandbox-key/,
  ),
];

async function flatPoZip(): Promise<Buffer> {
  const zip = new ZipFile();
  for (const f of PO_FILES) zip.addBuffer(gzipSync('1;x\n'), `${poFilePath(f, '20200601')}.gz`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Ran extends CliResult {
  /** The case's working folder. */
  dir: string;
}

/** Runs at most `limit` cases at once: enough to keep a 2-core machine busy without starving the sandbox. */
async function runAll(cases: readonly Case[], run: (c: Case) => Promise<Ran>, limit: number): Promise<Map<Case, Ran>> {
  const results = new Map<Case, Ran>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      results.set(c, await run(c));
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('bad-input matrix: the CLI', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let root: string;

  before(async function () {
    requireBuilt();
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    sandbox = await startSandbox();
    root = mkdtempSync(path.join(tmpdir(), 'adatrap-bad-input-'));
    // Bucket contents, written to the store directly (not counted as requests).
    const s3 = sandbox.s3;
    for (const name of Object.values(BUCKETS)) await s3.createBucket(name);
    for (const key of ['2020-07-10.gps.gz.bak', 'x2020-07-10.gps.gz', '2020-07-10.gps', '2020-07-10.GPS.GZ'])
      await s3.putBuffer(sandbox.env.GPS_BUCKET_NAME ?? '', key, gzipSync('x'));
    await s3.putBuffer(sandbox.env.FILE_196_BUCKET_NAME ?? '', '2020-07-10.196.gz', gzipSync('x'));
    await s3.putBuffer(sandbox.env.TRANSACTION_BUCKET_NAME ?? '', '2020-07-10.trx.gz', gzipSync('x'));
    await s3.putBuffer(BUCKETS.flatPo, '2020-06-01.po.zip', await flatPoZip());
    await s3.putBuffer(
      BUCKETS.partialPo,
      '2020-06-01.po.zip',
      await poZip('2020-06-01', seededRandom(1), PO_FILES.slice(0, -1)),
    );
    await s3.putBuffer(BUCKETS.corruptPo, '2020-06-01.po.zip', Buffer.from('PK\u0003\u0004 but not really a zip'));
  });

  after(async () => {
    await sandbox?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let counter = 0;
  async function runCase(c: Case): Promise<Ran> {
    const dir = path.join(root, `case-${++counter}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.env'), (c.env ?? ((v: string) => v))(sandbox.envText()));
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(path.join(dir, name), text);
    return { ...(await runCli(dir, c.args, c.vars ?? {})), dir };
  }

  function check(c: Case, r: CliResult | undefined): void {
    assert.ok(r, 'the case did not run');
    const output = `${r.stdout}${r.stderr}`;
    assert.equal(r.code, c.code, `exit code; output:\n${output}`);
    for (const secret of [SECRET.replace(/'/g, ''), sandbox.env.AWS_SECRET_ACCESS_KEY ?? '']) {
      assert.ok(!output.includes(secret), 'a secret reached the output');
    }
    // What the user typed (or a machine wrote) comes back escaped: nothing a terminal would obey.
    // eslint-disable-next-line no-control-regex -- the point of the check
    assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'a raw control character was printed');
    if (c.code === 0) return;
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter(
        (l) =>
          !/NodeVersionSupportWarning|node >=22|a\.co\/|trace-warnings|versions published|will require node|continue receiving|security updates/i.test(
            l,
          ) && l.trim() !== '',
      );
    assert.ok(lines.length >= 1, 'no error line');
    assert.ok(!lines.some((l) => /^\s+at /.test(l)), `a stack trace was printed:\n${r.stderr}`);
    assert.ok(!/Unexpected error/i.test(r.stderr), `reported as unexpected:\n${r.stderr}`);
    if (c.says) assert.match(lines.join('\n'), c.says);
  }

  describe('invalid input: exit 2 (or 1 for a file that must not be touched) and no AWS call', () => {
    let results: Map<Case, Ran>;

    before(async () => {
      sandbox.faults.resetCounts();
      results = await runAll(INVALID, runCase, 3);
    });

    for (const c of INVALID) {
      it(c.name, () => {
        check(c, results.get(c));
      });
    }

    it('not one AWS call was made by any of these commands', () => {
      assert.equal(sandbox.faults.totalRequests(), 0, JSON.stringify(sandbox.faults.counts()));
    });

    it('the existing .pem is untouched', () => {
      const ran = results.get(INVALID.find((c) => c.files?.['mine.pem']) as Case);
      assert.equal(readFileSync(path.join(ran?.dir ?? '', 'mine.pem'), 'utf8'), 'KEEP');
    });
  });

  describe('odd .env shapes work; bad bucket contents and unknown streams fail the check, naming it', () => {
    let results: Map<Case, Ran>;

    before(async () => {
      results = await runAll(CONTENTS, runCase, 3);
    });

    for (const c of CONTENTS) it(c.name, () => check(c, results.get(c)));

    it('a refused key pair leaves no .pem behind', () => {
      const ran = results.get(CONTENTS.find((c) => c.args[1] === 'adatrap-sandbox-key') as Case);
      assert.equal(existsSync(path.join(ran?.dir ?? '', 'adatrap-sandbox-key.pem')), false);
    });
  });
});
