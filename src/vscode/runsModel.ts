// The runs we launched, as last listed from EC2. The Runs view and the status bar both render from here, so
// they never disagree and EC2 is asked once per poll.
import * as vscode from 'vscode';
import { Ec2Runs, isLive, type RunInfo } from '../aws/runs';
import { costsOfRuns } from '../aws/runCosts';
import type { RunCostView } from '../core/costEstimate';
import type { ConnectionState } from './connectionState';
import { describeFailure } from './notify';
import type { WorkspaceConfig } from './workspaceConfig';

export interface RunView extends RunInfo {
  /** When the machine should have ended (its deadline tag, else launch time + MAX_RUN_HOURS). */
  readonly dueAt?: Date;
  readonly overdue: boolean;
  readonly live: boolean;
  /** Launch to termination (or now) × the price it ran at; absent when a price is unknown. */
  readonly cost?: RunCostView;
}

export function toRunView(run: RunInfo, maxRunHours: number, now: number, cost?: RunCostView): RunView {
  const tagged = run.deadline ? new Date(run.deadline) : undefined;
  const fromLaunch = run.launchTime ? new Date(run.launchTime.getTime() + maxRunHours * 3_600_000) : undefined;
  const dueAt = tagged && !Number.isNaN(tagged.getTime()) ? tagged : fromLaunch;
  const live = isLive(run);
  return {
    ...run,
    dueAt,
    live,
    overdue: live && dueAt !== undefined && now > dueAt.getTime(),
    ...(cost ? { cost } : {}),
  };
}

export class RunsModel implements vscode.Disposable {
  private list: RunView[] = [];
  private problem: string | undefined;
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly connection: ConnectionState,
  ) {}

  get runs(): readonly RunView[] {
    return this.list;
  }

  get error(): string | undefined {
    return this.problem;
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  get liveRuns(): readonly RunView[] {
    return this.list.filter((r) => r.live);
  }

  /** A machine is starting or working: worth polling quickly. */
  get busy(): boolean {
    return this.list.some(
      (r) => r.state === 'pending' || r.state === 'running' || r.state === 'shutting-down' || r.state === 'stopping',
    );
  }

  async refresh(): Promise<void> {
    const state = this.config.state;
    if (state.kind !== 'ready') {
      this.set([], undefined, false);
      this.connection.reset();
      return;
    }
    try {
      const session = this.config.aws();
      const runs = await new Ec2Runs(session.clients.ec2).list();
      const now = Date.now();
      this.connection.ok();
      // Prices are cached by the session; one that cannot be read leaves that run's cost out, never the view.
      const costs = await costsOfRuns(runs, session.prices, state.config, new Date(now)).catch(
        () => new Map<string, RunCostView>(),
      );
      this.set(
        runs.map((r) => toRunView(r, state.config.maxRunHours, now, costs.get(r.instanceId))),
        undefined,
        true,
      );
    } catch (e) {
      this.connection.report(e);
      this.set([], describeFailure(e), true);
    }
  }

  find(instanceId: string): RunView | undefined {
    return this.list.find((r) => r.instanceId === instanceId);
  }

  private set(list: RunView[], problem: string | undefined, loaded: boolean): void {
    this.list = list;
    this.problem = problem;
    this.loaded = loaded;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
