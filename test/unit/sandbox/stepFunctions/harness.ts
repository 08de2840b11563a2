// A Step Functions service with a fake SDK: each Task's call is answered by `sdk`, time runs 1 ms per second.
import type { ExecutionRun } from '../../../../src/sandbox/stepFunctions/interpreter';
import type { Json, JsonObject } from '../../../../src/sandbox/stepFunctions/jsonPath';
import type { SdkResource } from '../../../../src/sandbox/stepFunctions/resource';
import { SfnService } from '../../../../src/sandbox/stepFunctions/service';

export const ROLE = 'arn:aws:iam::123456789012:role/adatrap-workflow';

type FakeSdk = (resource: SdkResource, parameters: JsonObject) => Promise<Json> | Json;

export interface Harness {
  service: SfnService;
  calls: Array<{ action: string; parameters: JsonObject }>;
  create(definition: object, name?: string): string;
  start(machineArn: string, input?: Json, name?: string): ExecutionRun;
  run(definition: object, input?: Json): Promise<ExecutionRun>;
}

export function harness(sdk: FakeSdk = () => ({}), msPerSecond = 1, now?: () => number): Harness {
  const calls: Harness['calls'] = [];
  let n = 0;
  const service = new SfnService({
    region: 'us-east-1',
    accountId: '123456789012',
    msPerSecond,
    random: () => 0.5,
    ...(now ? { now } : {}),
    host: {
      callSdk: async (resource, parameters) => {
        calls.push({ action: `${resource.service}:${resource.action}`, parameters });
        return sdk(resource, parameters);
      },
    },
  });
  const h: Harness = {
    service,
    calls,
    create(definition, name = `machine-${++n}`) {
      const out = service.dispatch('CreateStateMachine', {
        name,
        roleArn: ROLE,
        definition: JSON.stringify(definition),
      });
      return out.stateMachineArn as string;
    },
    start(machineArn, input = {}, name) {
      const out = service.dispatch('StartExecution', {
        stateMachineArn: machineArn,
        input: JSON.stringify(input),
        ...(name ? { name } : {}),
      });
      return service.execution(out.executionArn as string) as ExecutionRun;
    },
    async run(definition, input = {}) {
      const run = h.start(h.create(definition), input);
      await run.done;
      return run;
    },
  };
  return h;
}

export function outputOf(run: ExecutionRun): Json {
  return JSON.parse(run.output ?? 'null') as Json;
}

export function types(run: ExecutionRun): string[] {
  return run.events.map((e) => e.type);
}

/** Resolves when `check` holds, polling the in-memory state (no wall-clock assumption). */
export async function until(check: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
