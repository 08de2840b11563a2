// The PowerShell user data that brings a Windows machine to life: deadline first, then a verified Node runtime and
// agent bundle from EXECUTABLES_BUCKET (no internet), then `node agent.js execute-adatrap DATE`. No secret is ever
// part of it (the run config has no field for one; the machine's AWS access comes from its instance profile).
//
// Windows PowerShell 5.1 is what EC2Launch runs, and two of its behaviours shape this script:
// - It reads a script without BOM in the ANSI code page (cp1252), where UTF-8's `Ñ` (C3 91) contains 0x91, a
//   typographic quote that closes a single-quoted string. So the script is ASCII by construction: every
//   configurable value (buckets, region, log group and stream, localized messages) travels in base64 UTF-8 and is
//   decoded on the machine. Refusing non-ASCII values instead would be stricter than AWS, which accepts them in
//   log stream names and tag values.
// - With $ErrorActionPreference = 'Stop', 5.1 turns a native command's stderr line into a terminating
//   NativeCommandError when its output is captured or redirected (PowerShell 7.2 stopped doing so, see
//   PowerShell/PowerShell#13361, so pwsh cannot reproduce it). Every native command (shutdown.exe, tzutil.exe,
//   schtasks.exe, node.exe) therefore runs through Start-Process, whose -RedirectStandardError writes the child's
//   stderr to a file, never into PowerShell's error stream; the exit code is checked instead.
import { InputError } from './errors';
import { t, tIn } from './i18n';
import { decodeRunConfig, encodeRunConfig, type AgentRunConfig } from './agentRunConfig';
import { AGENT_EXIT } from './agentExit';
import type { NodeRuntimePin } from './nodeRuntime';

/** EC2 refuses user data over 16 KB (before base64). */
export const USER_DATA_LIMIT = 16 * 1024;

const WINDOWS_TIME_ZONE = 'Pacific SA Standard Time';
const MACHINE_WORK_DIR = 'C:\\adatrap-miner';
/** The startup scheduled task that re-arms the deadline at every boot (a restart cancels `shutdown /t`). */
const DEADLINE_TASK = 'ADATRAP Miner deadline';

interface UserDataInput {
  runConfig: AgentRunConfig;
  maxRunHours: number;
  runtime: Pick<NodeRuntimePin, 's3Key' | 'sha256'>;
  agentBundle: { key: string; sha256: string };
  /**
   * The Step Functions task token of the launch (workflow launches only). It travels in the user data because
   * it is up to 2048 characters (SendTaskHeartbeat API reference) and a tag value holds 256.
   */
  taskToken?: string;
}

/**
 * A PowerShell single-quoted literal. PowerShell also closes such strings on the typographic quotes
 * U+2018..U+201B, so those are doubled too; control characters have no business in these values.
 */
export function psLiteral(value: string, name = 'value'): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new InputError(t('agent.launch.unsafeValue', { name, value: JSON.stringify(value) }));
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Seconds from now to $deadline, computed on the machine (a restart must not give it the whole time again). */
const SECONDS_LEFT = '[int][Math]::Max(0, [Math]::Ceiling(($deadline - [DateTimeOffset]::UtcNow).TotalSeconds))';

/**
 * deadline.ps1, run by the startup task, as PowerShell expressions that build its lines on the machine: the deadline
 * is only known there (first boot + MAX_RUN_HOURS; a workflow launch has no clock time before). Plain `&` is safe
 * in it: nothing captures its output, and there is no Stop.
 */
function deadlineTaskLines(): string[] {
  return [
    psLiteral('# ADATRAP Miner: re-arms the hard deadline at every boot (a restart cancels a pending shutdown /t).'),
    "('$deadline = [DateTimeOffset]::Parse(''' + $deadline.ToString('o') + ''', [Globalization.CultureInfo]::InvariantCulture)')",
    psLiteral(`$seconds = ${SECONDS_LEFT}`),
    psLiteral("& shutdown.exe /s /f /t $seconds /d p:4:1 /c 'ADATRAP Miner: hard deadline'"),
  ];
}

