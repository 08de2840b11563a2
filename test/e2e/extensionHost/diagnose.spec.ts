// The diagnose commands against the sandbox, called with the arguments that skip their prompts: Connect by Remote
// Desktop, Show System Log, Show Screenshot, Search Logs, Run Logs Insights Query and Download Outputs. The
// machine is an idle sandbox instance (no ADATRAP user data) tagged with a date, so it is a run in the Runs view.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeInstancesCommand, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { Ec2MachineAccess, windowsPassword } from '../../../src/aws/machineAccess';
import { S3Storage } from '../../../src/aws/storage';
import { tIn } from '../../../src/core/i18n';
import { formatLogLine } from '../../../src/core/logFormat';
import { TAG } from '../../../src/core/launchPlan';
import type { AdatrapConfig } from '../../../src/core/config';
import type { RdpConnection } from '../../../src/vscode/commands/machineCommands';
import type { InsightsOutcome, SearchOutcome } from '../../../src/vscode/commands/searchCommands';
import type { OutputDownloadSummary } from '../../../src/aws/outputDownload';
import { COMMANDS } from '../../../src/vscode/commands/commandIds';
import { fromLogUri } from '../../../src/vscode/logs/logUri';
import type { AdatrapServices } from '../../../src/vscode/services';
import { extensionServices, waitFor } from './services';

const DATE = '2020-06-30';
const KEY_PAIR = 'e2e-rdp';
const MARK = 'E2EDIAG';

