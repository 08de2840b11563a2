// Batches (issue 12): 30 days through N slots of the real workflow on the sandbox's Step Functions and EC2, each
// machine a simulated run of the same length that reports with its task token. Makespan against the ideal
// ceil(30/N) × run, and slot-refill latency: from a run's report to the launch of the machine taking its slot.
import { startSandbox, type InstanceLaunch, type LaunchedInstance } from '../src/sandbox';
import { createClients } from '../src/aws/clients';
import { sfnSdk } from '../src/aws/sdk';
import { createBatches } from '../src/aws/batches';
import { loadConfig } from '../src/core/config';
import { addDays } from '../src/core/dates';
import { taskTokenFromUserData } from '../src/core/userData';
import { workflowDefinition } from '../src/core/workflowDefinition';
import { buildWorkflowInput } from '../src/core/workflowInput';
import { atMost, type Figure } from './report';

const DAYS = 30;

interface SlotRun {
  makespanMs: number;
  idealMs: number;
  refillMaxMs: number;
  refillMedianMs: number;
}

async function runBatch(slots: number, runMs: number): Promise<SlotRun> {
  const launches: number[] = [];
  const ends: number[] = [];
  let report: (token: string) => Promise<void> = () => Promise.resolve();
  const sb = await startSandbox({
    // Workflow seconds are real seconds: the run length is real time.
    msPerSecond: 1000,
    timings: { pendingMs: 20, shuttingDownMs: 20 },
    launcher: {
      start(launch: InstanceLaunch): LaunchedInstance {
        launches.push(Date.now());
        const token = taskTokenFromUserData(launch.userData);
        let timer: NodeJS.Timeout | undefined;
        const exited = new Promise<{ code: number | null }>((resolve) => {
          timer = setTimeout(() => {
            ends.push(Date.now());
            void (token ? report(token) : Promise.resolve()).then(() => resolve({ code: 0 }));
          }, runMs);
        });
        return { exited, stop: async () => clearTimeout(timer) };
      },
    },
  });
  const loaded = loadConfig(sb.envText(), {});
  if (!loaded.config) throw new Error(`sandbox .env: ${JSON.stringify(loaded.problems)}`);
  const clients = createClients(loaded.config);
  try {
    const sdk = sfnSdk();
    report = async (token) => {
      await clients.sfn.send(new sdk.SendTaskSuccessCommand({ taskToken: token, output: '{"status":"succeeded"}' }));
    };
    const { stateMachineArn } = await clients.sfn.send(
      new sdk.CreateStateMachineCommand({
        name: 'adatrap-miner-batches',
        roleArn: 'arn:aws:iam::000000000000:role/adatrap-miner-workflow',
        definition: JSON.stringify(workflowDefinition()),
      }),
    );
    const batches = createBatches(clients, { ...loaded.config, stateMachineArn });
    const dates = Array.from({ length: DAYS }, (_, i) => addDays('2020-06-01', i));
    const input = buildWorkflowInput(loaded.config, {
      dates,
      maxParallel: slots,
      agentSha256: 'a'.repeat(64),
      agentVersion: 'bench',
      language: 'en',
    });
    const started = Date.now();
    const { executionArn } = await batches.start(input);
    const run = sb.stepFunctions.execution(executionArn);
    if (!run) throw new Error('the execution is not in the sandbox');
    await run.done;
    const makespanMs = Date.now() - started;
    if (run.status !== 'SUCCEEDED') throw new Error(`the bench batch ended ${run.status}`);
    const detail = await batches.describe(executionArn);
    if (!detail.summary.ok) throw new Error(`not every day succeeded: ${JSON.stringify(detail.days[0])}`);
    launches.sort((a, b) => a - b);
    ends.sort((a, b) => a - b);
    const refills = launches.slice(slots).map((at, k) => at - ends[k]);
    refills.sort((a, b) => a - b);
    return {
      makespanMs,
      idealMs: Math.ceil(DAYS / slots) * runMs,
      refillMaxMs: refills[refills.length - 1] ?? 0,
      refillMedianMs: refills[Math.floor(refills.length / 2)] ?? 0,
    };
  } finally {
    clients.destroy();
    await sb.close();
  }
}

export async function measureBatches(slotCounts: readonly number[], runMs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const slots of slotCounts) {
    const r = await runBatch(slots, runMs);
    figures.push(
      atMost(
        {
          group: 'batches',
          name: `makespan, ${DAYS} days × ${runMs / 1000} s runs through ${slots} slots`,
          value: r.makespanMs / 1000,
          unit: 's',
          baseline: r.idealMs / 1000,
        },
        (1.05 * r.idealMs) / 1000,
        '≤ 1.05× ceil(30/N) × run',
      ),
      atMost(
        {
          group: 'batches',
          name: `slot refill latency, ${slots} slots (max; median ${(r.refillMedianMs / 1000).toFixed(2)} s)`,
          value: r.refillMaxMs / 1000,
          unit: 's',
        },
        5,
        '≤ 5 s',
      ),
    );
  }
  return figures;
}
