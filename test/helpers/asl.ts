// Amazon States Language definitions for the Step Functions tests, built so each test names only the states it
// is about (https://states-language.net/spec.html: a machine is StartAt plus States; Map and Parallel hold machines).

type States = Record<string, object>;

/** A machine of these states, started at the first one written; `top` adds top-level fields (TimeoutSeconds…). */
export function machine(states: States, top: object = {}): object {
  const [startAt] = Object.keys(states);
  return { ...top, StartAt: startAt, States: states };
}

/** A machine whose only state is a Parallel P running each of these machines as a branch. */
export function parallel(...branches: States[]): object {
  return machine({ P: { Type: 'Parallel', End: true, Branches: branches.map((b) => machine(b)) } });
}

/** A machine whose only state is a Map M, ending the execution, with these fields. */
export function mapMachine(fields: object): object {
  return machine({ M: { Type: 'Map', ...fields, End: true } });
}

/**
 * A Pass/Choice loop adding 1 to $.n while it is below `limit`, then the one state of `exit`: a long history
 * from a short definition.
 */
export function countingLoop(limit: number, exit: States): object {
  const [after] = Object.keys(exit);
  return machine({
    Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Loop' },
    Loop: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: limit, Next: 'Count' }], Default: after },
    ...exit,
  });
}
