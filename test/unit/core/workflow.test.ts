// The batch workflow's definition is static and its input carries the launcher's own user data in pieces:
// these tests check that every transition lands on a state, that each launch variant sends what a direct launch
// sends, and that the pieces give back exactly the script, run config and tags of a direct launch.
import * as assert from 'node:assert/strict';
import {
  CAPACITY_CODES,
  RUN_CONFIG_SLOTS,
  INSTANCE_TAG_SLOTS,
  USER_DATA_SLOTS,
  WORKFLOW_ERRORS,
  launchStateName,
  workflowDefinition,
} from '../../../src/core/workflowDefinition';
import {
  EXECUTION_TAG,
  MAX_WORKFLOW_PARALLEL,
  buildWorkflowInput,
  launchCandidates,
  type WorkflowConfigSource,
} from '../../../src/core/workflowInput';
import { buildLaunchPlan } from '../../../src/core/launchPlan';
import { fillTemplate, cutTemplate } from '../../../src/core/templatePieces';
import { InputError } from '../../../src/core/errors';
import { decodeRunConfig } from '../../../src/core/agentRunConfig';
import { launchConfig } from '../../helpers/launchConfig';

type Obj = Record<string, unknown>;

const config: WorkflowConfigSource = launchConfig({
  instanceType: 'm5.xlarge, m5a.xlarge',
  securityGroupIds: ['sg-0123456789abcdef0'],
});

const request = {
  dates: ['2020-06-29', '2020-06-30', '2020-07-01'],
  maxParallel: 2,
  agentSha256: 'a'.repeat(64),
  agentVersion: '0.1.0',
  language: 'es' as const,
  now: new Date('2026-01-01T00:00:00Z'),
};

/** Every state-name reference inside one States map (Next, Default, Choices[].Next, Catch[].Next). */
function targets(state: Obj): string[] {
  const out: string[] = [];
  if (typeof state.Next === 'string') out.push(state.Next);
  if (typeof state.Default === 'string') out.push(state.Default);
  for (const c of (state.Choices as Obj[] | undefined) ?? []) out.push(c.Next as string);
  for (const c of (state.Catch as Obj[] | undefined) ?? []) out.push(c.Next as string);
  return out;
}

function checkScope(startAt: string, states: Record<string, Obj>): void {
  const names = new Set(Object.keys(states));
  assert.ok(names.has(startAt), `StartAt ${startAt}`);
  const seen = new Set<string>();
  const queue = [startAt];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const state = states[name];
    const next = targets(state);
    for (const n of next) assert.ok(names.has(n), `${name} -> ${n} is not a state`);
    const terminal = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
    if (state.Type !== 'Choice') assert.ok(terminal !== (typeof state.Next === 'string'), `${name}: Next xor End`);
    queue.push(...next);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor as { StartAt: string; States: Record<string, Obj> };
      checkScope(processor.StartAt, processor.States);
    }
  }
  assert.deepEqual(
    [...names].filter((n) => !seen.has(n)),
    [],
    'unreachable states',
  );
}

const definition = workflowDefinition();
const days = (definition.States as Record<string, Obj>).Days;
const dayStates = (days.ItemProcessor as { States: Record<string, Obj> }).States;

/** The intrinsic Format calls' argument count must match their {} count. */
function formatArity(expression: string): void {
  for (const m of expression.matchAll(/States\.Format\('((?:\{\})*)', ([^)]*)\)/g)) {
    const holes = m[1].length / 2;
    assert.equal(m[2].split(',').length, holes, expression);
  }
}

function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
}

