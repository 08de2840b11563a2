// What every EC2 operation module shares: the context an operation runs in, and the readers of Query parameters
// with EC2's own messages (EC2 API Reference, 2016-11-15; tag limits from "Tag your Amazon EC2 resources").
import type { Faults } from '../faults';
import type { QueryParams } from './query';
import { Ec2Error, type Ec2State } from './state';

export const SANDBOX_ACCOUNT_ID = '123456789012';

export interface Ec2Context {
  readonly state: Ec2State;
  readonly faults: Faults;
  readonly region: string;
  /** The IAM instance profiles of the emulated account: RunInstances refuses any other, as EC2 does. */
  readonly instanceProfiles: readonly string[];
}

/** One operation: the XML inside its `<Action>Response`, or an Ec2Error for the handler to send. */
export type Ec2Operation = (ctx: Ec2Context, q: QueryParams) => string | Promise<string>;

export function required(q: QueryParams, name: string): string {
  const v = q.get(name);
  if (v === undefined || v === '')
    throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
  return v;
}

export function checkTags(tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw new Ec2Error('TagLimitExceeded', 'The maximum number of tags per resource is 50.');
  for (const k of keys) {
    if (k.toLowerCase().startsWith('aws:'))
      throw new Ec2Error('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    if (k.length === 0 || k.length > 128)
      throw new Ec2Error('InvalidParameterValue', `Tag key '${k}' must be 1 to 128 characters`);
  }
}

/** What a Describe call names, each of which must exist (else `missing(id)` is thrown), or all when it names none. */
export function namedOrAll<T>(
  ids: readonly string[],
  all: ReadonlyMap<string, T>,
  missing: (id: string) => Ec2Error,
): T[] {
  if (ids.length === 0) return [...all.values()];
  return ids.map((id) => {
    const found = all.get(id);
    if (found === undefined) throw missing(id);
    return found;
  });
}
