// First page of the Runs and Logs trees over 5,000 items: the real model and tree providers, with adapters
// that answer at once with 5,000 machines / streams, and every returned row rendered (VS Code asks for the
// TreeItem of every child it is given). Run with the vscode stub preloaded.
import type { EC2Client, Instance, InstanceStateName } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { createClients } from '../../src/aws/clients';
import type { Logs, StreamInfo } from '../../src/aws/logs';
import type { AwsSession } from '../../src/vscode/awsSession';
import { ConnectionState } from '../../src/vscode/connectionState';
import { RunsModel } from '../../src/vscode/runsModel';
import { LogsTreeSource } from '../../src/vscode/trees/logsTree';
import { createRunsTree } from '../../src/vscode/trees/runsTree';
import type { NodeTreeProvider } from '../../src/vscode/trees/treeNode';
import { WorkspaceConfig } from '../../src/vscode/workspaceConfig';
import { reportResult } from '../childReport';

const ITEMS = 5_000;
/** A realistic history: a handful of machines alive (the newest), thousands ended. */
const LIVE = ['running', 'running', 'running', 'pending', 'shutting-down'];
const STATUSES = ['succeeded', 'failed: exit 3', 'running', undefined];

function instanceId(i: number): string {
  return `i-${(0x0a000000 + i).toString(16).padStart(17, '0')}`;
}

function day(i: number): string {
  return new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

function instances(): Instance[] {
  const now = Date.now();
  return Array.from({ length: ITEMS }, (_, i) => {
    const status = STATUSES[i % STATUSES.length];
    return {
      InstanceId: instanceId(i),
      State: { Name: (LIVE[i] ?? 'terminated') as InstanceStateName },
      LaunchTime: new Date(now - i * 3_600_000),
      Tags: [
        { Key: 'adatrap:date', Value: day(i) },
        { Key: 'adatrap:version', Value: '0.2' },
        { Key: 'adatrap:deadline', Value: new Date(now - i * 3_600_000 + 4 * 3_600_000).toISOString() },
        ...(status ? [{ Key: 'adatrap:status', Value: status }] : []),
      ],
    };
  });
}

async function* streams(group: string, general: string): AsyncIterable<StreamInfo> {
  const now = Date.now();
  yield { name: general, lastEventTime: now };
  for (let i = 0; i < ITEMS - 1; i++)
    yield { name: instanceId(i), creationTime: now - i * 3_600_000, lastEventTime: now - i * 3_500_000 };
  void group;
}

function render(provider: NodeTreeProvider, nodes: readonly Parameters<NodeTreeProvider['getTreeItem']>[0][]): number {
  let rendered = 0;
  for (const node of nodes) if (provider.getTreeItem(node).label !== undefined) rendered++;
  return rendered;
}

const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

async function main(): Promise<void> {
  const config = new WorkspaceConfig();
  const state = await config.reload();
  if (state.kind !== 'ready') throw new Error(`the bench workspace's .env is not ready (${state.kind})`);
  const page = { Reservations: [{ Instances: instances() }] };
  const fakeEc2 = { send: async () => page } as unknown as EC2Client;
  const fakeLogs = { listStreams: (group: string) => streams(group, state.config.generalLogStream) } as unknown as Logs;
  const clients = createClients(state.config);
  const session: AwsSession = {
    config: state.config,
    clients: {
      s3: clients.s3,
      logs: clients.logs,
      sts: clients.sts,
      ec2: fakeEc2,
      // Getters, so the bench loads no SDK package the Runs tree does not use.
      get sfn() {
        return clients.sfn;
      },
      get cloudFormation() {
        return clients.cloudFormation;
      },
      get pricing() {
        return clients.pricing;
      },
      get scheduler() {
        return clients.scheduler;
      },
      get ssm() {
        return clients.ssm;
      },
      destroy: () => clients.destroy(),
    },
    storage: undefined as never,
    logs: fakeLogs,
    // Fixed prices: the bench measures the tree, not a price lookup.
    prices: {
      onDemandHourly: async () => ({ known: true, usd: 0.376 }),
      spotHourly: async () => ({ known: true, usd: 0.15 }),
      gp3GbMonth: async () => ({ known: true, usd: 0.08 }),
    },
    dispose: () => clients.destroy(),
  };
  Object.assign(config, { aws: () => session });

  const activity = { isTailing: () => false, onDidChange: new vscode.EventEmitter<void>().event };
  const connection = new ConnectionState();
  const runs = new RunsModel(config, connection);

  let t = process.hrtime.bigint();
  await runs.refresh();
  const runsProvider = createRunsTree(runs, activity, config);
  const runNodes = await runsProvider.getChildren();
  const runsRendered = render(runsProvider, runNodes);
  const runsMs = ms(t);

  // The same again, as every poll does: what the rows cost once the EC2 SDK is loaded.
  t = process.hrtime.bigint();
  await runs.refresh();
  const againRendered = render(runsProvider, await runsProvider.getChildren());
  const runsWarmMs = ms(t);

  t = process.hrtime.bigint();
  const logs = new LogsTreeSource(config, runs, activity);
  const logNodes = await logs.provider.getChildren();
  const logsRendered = render(logs.provider, logNodes);
  const logsMs = ms(t);

  // Baselines: the bare minimum for the same rows, from the same fake data: one plain TreeItem per row.
  t = process.hrtime.bigint();
  const raw = (await fakeEc2.send(undefined as never)) as typeof page;
  let bare = 0;
  for (const i of raw.Reservations[0]?.Instances ?? []) {
    if (bare >= runsRendered) break;
    if (new vscode.TreeItem(i.InstanceId ?? '').label) bare++;
  }
  const runsBaselineMs = ms(t);

  t = process.hrtime.bigint();
  let bareLogs = 0;
  for await (const s of fakeLogs.listStreams(state.config.logGroup)) {
    if (new vscode.TreeItem(s.name).label) bareLogs++;
    if (bareLogs >= logsRendered) break;
  }
  const logsBaselineMs = ms(t);

  clients.destroy();
  reportResult({
    runsMs,
    runsRendered,
    runsWarmMs,
    againRendered,
    runsBaselineMs,
    bare,
    logsMs,
    logsRendered,
    logsBaselineMs,
    bareLogs,
  });
  process.exit(0);
}

void main();
