// list-runs [--json]: our machines (tagged with a run date), newest first.
import type { Command } from 'commander';
import { locale, t, type MessageKey } from '../core/i18n';
import { terminalJson } from '../core/logFormat';
import { SANTIAGO_TIME_ZONE } from '../core/santiagoTime';
import { actionError } from '../aws/awsErrors';
import type { InstanceState, RunInfo } from '../aws/runs';
import { runCostText, type RunCostView } from '../core/costEstimate';
import { costsOfRuns } from '../aws/runCosts';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';
import { renderTable } from './table';

function formatTime(when: Date | string | undefined): string {
  if (when === undefined) return '-';
  const d = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(d.getTime())) return String(when);
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: SANTIAGO_TIME_ZONE,
  }).format(d);
}

const STATE_KEYS: Record<InstanceState, MessageKey> = {
  pending: 'cli.state.pending',
  running: 'cli.state.running',
  'shutting-down': 'cli.state.shuttingDown',
  terminated: 'cli.state.terminated',
  stopping: 'cli.state.stopping',
  stopped: 'cli.state.stopped',
  unknown: 'cli.state.unknown',
};

/** The agent's tag: `running`, `succeeded` or `failed: <reason>` (the reason is already in the run's language). */
function formatOutcome(status: string | undefined, unknown: boolean): string {
  if (unknown) return t('safety.tag.unknownOutcome');
  if (!status) return '-';
  if (status === 'running') return t('cli.outcome.running');
  if (status === 'succeeded') return t('cli.outcome.succeeded');
  const failed = /^failed:?\s*(.*)$/s.exec(status);
  if (failed) return t('cli.outcome.failed', { reason: failed[1] ?? '' }).trim();
  return status;
}

export function runsTable(runs: readonly RunInfo[], costs: ReadonlyMap<string, RunCostView> = new Map()): string {
  return renderTable(
    [
      t('cli.runs.col.id'),
      t('cli.runs.col.date'),
      t('cli.runs.col.state'),
      t('cli.runs.col.launched'),
      t('cli.runs.col.outcome'),
      t('cli.runs.col.deadline'),
      t('cost.col'),
    ],
    runs.map((r) => [
      r.instanceId,
      r.date ?? (r.unknownTags?.includes('date') ? t('safety.tag.unknown') : '-'),
      t(STATE_KEYS[r.state]),
      formatTime(r.launchTime),
      formatOutcome(r.status, r.unknownTags?.includes('status') === true),
      r.unknownTags?.includes('deadline') ? t('safety.tag.unknown') : formatTime(r.deadline),
      runCostText(costs.get(r.instanceId)),
    ]),
  );
}

export function register(program: Command): void {
  program
    .command('list-runs')
    .description(t('cli.runs.description'))
    .option('--json', t('cli.runs.json'))
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      const { runs, costs } = await withAws(config, async (aws) => {
        const runs = await aws.runs.list().catch((e: unknown) => {
          throw actionError(e, 'DescribeInstances');
        });
        // A price that cannot be read (permission, network) leaves that run's cost unknown, never the listing.
        const costs = await costsOfRuns(runs, aws.prices, config).catch(() => new Map<string, RunCostView>());
        return { runs, costs };
      });
      if (options.json) {
        const plain = runs.map((r) => ({
          ...r,
          launchTime: r.launchTime?.toISOString(),
          endedAt: r.endedAt?.toISOString(),
          cost: costs.get(r.instanceId),
        }));
        process.stdout.write(`${terminalJson(plain, 2)}\n`);
      } else if (runs.length === 0) {
        process.stdout.write(`${t('cli.runs.none', { region: config.region })}\n`);
      } else {
        process.stdout.write(runsTable(runs, costs));
      }
    });
}
