// Runs a machine's real user data in a real PowerShell (pwsh 7 on this host), as EC2Launch would on Windows:
// the script between <powershell> tags, read as Windows PowerShell 5.1 reads a BOM-less file (cp1252), with
// stand-ins for what a Linux host lacks:
// - `C:` is a PSDrive over a host folder (the machine's disk);
// - the AWS Tools for PowerShell cmdlets the script calls (Read-S3Object, Get-EC2InstanceMetadata, New-EC2Tag,
//   Write-CWLLogEvent), with the real parameter names, call dist/aws-tools-standin.js, which signs SDK requests
//   to the sandbox;
// - shutdown.exe, tzutil.exe, schtasks.exe, Set-TimeZone and Add-MpPreference are recorded (one line each in
//   `record.txt`), not run;
// - Start-Process of the verified C:\...\node.exe runs this host's Node instead: a Linux host cannot execute a
//   Windows binary, but the file was downloaded and hash-checked by the script exactly as on Windows.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const RECORD_FILE = 'record.txt';

/** pwsh on PATH or in ~/.dotnet/tools (where `dotnet tool install --global PowerShell` puts it). */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools')];
  const names = process.platform === 'win32' ? ['pwsh.exe'] : ['pwsh'];
  for (const dir of dirs) for (const n of names) if (dir && existsSync(join(dir, n))) return join(dir, n);
  return undefined;
}

/** The script EC2Launch runs: the text between the <powershell> tags. */
function userDataScript(userData: string): string {
  const m = /<powershell>\r?\n?([\s\S]*?)<\/powershell>/i.exec(userData);
  return m ? m[1] : userData;
}

/** What Windows PowerShell 5.1 reads from a BOM-less UTF-8 file: every byte as cp1252. */
function asWindowsPowerShellReadsIt(script: string): string {
  return new TextDecoder('windows-1252').decode(Buffer.from(script, 'utf8'));
}

/** The AWS Tools stand-in bundle beside the running bundle (dist/), or the repository's dist/. */
export function locateStandIn(from: string = __dirname): string {
  const candidates = [
    join(from, 'aws-tools-standin.js'),
    ...[1, 2, 3, 4].map((up) => resolve(from, ...Array<string>(up).fill('..'), 'dist', 'aws-tools-standin.js')),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1];
}