export function renderUserData(input: UserDataInput): string {
  const { runConfig, runtime, agentBundle } = input;
  const deadlineSeconds = Math.max(60, Math.round(input.maxRunHours * 3600));
  const q = psLiteral;
  const lang = runConfig.language;
  // The date stays out of the base64 (filled in on the machine): the batch workflow cuts this script at the date
  // and task token and fills them per day with States.Format (src/core/workflowInput.ts, USER_DATA_SLOTS).
  const bootstrapFailed = tIn(lang, 'agent.bootstrapFailed', { date: '{date}' });
  const agentExit = tIn(lang, 'boot.agentExit', { code: '{code}', folder: MACHINE_WORK_DIR });
  const agentArgs = ['execute-adatrap', runConfig.date, ...(runConfig.debug ? ['-d'] : [])].join(' ');
  const shutdown = (args: string, log: string) =>
    `$null = Invoke-Native 'shutdown.exe' ${q(args)} (Join-Path $temp ${q(log)})`;
  const lines = [
    '<powershell>',
    '# ADATRAP Miner: prepares this machine and runs one day. Generated by the launcher. ASCII only: every',
    '# configurable value is base64 UTF-8, so the ANSI code page cannot change a quote.',
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    'function Invoke-Native([string]$File, [string]$Arguments, [string]$Log) {',
    "  # The child's stderr goes to a file, never into PowerShell's error stream: no NativeCommandError under Stop.",
    "  $p = Start-Process -FilePath $File -ArgumentList $Arguments -WorkingDirectory (Split-Path -Parent $Log) -NoNewWindow -Wait -PassThru -RedirectStandardOutput ($Log + '.out.txt') -RedirectStandardError ($Log + '.err.txt')",
    '  return $p.ExitCode',
    '}',
    '$temp = [IO.Path]::GetTempPath()',
    '# The hard deadline comes first: with shutdown behaviour "terminate" the machine dies on time whatever fails below.',
    `$deadline = [DateTimeOffset]::UtcNow.AddSeconds(${deadlineSeconds})`,
    `$seconds = ${SECONDS_LEFT}`,
    "$null = Invoke-Native 'shutdown.exe' ('/s /f /t ' + $seconds + ' /d p:4:1 /c \"ADATRAP Miner: hard deadline\"') (Join-Path $temp 'adatrap-deadline')",
    'function ConvertFrom-Base64Utf8([string]$Text) { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Text)) }',
    `$runConfig = ${q(encodeRunConfig(runConfig))}`,
    '$run = ConvertFrom-Json (ConvertFrom-Base64Utf8 $runConfig)',
    '$bucket = $run.buckets.executables',
    '$region = $run.region',
    `$work = ${q(MACHINE_WORK_DIR)}`,
    'function Get-Verified([string]$Key, [string]$Sha256, [string]$OutFile) {',
    "  # Amazon's Windows AMIs ship AWS Tools for PowerShell; Read-S3Object signs with the instance profile.",
    '  try { Read-S3Object -BucketName $bucket -Key $Key -File $OutFile -Region $region | Out-Null }',
    "  catch { throw ('s3://' + $bucket + '/' + $Key + ': ' + $_) }",
    '  $actual = (Get-FileHash -Algorithm SHA256 -Path $OutFile).Hash.ToLowerInvariant()',
    "  if ($actual -ne $Sha256) { Remove-Item -Force -Path $OutFile; throw ('SHA-256 mismatch: s3://' + $bucket + '/' + $Key) }",
    '}',
    'try {',
    '  New-Item -ItemType Directory -Force -Path $work | Out-Null',
    '  Set-Location -Path $work',
    '  # Real-time scanning of the multi-GB day files costs minutes; a machine without Defender just says so.',
    "  try { Add-MpPreference -ExclusionPath $work } catch { Write-Output ('Windows Defender exclusion not set: ' + $_) }",
    `  try { Set-TimeZone -Id ${q(WINDOWS_TIME_ZONE)} } catch { $null = Invoke-Native 'tzutil.exe' ${q(`/s "${WINDOWS_TIME_ZONE}"`)} (Join-Path $work 'tzutil') }`,
    "  $rearm = Join-Path $work 'deadline.ps1'",
    `  Set-Content -Encoding Ascii -Path $rearm -Value @(${deadlineTaskLines().join(', ')})`,
    `  $code = Invoke-Native 'schtasks.exe' ('/Create /F /TN "${DEADLINE_TASK}" /SC ONSTART /RU SYSTEM /RL HIGHEST /TR "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File ' + $rearm + '"') (Join-Path $work 'schtasks')`,
    "  if ($code -ne 0) { Write-Output ('The startup task that re-arms the deadline was not created: schtasks exit ' + $code) }",
    "  $node = Join-Path $work 'node.exe'",
    `  Get-Verified ${q(runtime.s3Key)} ${q(runtime.sha256)} $node`,
    "  $agent = Join-Path $work 'agent.js'",
    `  Get-Verified ${q(agentBundle.key)} ${q(agentBundle.sha256)} $agent`,
    '  $env:ADATRAP_RUN_CONFIG = $runConfig',
    '  # The agent plans its work against the moment the deadline fires.',
    "  $env:ADATRAP_DEADLINE = $deadline.UtcDateTime.ToString('o')",
    ...(input.taskToken === undefined ? [] : [`  $env:ADATRAP_TASK_TOKEN = ${q(input.taskToken, 'taskToken')}`]),
    `  $code = Invoke-Native $node ('"' + $agent + '" ${agentArgs}') (Join-Path $work 'agent')`,
    `  # ${AGENT_EXIT.runFailedReported}: the run failed and the agent reported it (tag, both streams); keep its reason.`,
    `  if ($code -ne 0 -and $code -ne ${AGENT_EXIT.runFailedReported}) { throw (ConvertFrom-Base64Utf8 ${q(base64(agentExit))}).Replace('{code}', [string]$code) }`,
    '} catch {',
    '  $failure = [string]$_',
    `  $reason = (ConvertFrom-Base64Utf8 ${q(base64(bootstrapFailed))}).Replace('{date}', ${q(runConfig.date)}) + $failure`,
    '  Write-Output $reason',
    '  # Best effort: the run is recorded as failed where the operator looks (tag and general log stream).',
    '  try {',
    '    $id = Get-EC2InstanceMetadata -Category InstanceId',
    "    $status = 'failed: ' + $failure",
    '    if ($status.Length -gt 250) { $status = $status.Substring(0, 250) }',
    "    New-EC2Tag -Resource $id -Tag @{ Key = 'adatrap:status'; Value = $status } -Region $region",
    '    $line = (Get-Date -Format \'yyyy-MM-dd HH:mm:ss\') + "`tERROR: " + $reason',
    '    Write-CWLLogEvent -LogGroupName $run.logGroup -LogStreamName $run.generalLogStream -LogEvent @{ Message = $line; Timestamp = (Get-Date) } -Region $region | Out-Null',
    "  } catch { Write-Output ('Could not record the failure: ' + $_) }",
    '}',
    '# The agent terminates this instance itself; if it could not, the machine stops now rather than at the deadline.',
    '# shutdown /a first: a second shutdown /s while the deadline is pending fails with 1190.',
    'try {',
    `  ${shutdown('/a', 'adatrap-abort')}`,
    `  ${shutdown('/s /f /t 0 /d p:4:1 /c "ADATRAP Miner: run ended"', 'adatrap-end')}`,
    '} catch { Write-Output $_ }',
    '</powershell>',
    '',
  ];
  const script = lines.join('\r\n');
  const size = Buffer.byteLength(script, 'utf8');
  if (size > USER_DATA_LIMIT)
    throw new InputError(t('agent.launch.userDataTooLarge', { size, limit: USER_DATA_LIMIT }));
  return script;
}

