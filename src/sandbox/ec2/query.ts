// EC2 Query parameters: flat `Name.1.Sub.2=value` pairs, read back into lists and filters.
import { Ec2Error } from './state';
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** `Prefix.1`, `Prefix.2` … in index order (gaps end the list, as in the SDK's serialisation). */
  list(prefix: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
      const v = this.params.get(`${prefix}.${i}`);
      if (v === null) return out;
      out.push(v);
    }
  }

  /** Indexes present under `Prefix.N.*`, e.g. for `Filter.1.Name`, `Filter.1.Value.1`. */
  indexes(prefix: string): number[] {
    const found = new Set<number>();
    const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(\\.|$)`);
    for (const key of this.params.keys()) {
      const m = re.exec(key);
      if (m) found.add(Number(m[1]));
    }
    return [...found].sort((a, b) => a - b);
  }

  filters(): Array<{ name: string; values: string[] }> {
    return this.indexes('Filter').map((i) => ({
      name: this.get(`Filter.${i}.Name`) ?? '',
      values: this.list(`Filter.${i}.Value`),
    }));
  }

  tags(prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.indexes(prefix)) {
      const key = this.get(`${prefix}.${i}.Key`);
      if (key !== undefined) out[key] = this.get(`${prefix}.${i}.Value`) ?? '';
    }
    return out;
  }
}

/** EC2 filter values accept `*` (any run) and `?` (one character). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
  return re.test(value);
}

/** What a filter name reads of an item: one value, several (the filter keeps the item when any matches), or none. */
type FilterField<T> = (item: T) => string | readonly string[] | undefined;

export interface FilterRules<T> {
  /** The filter names an operation takes and what each reads. */
  fields: Readonly<Record<string, FilterField<T>>>;
  /** Names with a part of their own, e.g. DescribeInstances' `tag:<key>`. */
  named?: (name: string) => FilterField<T> | undefined;
  /** Exact unless the operation takes EC2's `*` and `?` wildcards (wildcardMatch). */
  match?: (pattern: string, value: string) => boolean;
}

/**
 * The items every `Filter.N` of the request keeps (filters AND, a filter's values OR). A name the operation does not
 * take is EC2's InvalidParameterValue "The filter '…' is invalid", whether or not anything would have matched.
 */
export function applyFilters<T>(items: readonly T[], q: QueryParams, rules: FilterRules<T>): T[] {
  const match = rules.match ?? ((pattern: string, value: string) => pattern === value);
  let kept = [...items];
  for (const f of q.filters()) {
    const field = (Object.hasOwn(rules.fields, f.name) ? rules.fields[f.name] : undefined) ?? rules.named?.(f.name);
    if (!field) throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    kept = kept.filter((item) => {
      const read = field(item);
      const values = read === undefined ? [] : typeof read === 'string' ? [read] : read;
      return values.some((value) => f.values.some((pattern) => match(pattern, value)));
    });
  }
  return kept;
}