describe('diagnose commands against the sandbox', () => {
  let services: AdatrapServices;
  let config: AdatrapConfig;
  let clients: AwsClients;
  let instanceId = '';
  let pem = '';
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'adatrap-e2e-diagnose-'));

  before(async () => {
    services = await extensionServices();
    config = services.config.aws().config;
    // The test's own clients (the repository's SDK), on the same sandbox as the extension.
    clients = createClients(config);
    pem = (await vscode.commands.executeCommand<string>(COMMANDS.createKeyPair, KEY_PAIR)) ?? '';
    assert.ok(pem, 'Create Key Pair wrote no .pem');
    const launched = await clients.ec2.send(
      new RunInstancesCommand({
        ImageId: config.amiId,
        InstanceType: 'm5.xlarge',
        KeyName: KEY_PAIR,
        MinCount: 1,
        MaxCount: 1,
        SecurityGroupIds: config.securityGroupIds.length ? config.securityGroupIds : undefined,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: TAG.date, Value: DATE }] }],
      }),
    );
    instanceId = launched.Instances?.[0]?.InstanceId ?? '';
    assert.match(instanceId, /^i-[0-9a-f]+$/);
    await waitFor('the machine to be running', async () => {
      const r = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
      return r.Reservations?.[0]?.Instances?.[0]?.State?.Name === 'running' ? true : undefined;
    });
  });

  after(async () => {
    if (instanceId) await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    clients?.destroy();
    if (pem) rmSync(pem, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('Connect by Remote Desktop: advice for the closed port, the password to the clipboard, an .rdp without it', async () => {
    const rdp = path.join(scratch, `${instanceId}.rdp`);
    const connection = await vscode.commands.executeCommand<RdpConnection>(COMMANDS.connectRemoteDesktop, {
      instanceId,
      saveTo: rdp,
    });
    assert.ok(connection, 'the command failed (see the notification)');
    assert.equal(connection.instanceId, instanceId);
    // The sandbox's default group opens nothing: the advice says so and gives the one command that fixes it.
    assert.equal(connection.advice.ok, false);
    assert.match(connection.advice.summary, /Port 3389 is closed to your address 127\.0\.0\.1\/32/);
    assert.match(
      connection.advice.details.join('\n'),
      /aws ec2 authorize-security-group-ingress --region us-east-1 --group-id sg-\S+ --protocol tcp --port 3389 --cidr 127\.0\.0\.1\/32/,
    );
    assert.match(connection.advice.alternative, /aws ssm start-session .*--target i-[0-9a-f]+/);
    assert.equal(connection.passwordCopied, true);
    assert.equal(connection.rdpFile, rdp);

    // The password the machine published, decrypted independently with the key pair's .pem.
    const { password } = await windowsPassword(new Ec2MachineAccess(clients.ec2, config.region), {
      instanceId,
      projectRoot: path.dirname(pem),
      timeoutMs: 30_000,
    });
    assert.match(password, /^[\x21-\x7e]{32}$/);
    assert.equal(await vscode.env.clipboard.readText(), password, 'the clipboard holds the password');

    const text = readFileSync(rdp, 'utf8');
    assert.equal(text.split('\r\n')[0], `full address:s:${connection.address}`);
    assert.match(text, /\r\nusername:s:Administrator\r\n/);
    assert.ok(!text.includes(password), 'the .rdp file holds no password');

    // A second connection never replaces the file: it fails as a notification and leaves it as it was.
    writeFileSync(rdp, 'mine');
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.connectRemoteDesktop, { instanceId, saveTo: rdp }),
      undefined,
    );
    assert.equal(readFileSync(rdp, 'utf8'), 'mine');
  });

  it('Show System Log opens the decoded console output read-only', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showSystemLog, instanceId);
    assert.ok(uri, 'no system log document');
    assert.equal(uri.scheme, 'adatrap-console');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), new RegExp(`EC2Launch v2 \\(sandbox\\): instance ${instanceId} booting`));
    assert.match(doc.getText(), /Windows is Ready to use/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('Show Screenshot saves a JPEG of the screen in the extension storage and opens it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showScreenshot, instanceId);
    assert.ok(uri, 'no screenshot');
    assert.equal(path.extname(uri.fsPath), '.jpg');
    assert.ok(uri.fsPath.startsWith(services.context.globalStorageUri.fsPath), uri.fsPath);
    const jpeg = readFileSync(uri.fsPath);
    assert.equal(jpeg.readUInt16BE(0), 0xffd8, 'a JPEG starts with SOI');
    assert.equal(jpeg.readUInt16BE(jpeg.length - 2), 0xffd9, 'and ends with EOI');
  });

  it('Search Logs groups the hits by stream, newest first, and links each hit to its run', async () => {
    const now = Date.now();
    const line = (ms: number, message: string) => ({
      timestamp: ms,
      message: formatLogLine('INFO', message, new Date(ms)),
    });
    const logs = services.config.aws().logs;
    await logs.put(config.logGroup, instanceId, [
      line(now - 30_000, `${MARK} first on the machine`),
      line(now - 20_000, 'nothing to see'),
      line(now - 10_000, `${MARK} second on the machine`),
    ]);
    await logs.put(config.logGroup, config.generalLogStream, [
      line(now - 5_000, `${MARK} general, about ${instanceId}`),
    ]);

    const outcome = await vscode.commands.executeCommand<SearchOutcome>(COMMANDS.searchLogs, {
      pattern: MARK,
      since: '1h',
    });
    assert.ok(outcome, 'the search failed (see the notification)');
    assert.equal(outcome.hits, 3);
    assert.deepEqual(outcome.streams, [config.generalLogStream, instanceId], 'the stream with the newest hit first');
    const doc = await vscode.workspace.openTextDocument(outcome.uri);
    const text = doc.getText();
    assert.match(text, new RegExp(`== ${instanceId} \\(2 events\\) ==`));
    const machine = text.slice(text.indexOf(`== ${instanceId}`));
    assert.ok(machine.indexOf('second on the machine') < machine.indexOf('first on the machine'), 'newest first');
    assert.doesNotMatch(text, /nothing to see/);

    const links =
      (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', outcome.uri)) ?? [];
    const targets = links.map((l) => l.target).filter((u): u is vscode.Uri => u !== undefined);
    const streamsLinked = targets.map((u) => fromLogUri(u).stream);
    // The heading, each hit's time and the instance id in the general line all open the run's stream.
    assert.ok(streamsLinked.filter((s) => s === instanceId).length >= 4, streamsLinked.join(', '));
    const hitLink = targets.find((u) => fromLogUri(u).stream === instanceId && fromLogUri(u).start !== undefined);
    assert.ok(hitLink, 'a hit opens the stream at its time');
    assert.equal(fromLogUri(hitLink).start, now - 10_000 - 60_000, 'a minute before the newest hit');
  });

  it("Run Logs Insights Query: step durations as a table, from the agent's own step lines", async () => {
    const now = Date.now();
    const step = (ms: number, name: string, seconds: number) => ({
      timestamp: ms,
      message: formatLogLine(
        'INFO',
        tIn('es', 'machine.stepDone', { step: name, seconds: seconds.toFixed(1) }),
        new Date(ms),
      ),
    });
    await services.config
      .aws()
      .logs.put(config.logGroup, instanceId, [
        step(now - 3000, 'download', 4.5),
        step(now - 2000, 'run', 100),
        step(now - 1000, 'pack', 2),
      ]);
    const outcome = await vscode.commands.executeCommand<InsightsOutcome>(COMMANDS.runInsightsQuery, {
      name: 'step-durations',
      since: '1h',
    });
    assert.ok(outcome, 'the query failed (see the notification)');
    assert.deepEqual(outcome.fields, ['day', 'step', 'times', 'avg_s', 'max_s']);
    assert.equal(outcome.rows, 3);
    const text = (await vscode.workspace.openTextDocument(outcome.uri)).getText();
    assert.match(text, /^\| day \| step \| times \| avg_s \| max_s \|$/m);
    assert.match(text, /^\| --- \| --- \| --- \| --- \| --- \|$/m);
    assert.match(text, /^\| [^|]+ \| run \| 1 \| 100 \| 100 \|$/m);
    assert.match(text, /```\nfields @timestamp, @message\n/);

    const unknown = await vscode.commands.executeCommand(COMMANDS.runInsightsQuery, { name: 'no-such-query' });
    assert.equal(unknown, undefined, 'an unknown ready-made query is a notification naming the known ones');
  });

  it('Download Outputs: streamed into the folder, the same file skipped, a different one kept', async () => {
    const storage = new S3Storage(clients.s3);
    const zip = Buffer.alloc(300_000, 7);
    await storage.upload(config.outputBucket, `${DATE}.zip`, zip);
    await storage.upload(config.outputBucket, `${DATE}.manifest.json`, '{"date":"2020-06-30"}');
    const folder = path.join(scratch, 'outputs');

    const first = await vscode.commands.executeCommand<OutputDownloadSummary>(COMMANDS.downloadOutputs, {
      from: DATE,
      to: '2020-07-01',
      folder,
    });
    assert.ok(first, 'the download failed (see the notification)');
    assert.deepEqual(first.downloaded.map((f) => path.basename(f)).sort(), [`${DATE}.manifest.json`, `${DATE}.zip`]);
    assert.deepEqual(first.missing, ['2020-07-01.zip']);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    assert.equal(sha(readFileSync(path.join(folder, `${DATE}.zip`))), sha(zip));
    assert.ok(!existsSync(path.join(folder, `${DATE}.zip.part`)), 'no partial file left');

    writeFileSync(path.join(folder, `${DATE}.manifest.json`), 'edited by the user');
    const second = await vscode.commands.executeCommand<OutputDownloadSummary>(COMMANDS.downloadOutputs, {
      from: DATE,
      folder,
    });
    assert.ok(second);
    assert.deepEqual(
      second.skipped.map((f) => path.basename(f)),
      [`${DATE}.zip`],
    );
    assert.deepEqual(
      second.kept.map((f) => path.basename(f)),
      [`${DATE}.manifest.json`],
    );
    assert.equal(readFileSync(path.join(folder, `${DATE}.manifest.json`), 'utf8'), 'edited by the user');

    // The calendar's selection: days, not a range, one of them without outputs.
    const picked = path.join(scratch, 'picked');
    const selection = await vscode.commands.executeCommand<OutputDownloadSummary>(COMMANDS.downloadOutputs, {
      dates: ['2020-07-01', DATE, DATE],
      folder: picked,
    });
    assert.ok(selection);
    assert.deepEqual(selection.downloaded.map((f) => path.basename(f)).sort(), [
      `${DATE}.manifest.json`,
      `${DATE}.zip`,
    ]);
    assert.deepEqual(selection.missing, ['2020-07-01.zip']);

    // Copy Download Link: a presigned GET of the day's zip, in the clipboard, that fetches the same bytes.
    const link = await vscode.commands.executeCommand<string>(COMMANDS.copyDownloadLink, DATE);
    assert.ok(link, 'no link');
    assert.equal(await vscode.env.clipboard.readText(), link);
    assert.match(link, /[?&]X-Amz-Expires=86400(&|$)/);
    const fetched = await fetch(link);
    assert.equal(fetched.status, 200);
    assert.equal(sha(Buffer.from(await fetched.arrayBuffer())), sha(zip));
  });
});