const RUN_CONFIG_LINE = /^\s*\$runConfig = '([A-Za-z0-9+/=]+)'\s*$/m;

/** The run config a user data script carries: the sandbox launcher reads it from the real script. */
export function runConfigFromUserData(userData: string): AgentRunConfig {
  const match = RUN_CONFIG_LINE.exec(userData.replace(/\r\n/g, '\n'));
  if (!match) throw new InputError(t('agent.config.missing'));
  return decodeRunConfig(match[1]);
}

const TASK_TOKEN_LINE = /^\s*\$env:ADATRAP_TASK_TOKEN = '((?:[^']|'')*)'\s*$/m;

/** The workflow's task token a user data script sets (workflow launches), or undefined (direct launches). */
export function taskTokenFromUserData(userData: string): string | undefined {
  const match = TASK_TOKEN_LINE.exec(userData.replace(/\r\n/g, '\n'));
  return match ? match[1].replace(/''/g, "'") : undefined;
}

const AGENT_LINE = /^\s*Get-Verified '(agent\/agent-[0-9a-f]{64}\.js)' '([0-9a-f]{64})' \$agent\s*$/m;

/** The agent bundle a user data script fetches and verifies, or undefined when it names none. */
export function agentBundleFromUserData(userData: string): { key: string; sha256: string } | undefined {
  const match = AGENT_LINE.exec(userData.replace(/\r\n/g, '\n'));
  return match ? { key: match[1], sha256: match[2] } : undefined;
}
