import * as assert from 'node:assert/strict';
import { invalidDefinitionMessage, validateDefinition } from '../../../../src/sandbox/stepFunctions/definition';
import { evaluateIntrinsic, parseIntrinsic } from '../../../../src/sandbox/stepFunctions/intrinsics';
import type { Json } from '../../../../src/sandbox/stepFunctions/jsonPath';
import { SfnError } from '../../../../src/sandbox/stepFunctions/service';
import { machine, mapMachine } from '../../../helpers/asl';
import { harness, ROLE } from './harness';

const codes = (definition: object): string[] =>
  validateDefinition(JSON.stringify(definition)).diagnostics.map((d) => `${d.code} ${d.location}`);
/** The problems of a one-state machine whose Task T (an EC2 SDK call) carries these fields. */
const taskCodes = (fields: object): string[] =>
  codes(machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:ec2:runInstances', End: true, ...fields } }));

describe('Step Functions definitions are validated like CreateStateMachine', () => {
  it('accepts a valid definition', () => {
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', End: true } })), []);
  });

  it('names each problem with its code and location', () => {
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', Colour: 'red', End: true } })), [
      'SCHEMA_VALIDATION_FAILED /States/A/Colour',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Pass' } })), [
      'MISSING_TRANSITION_TARGET /States/A',
      'MISSING_END_STATE /',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', Next: 'Nowhere' } })), [
      'MISSING_TRANSITION_TARGET /States/A/Next',
      'MISSING_END_STATE /',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Succeed' }, B: { Type: 'Succeed' } })), [
      'UNREACHABLE_STATE /States/B',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } })), [
      'SCHEMA_VALIDATION_FAILED /States/A/ResultPath',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', Parameters: { 'x.$': 'States.Nope(1)' }, End: true } })), [
      'SCHEMA_VALIDATION_FAILED /States/A/Parameters/x.$',
    ]);
    assert.deepEqual(codes(machine({ A: { Type: 'Pass', Parameters: { 'x.$': 'States.UUID(1)' }, End: true } })), [
      'SCHEMA_VALIDATION_FAILED /States/A/Parameters/x.$',
    ]);
    assert.deepEqual(taskCodes({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }] }), [
      'SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/ErrorEquals',
    ]);
    assert.deepEqual(
      taskCodes({
        Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'SOME' }, 'retry'],
        Catch: { ErrorEquals: ['States.ALL'], Next: 'T' },
      }),
      [
        'SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/JitterStrategy',
        'SCHEMA_VALIDATION_FAILED /States/T/Retry[1]',
        'SCHEMA_VALIDATION_FAILED /States/T/Catch',
      ],
    );
    assert.deepEqual(
      codes(machine({ T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true } })),
      ['INVALID_RESOURCE /States/T/Resource'],
    );
    assert.deepEqual(taskCodes({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }), ['SCHEMA_VALIDATION_FAILED /States/T']);
    assert.deepEqual(codes(machine({ W: { Type: 'Wait', End: true } })), ['SCHEMA_VALIDATION_FAILED /States/W']);
    assert.deepEqual(
      codes(
        machine({
          C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 'one', Next: 'D' }] },
          D: { Type: 'Succeed' },
        }),
      ),
      ['SCHEMA_VALIDATION_FAILED /States/C/Choices[0]/NumericEquals'],
    );
    assert.deepEqual(
      codes(
        machine({
          M: { Type: 'Map', ItemProcessor: machine({ X: { Type: 'Pass', Next: 'Outside' } }), Next: 'Outside' },
          Outside: { Type: 'Succeed' },
        }),
      ),
      ['MISSING_TRANSITION_TARGET /States/M/ItemProcessor/States/X/Next', 'MISSING_END_STATE /States/M/ItemProcessor'],
    );
  });

  it('refuses what the sandbox does not emulate (JSONata, Distributed Map) instead of running it wrongly', () => {
    assert.equal(codes(machine({ A: { Type: 'Succeed' } }, { QueryLanguage: 'JSONata' })).length, 1);
    assert.deepEqual(
      codes(
        mapMachine({
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, ...machine({ X: { Type: 'Succeed' } }) },
        }),
      ),
      ['SCHEMA_VALIDATION_FAILED /States/M/ItemProcessor/ProcessorConfig'],
    );
  });

  it('CreateStateMachine answers InvalidDefinition in the AWS wording; other input errors by their AWS code', () => {
    const h = harness();
    const create = (body: object): unknown =>
      h.service.dispatch('CreateStateMachine', { name: 'm', roleArn: ROLE, ...body });
    assert.throws(
      () => create({ definition: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}' }),
      (e: SfnError) =>
        e.code === 'InvalidDefinition' &&
        e.message.startsWith("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: "),
    );
    const ok = '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}';
    assert.throws(
      () => create({ definition: ok, name: 'bad name' }),
      (e: SfnError) => e.code === 'InvalidName',
    );
    assert.throws(
      () => create({ definition: ok, roleArn: 'role' }),
      (e: SfnError) => e.code === 'InvalidArn',
    );
    assert.throws(
      () => create({ definition: ok, type: 'EXPRESS' }),
      (e: SfnError) => e.code === 'StateMachineTypeNotSupported',
    );
    create({ definition: ok });
    create({ definition: ok });
    assert.throws(
      () => create({ definition: '{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}' }),
      (e: SfnError) => e.code === 'StateMachineAlreadyExists',
    );
    const v = h.service.dispatch('ValidateStateMachineDefinition', { definition: '{"StartAt":"A","States":{}}' });
    assert.equal(v.result, 'FAIL');
    assert.match(
      invalidDefinitionMessage([{ code: 'C', message: 'm', location: '/x' }]),
      /^Invalid State Machine Definition: 'C: m at \/x'$/,
    );
  });
});