const PRELUDE = String.raw`
$ErrorActionPreference = 'Stop'
New-PSDrive -Name C -PSProvider FileSystem -Root $env:ADATRAP_MACHINE_ROOT -Scope Global | Out-Null
$global:StandInRecord = Join-Path $env:ADATRAP_MACHINE_ROOT 'record.txt'
function global:Write-StandInRecord([string]$Line) { Add-Content -LiteralPath $global:StandInRecord -Value $Line }
function global:Resolve-MachinePath([string]$Path) { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path) }
function global:Invoke-AwsStandIn([string]$Operation, [hashtable]$Arguments) {
  $json = ConvertTo-Json -InputObject $Arguments -Compress -Depth 5
  $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json))
  $out = & $env:ADATRAP_STANDIN_NODE --no-warnings $env:ADATRAP_STANDIN_SCRIPT $Operation $encoded 2>&1
  if ($LASTEXITCODE -ne 0) { throw (($out | ForEach-Object { [string]$_ }) -join ' ') }
  ($out | ForEach-Object { [string]$_ }) -join ''
}
function global:Read-S3Object {
  param([string]$BucketName, [string]$Key, [string]$File, [string]$Region)
  $target = Resolve-MachinePath $File
  Invoke-AwsStandIn 's3-get' @{ bucket = $BucketName; key = $Key; file = $target; region = $Region } | Out-Null
  Get-Item -LiteralPath $target
}
function global:Get-EC2InstanceMetadata {
  param([string]$Category)
  if ($Category -ne 'InstanceId') { throw ('stand-in: category ' + $Category + ' is not emulated') }
  Invoke-AwsStandIn 'instance-id' @{}
}
function global:New-EC2Tag {
  param([string[]]$Resource, [object[]]$Tag, [string]$Region)
  $tags = @($Tag | ForEach-Object { @{ Key = [string]$_.Key; Value = [string]$_.Value } })
  Invoke-AwsStandIn 'ec2-tag' @{ resources = $Resource; tags = $tags; region = $Region } | Out-Null
}
function global:Write-CWLLogEvent {
  param([string]$LogGroupName, [string]$LogStreamName, [object[]]$LogEvent, [string]$Region)
  $events = @($LogEvent | ForEach-Object { @{ message = [string]$_.Message; timestamp = [DateTimeOffset]::new([DateTime]$_.Timestamp).ToUnixTimeMilliseconds() } })
  Invoke-AwsStandIn 'logs-put' @{ logGroupName = $LogGroupName; logStreamName = $LogStreamName; events = $events; region = $Region } | Out-Null
}
function global:Set-TimeZone { param([string]$Id) Write-StandInRecord ('Set-TimeZone -Id ' + $Id) }
function global:Add-MpPreference { param([string[]]$ExclusionPath) Write-StandInRecord ('Add-MpPreference -ExclusionPath ' + ($ExclusionPath -join ',')) }
function global:Start-Process {
  param([string]$FilePath, [string]$ArgumentList, [string]$WorkingDirectory, [switch]$NoNewWindow, [switch]$Wait,
    [switch]$PassThru, [string]$RedirectStandardOutput, [string]$RedirectStandardError)
  $name = Split-Path -Leaf $FilePath
  if (@('shutdown.exe', 'tzutil.exe', 'schtasks.exe') -contains $name) {
    Write-StandInRecord ($name + ' ' + $ArgumentList)
    foreach ($f in @($RedirectStandardOutput, $RedirectStandardError)) { if ($f) { Set-Content -LiteralPath (Resolve-MachinePath $f) -Value '' } }
    return [pscustomobject]@{ ExitCode = 0 }
  }
  if ($name -ne 'node.exe') { throw ('stand-in: ' + $FilePath + ' is not emulated') }
  Write-StandInRecord ('node.exe ' + $ArgumentList)
  # Machine paths in the arguments ("C:\...") become host paths for the host's Node.
  $hostArgs = [regex]::Replace($ArgumentList, '"(C:[\\/][^"]*)"', { param($m) '"' + (Resolve-MachinePath $m.Groups[1].Value) + '"' })
  $p = Microsoft.PowerShell.Management\Start-Process -FilePath $env:ADATRAP_STANDIN_NODE -ArgumentList $hostArgs -WorkingDirectory (Resolve-MachinePath $WorkingDirectory) -NoNewWindow -Wait -PassThru -RedirectStandardOutput (Resolve-MachinePath $RedirectStandardOutput) -RedirectStandardError (Resolve-MachinePath $RedirectStandardError)
  return $p
}
`;

interface PowerShellMachineOptions {
  pwsh: string;
  /** The host folder that is this machine's C:\. */
  root: string;
  /** The user data as RunInstances received it (decoded from base64). */
  userData: string;
  /** The machine's environment: sandbox endpoint and credentials (its "instance profile"), agent settings. */
  env: NodeJS.ProcessEnv;
  standInScript?: string;
  /** The Node that stands for C:\...\node.exe and runs the stand-in; this process's by default. */
  node?: string;
}

/** Starts the boot; the child is pwsh (its process group, on POSIX, includes the agent it starts). */
export async function bootPowerShellMachine(options: PowerShellMachineOptions): Promise<ChildProcess> {
  const { root } = options;
  const temp = join(root, 'Windows', 'Temp');
  await mkdir(temp, { recursive: true });
  const scriptFile = join(temp, 'user-data.ps1');
  // Written with a BOM as the text 5.1 would have read, so pwsh 7 (which reads UTF-8) sees the same characters.
  await writeFile(scriptFile, '\ufeff' + asWindowsPowerShellReadsIt(userDataScript(options.userData)));
  const preludeFile = join(temp, 'stand-ins.ps1');
  await writeFile(preludeFile, '\ufeff' + PRELUDE);
  const command = `. '${preludeFile.replace(/'/g, "''")}'; & '${scriptFile.replace(/'/g, "''")}'`;
  return spawn(options.pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', command], {
    cwd: root,
    env: {
      ...options.env,
      TMPDIR: temp,
      ADATRAP_MACHINE_ROOT: root,
      ADATRAP_STANDIN_NODE: options.node ?? process.execPath,
      ADATRAP_STANDIN_SCRIPT: options.standInScript ?? locateStandIn(),
    },
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
}