describe('batch workflow definition (ASL)', () => {
  it('is a JSONPath Standard definition whose every transition lands on a state and every state is reachable', () => {
    checkScope(definition.StartAt as string, definition.States as Record<string, Obj>);
    assert.equal(JSON.parse(JSON.stringify(definition)).StartAt, 'Days');
    assert.equal((definition as Obj).QueryLanguage, undefined, 'JSONPath is the default query language');
  });

  it('runs the days in an inline Map limited by the input, one result per day', () => {
    assert.equal(days.Type, 'Map');
    assert.equal(days.MaxConcurrencyPath, '$.maxParallel');
    assert.deepEqual(days.ItemProcessor && (days.ItemProcessor as Obj).ProcessorConfig, { Mode: 'INLINE' });
    for (const [name, state] of Object.entries(dayStates))
      if (state.End === true) assert.equal((state.Parameters as Obj)['date.$'], '$.date', `${name} names its day`);
  });

  it('launches with the task token in the user data, the deadline as timeout and a heartbeat', () => {
    for (const market of ['spot', 'on-demand'] as const)
      for (const subnet of [true, false])
        for (const groups of [true, false]) {
          const task = dayStates[launchStateName(market, subnet, groups)];
          assert.equal(task.Resource, 'arn:aws:states:::aws-sdk:ec2:runInstances.waitForTaskToken');
          assert.equal(task.TimeoutSecondsPath, '$.launch.timeoutSeconds');
          assert.equal(task.HeartbeatSecondsPath, '$.launch.heartbeatSeconds');
          const p = task.Parameters as Obj;
          assert.match(p['UserData.$'] as string, /^States\.Base64Encode\(States\.Format\(.*\$\$\.Task\.Token/);
          assert.equal('SubnetId.$' in p, subnet);
          assert.equal('SecurityGroupIds.$' in p, groups);
          assert.equal(p.InstanceInitiatedShutdownBehavior, 'terminate');
          assert.deepEqual(p.MetadataOptions, { HttpTokens: 'required', HttpEndpoint: 'enabled' });
          if (market === 'spot')
            assert.deepEqual(p.InstanceMarketOptions, {
              MarketType: 'spot',
              SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' },
            });
          else assert.equal(p.InstanceMarketOptions, undefined);
          const caught = (task.Catch as Array<{ ErrorEquals: string[]; Next: string }>).map((c) => c.ErrorEquals[0]);
          assert.ok(
            (task.Catch as Array<{ ErrorEquals: string[] }>)[3].ErrorEquals.includes(
              'Ec2.InsufficientInstanceCapacityException',
            ),
          );
          assert.deepEqual(caught, [
            WORKFLOW_ERRORS.interrupted,
            'States.HeartbeatTimeout',
            'States.Timeout',
            'Ec2.Ec2Exception',
            'States.ALL',
          ]);
        }
  });

  it('treats capacity refusals as "try the next candidate", other EC2 errors as the day failing', () => {
    const choice = dayStates['No capacity?'];
    const or = (
      choice.Choices as Array<{ Or: Array<{ StringMatches?: string; StringEquals?: string }>; Next: string }>
    )[0];
    assert.equal(or.Next, 'Next candidate');
    assert.deepEqual(
      or.Or.filter((c) => c.StringMatches).map((c) => c.StringMatches),
      CAPACITY_CODES.map((c) => `*${c}*`),
    );
    assert.ok(or.Or.some((c) => c.StringEquals === 'Ec2.InsufficientInstanceCapacityException'));
    assert.equal(choice.Default, 'Failed');
  });

  it('a missed heartbeat terminates the silent machine then retries; the deadline terminates and ends the day', () => {
    assert.equal(dayStates['Find silent machine'].Resource, 'arn:aws:states:::aws-sdk:ec2:describeInstances');
    assert.equal(dayStates['Terminate silent machine'].Next, 'Retry day?');
    assert.equal(dayStates['Terminate late machine'].Next, 'Timed out');
    const filters = (dayStates['Find late machine'].Parameters as { Filters: Obj[] }).Filters;
    assert.deepEqual(
      filters.map((f) => f.Name),
      [`tag:${EXECUTION_TAG}`, 'tag:adatrap:date', 'instance-state-name'],
    );
    const retry = dayStates['Retry day?'].Choices as Obj[];
    assert.equal(retry[0].NumericLessThanPath, '$.launch.maxTries');
  });

  it('uses States.Format only with {} holes, each filled by one argument', () => {
    walk(definition, (key, v) => {
      if (key.endsWith('.$') && typeof v === 'string' && v.includes('States.Format')) formatArity(v);
    });
  });

  it('nests at most 10 intrinsic functions in one field', () => {
    walk(definition, (key, v) => {
      if (key.endsWith('.$') && typeof v === 'string') assert.ok((v.match(/States\./g) ?? []).length <= 10, v);
    });
  });
});

describe('batch workflow input', () => {
  const input = buildWorkflowInput(config, request);

  it('lists Spot in every instance type first, then on-demand; MARKET=on-demand skips Spot', () => {
    assert.deepEqual(input.launch.candidates, [
      { market: 'spot', instanceType: 'm5.xlarge' },
      { market: 'spot', instanceType: 'm5a.xlarge' },
      { market: 'on-demand', instanceType: 'm5.xlarge' },
      { market: 'on-demand', instanceType: 'm5a.xlarge' },
    ]);
    assert.equal(input.launch.candidateCount, 4);
    assert.deepEqual(launchCandidates('t3.large', 'on-demand'), [{ market: 'on-demand', instanceType: 't3.large' }]);
  });

  it('gives back, day by day, exactly the user data, run config and tags of a direct launch', () => {
    const direct = buildLaunchPlan(
      { ...config, instanceType: 'm5.xlarge' },
      { ...request, date: '2020-06-30', taskToken: 'TOKEN+/=' },
    );
    const pieces = (p: Record<string, string>) => Object.keys(p).map((_, i) => p[`p${i}`]);
    const runConfigJson = fillTemplate(pieces(input.launch.runConfig), RUN_CONFIG_SLOTS, { date: '2020-06-30' });
    assert.deepEqual(JSON.parse(runConfigJson), direct.runConfig);
    const runConfig = Buffer.from(runConfigJson, 'utf8').toString('base64');
    assert.deepEqual(decodeRunConfig(runConfig).date, '2020-06-30');
    const userData = fillTemplate(pieces(input.launch.userData), USER_DATA_SLOTS, {
      runConfig,
      taskToken: 'TOKEN+/=',
      date: '2020-06-30',
    });
    assert.equal(userData, direct.userData);
    const tags = JSON.parse(
      fillTemplate(pieces(input.launch.instanceTags), INSTANCE_TAG_SLOTS, {
        date: '2020-06-30',
        execution: 'batch-1',
        price: '',
      }),
    ) as Array<{ Key: string; Value: string }>;
    assert.deepEqual(tags, [
      ...direct.plan.TagSpecifications[0].Tags.filter((t) => t.Key !== 'adatrap:deadline'),
      { Key: EXECUTION_TAG, Value: 'batch-1' },
    ]);
  });

  it('carries the network settings only when .env has them, and the deadline as the task timeout', () => {
    assert.deepEqual(input.launch.securityGroupIds, ['sg-0123456789abcdef0']);
    assert.equal('subnetId' in input.launch, false);
    assert.equal(input.launch.timeoutSeconds, 4 * 3600 + 15 * 60);
    assert.equal(input.launch.maxTries, 3);
    const onDemand = buildWorkflowInput(
      { ...config, securityGroupIds: [], subnetId: 'subnet-0123456789abcdef0' },
      request,
    );
    assert.equal(onDemand.launch.subnetId, 'subnet-0123456789abcdef0');
    assert.equal('securityGroupIds' in onDemand.launch, false);
  });

  it('refuses more than 40 days at once and an empty batch, naming the limit', () => {
    assert.throws(() => buildWorkflowInput(config, { ...request, maxParallel: MAX_WORKFLOW_PARALLEL + 1 }), InputError);
    assert.throws(() => buildWorkflowInput(config, { ...request, maxParallel: 0 }), /--max-parallel/);
    assert.throws(() => buildWorkflowInput(config, { ...request, dates: [] }), InputError);
  });

  it('fits a year of days in the 256 KiB execution input', () => {
    const year = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    const big = buildWorkflowInput(config, { ...request, dates: year });
    assert.ok(JSON.stringify(big).length < 256 * 1024);
  });

  it('cuts a template at every marker, in order', () => {
    assert.deepEqual(cutTemplate('a{X}b{Y}c{X}', { x: '{X}', y: '{Y}' }), {
      pieces: ['a', 'b', 'c', ''],
      slots: ['x', 'y', 'x'],
    });
  });
});
