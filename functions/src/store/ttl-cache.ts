/**
 * What a warm process trusts for a while: values kept for `ttlMs`, and one load
 * per key at a time. A burst of requests that all miss (200 officers pressing
 * 认领 the moment a copy expires) waits on the one read instead of making 200.
 * `forget` drops the value and any load in flight, so a read racing a write
 * never stores what the write replaced.
 */
export class TtlCache<V> {
  private values = new Map<string, { at: number; value: V }>();
  private loading = new Map<string, { generation: number; promise: Promise<V> }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The fresh cached value, if any (no load). */
  peek(key: string): V | undefined {
    const hit = this.values.get(key);
    return hit && this.now() - hit.at < this.ttlMs ? hit.value : undefined;
  }

  async get(key: string, load: () => Promise<V>, keep: (v: V) => boolean = () => true): Promise<V> {
    const hit = this.values.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight.promise;
    const generation = ++this.generation;
    const promise = (async () => {
      try {
        const value = await load();
        // only if nothing forgot this key meanwhile
        if (this.loading.get(key)?.generation === generation && keep(value)) {
          if (this.values.size >= this.maxEntries) this.values.clear();
          this.values.set(key, { at: this.now(), value });
        }
        return value;
      } finally {
        if (this.loading.get(key)?.generation === generation) this.loading.delete(key);
      }
    })();
    this.loading.set(key, { generation, promise });
    return promise;
  }

  forget(key: string): void {
    this.values.delete(key);
    this.loading.delete(key);
  }
}
