// Reusable typed arrays for a function's temporaries: memory that is touched again instead of fresh memory.
//
// Why: a fresh typed array is fresh pages. Chromium's allocator returns large buffers to the system when they are
// freed, so each 4 KB page of a new one is faulted in and zeroed by the kernel on its first write; on the 2-core
// CI VM that costs ~11 µs a page (a micro-benchmark allocating and touching arrays of 16 KB–2 MB in a Chromium
// worker: 11–15 µs a page at every size; a C loop over a fresh mmap: 11 µs). A feed picture's
// preparation and keypoints took ~12 MB of temporaries — ~3,000 pages, most of the gap between the decode worker
// (26 ms a picture) and Node (15 ms), where the allocator keeps freed memory.
//
// Rules for a slot: take it only for an array that does not outlive the call (never returned, stored or posted),
// and never twice while the first is still in use (one slot per purpose; a chain of steps alternates two).
// Everything here runs synchronously in one thread, so a slot is never shared between two live calls.

type Typed = Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array;
type Ctor<T extends Typed> = { new (n: number): T; readonly BYTES_PER_ELEMENT: number };

/** Arrays above this are not kept (a rare huge picture should not pin its buffers for the worker's life). */
const KEEP_BYTES = 16 << 20;

export class Slot<T extends Typed> {
  private held: T | null = null;
  constructor(private readonly C: Ctor<T>) {}

  /** `n` elements whose contents are whatever the last user left: for arrays written in full before being read. */
  take(n: number): T {
    if (n * this.C.BYTES_PER_ELEMENT > KEEP_BYTES) return new this.C(n);
    let a = this.held;
    if (!a || a.length < n) {
      // Some headroom: the next picture's size differs a little, and a buffer that just fits would be replaced.
      a = new this.C(Math.min(Math.ceil(n * 1.25), Math.floor(KEEP_BYTES / this.C.BYTES_PER_ELEMENT)));
      this.held = a;
    }
    return (a.length === n ? a : a.subarray(0, n)) as T;
  }

  /** `n` zeros, as `new` gives them. */
  zeroed(n: number): T {
    return this.take(n).fill(0) as T;
  }
}
