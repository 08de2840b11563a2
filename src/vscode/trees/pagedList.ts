// Paging over an async listing (S3 keys, log streams) for a tree: the first page shows at once, "Load more"
// pulls the next one from the same iterator, so a bucket of thousands of days is never listed in one go.
export class PagedList<T> {
  private readonly items: T[] = [];
  private iterator: AsyncIterator<T> | undefined;
  private done = false;
  private target: number;

  constructor(
    private readonly source: () => AsyncIterable<T>,
    private readonly pageSize: number,
  ) {
    this.target = pageSize;
  }

  /** Items loaded so far, fetching until `target` are there or the source ends. */
  async load(): Promise<{ items: readonly T[]; hasMore: boolean }> {
    this.iterator ??= this.source()[Symbol.asyncIterator]();
    while (!this.done && this.items.length < this.target) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.items.push(next.value);
    }
    return { items: this.items.slice(0, this.target), hasMore: !this.done || this.items.length > this.target };
  }

  more(): void {
    this.target += this.pageSize;
  }

  /** Forget the items (not how many were asked for): the next load lists again, as far as before. */
  reset(): void {
    this.items.length = 0;
    this.iterator = undefined;
    this.done = false;
  }
}
