// A run's tags become a RunInfo strictly: what does not parse is dropped and named, never trusted or shown raw.
import * as assert from 'node:assert/strict';
import { toRunInfo } from '../../../src/aws/runs';
import { runsTable } from '../../../src/cli/listRuns';
import { setLanguage } from '../../../src/core/i18n';

/** A running machine carrying these `adatrap:<name>` tags, as DescribeInstances lists it, read as a RunInfo. */
const runTagged = (tags: Partial<Record<'date' | 'deadline' | 'status', string>>) =>
  toRunInfo({
    InstanceId: 'i-0123456789abcdef0',
    State: { Name: 'running' as const },
    LaunchTime: new Date('2020-06-29T16:00:00Z'),
    Tags: Object.entries(tags).map(([name, Value]) => ({ Key: `adatrap:${name}`, Value })),
  });

describe('aws/runs: tags as untrusted input', () => {
  before(() => setLanguage('en'));

  it('keeps the tags our launcher and agent write', () => {
    const run = runTagged({ date: '2020-06-29', deadline: '2020-06-30T04:00:00.000Z', status: 'running' });
    assert.equal(run.date, '2020-06-29');
    assert.equal(run.deadline, '2020-06-30T04:00:00.000Z');
    assert.equal(run.status, 'running');
    assert.equal(run.unknownTags, undefined);
  });

  it('shows a run with a forged date, deadline and status as unknown (the machine itself still listed)', () => {
    const run = runTagged({ date: '../../2020-06-29', deadline: 'never', status: '\u001b]0;owned\u0007' });
    assert.equal(run.instanceId, 'i-0123456789abcdef0');
    assert.equal(run.state, 'running');
    assert.equal(run.date, undefined);
    assert.equal(run.deadline, undefined);
    assert.equal(run.status, undefined);
    assert.deepEqual(run.unknownTags, ['date', 'deadline', 'status']);
    const table = runsTable([run]);
    assert.match(table, /i-0123456789abcdef0\s+unknown\s+running/);
    assert.match(table, /unknown \(the adatrap:status tag is not one the agent writes\)/);
    assert.ok(!table.includes('\u001b') && !table.includes('../'), table);
  });

  it('says it in Spanish too', () => {
    setLanguage('es');
    try {
      const table = runsTable([runTagged({ date: '2020-02-30', status: 'ok' })]);
      assert.match(table, /desconocida/);
      assert.match(table, /la etiqueta adatrap:status no es una que escriba el agente/);
    } finally {
      setLanguage('en');
    }
  });
});
