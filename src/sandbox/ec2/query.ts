// EC2 Query parameters: flat `Name.1.Sub.2=value` pairs, read back into lists and filters.
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
