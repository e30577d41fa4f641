// What a decode worker keeps of its last feed pictures for the second stage (decode-worker.ts): bounded by count
// and by bytes, the oldest going first, so a feed of large pictures cannot grow the worker's memory.

export class Kept<T> {
  private readonly items = new Map<string, { value: T; bytes: number }>();
  private total = 0;

  constructor(private readonly maxCount: number, private readonly maxBytes: number, private readonly sizeOf: (v: T) => number) {}

  get(key: string): T | undefined {
    return this.items.get(key)?.value;
  }

  get count(): number {
    return this.items.size;
  }

  get bytes(): number {
    return this.total;
  }

  /** Keeps `value` as the newest; one larger than the byte bound is not kept at all. */
  set(key: string, value: T): void {
    this.delete(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.items.set(key, { value, bytes });
    this.total += bytes;
    while (this.items.size > this.maxCount || this.total > this.maxBytes) this.delete(this.items.keys().next().value!);
  }

  delete(key: string): void {
    const item = this.items.get(key);
    if (!item) return;
    this.total -= item.bytes;
    this.items.delete(key);
  }
}