describe('Step Functions intrinsic functions', () => {
  const run = (expr: string, input: Json = {}): Json => evaluateIntrinsic(parseIntrinsic(expr), { input, context: {} });

  it('evaluates every States.* function', () => {
    assert.equal(run("States.Format('Hello, {} and {}', $.a, 3)", { a: 'Ana' }), 'Hello, Ana and 3');
    assert.equal(run("States.Format('brace \\{\\} quote \\' slash \\\\ {}', true)"), "brace {} quote ' slash \\ true");
    assert.deepEqual(run('States.StringToJson(\'{"a":1}\')'), { a: 1 });
    assert.equal(run('States.JsonToString($.o)', { o: { a: [1] } }), '{"a":[1]}');
    assert.deepEqual(run("States.Array(1, 'two', $.x, null)", { x: true }), [1, 'two', true, null]);
    assert.deepEqual(run('States.ArrayPartition($.a, 2)', { a: [1, 2, 3, 4, 5] }), [[1, 2], [3, 4], [5]]);
    assert.equal(run('States.ArrayContains($.a, 3)', { a: [1, 2, 3] }), true);
    assert.deepEqual(run('States.ArrayRange(1, 9, 2)'), [1, 3, 5, 7, 9]);
    assert.equal(run('States.ArrayGetItem($.a, 1)', { a: ['x', 'y'] }), 'y');
    assert.equal(run('States.ArrayLength($.a)', { a: [1, 2, 3] }), 3);
    assert.deepEqual(run('States.ArrayUnique($.a)', { a: [1, 1, { b: 2 }, { b: 2 }] }), [1, { b: 2 }]);
    assert.equal(run("States.Base64Encode('Día 1')"), Buffer.from('Día 1').toString('base64'));
    assert.equal(run("States.Base64Decode('SG9sYQ==')"), 'Hola');
    assert.equal(
      run("States.Hash('abc', 'SHA-256')"),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    assert.equal(run("States.Hash('abc', 'MD5')"), '900150983cd24fb0d6963f7d28e17f72');
    assert.deepEqual(run('States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: 1 }, b: { y: 2 } }), { x: 1, y: 2 });
    const r = run('States.MathRandom(10, 20)') as number;
    assert.ok(Number.isInteger(r) && r >= 10 && r < 20);
    assert.equal(run('States.MathRandom(0, 1000, 7)'), run('States.MathRandom(0, 1000, 7)'), 'a seed repeats');
    assert.equal(run('States.MathAdd($.n, -1)', { n: 5 }), 4);
    assert.deepEqual(run("States.StringSplit('a,b;c', ',;')"), ['a', 'b', 'c']);
    assert.match(run('States.UUID()') as string, /^[0-9a-f-]{36}$/);
    assert.equal(
      run("States.Base64Encode(States.Format('{}-{}', $.d, $.n))", { d: '2020-07-01', n: 2 }),
      Buffer.from('2020-07-01-2').toString('base64'),
    );
  });

  it('bad arguments are States.IntrinsicFailure at run time', async () => {
    const h = harness();
    for (const expr of [
      "States.Format('{} {}', 1)",
      'States.ArrayGetItem($.a, 5)',
      "States.StringToJson('not json')",
      'States.MathAdd(1.5, 1)',
      'States.JsonMerge($.a, $.a, true)',
      'States.ArrayRange(0, 2000, 1)',
    ]) {
      const out = await h.run(machine({ P: { Type: 'Pass', Parameters: { 'x.$': expr }, End: true } }), {
        a: { k: 1 },
      });
      assert.equal(out.error, 'States.IntrinsicFailure', expr);
    }
  });
});
