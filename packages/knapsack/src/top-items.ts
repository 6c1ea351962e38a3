import { selectKth } from './equal-weights.js';

/** A run of items whose values are read through a function, e.g. computed from a kernel on the fly. */
export interface ValueSource {
  readonly count: number;
  value(i: number): number;
}

/**
 * Marks the `k` most valuable items across `sources` (values finite and non-negative), ties broken
 * in source then index order, as a sort-free equal-weights knapsack does. With `positiveOnly`, items
 * worth 0 are never marked. `into[s]` receives source s's marks (1 = chosen) and must be zeroed.
 * Returns the total value of the marked items.
 *
 * The k-th largest value is narrowed down by radix selection on the values' IEEE-754 bits, which
 * order non-negative doubles exactly, 16 bits per pass, until the bucket holding it is small enough
 * to copy and finish by quickselect. On real weights that is one counting pass and one copying pass,
 * plus one to mark: no copy of all the values, 64K counters and a bounded buffer, so time and
 * memory stay linear even for tens of millions of items read lazily from a kernel.
 */
export function markTopItems(sources: readonly ValueSource[], k: number, into: readonly Uint8Array[], positiveOnly: boolean): number {
  if (k <= 0) return 0;
  const { threshold, ties } = kthLargest(sources, k, positiveOnly);
  let remaining = ties;
  let total = 0;
  // Plain loops and locals: this pass runs over every item.
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s]!;
    const marks = into[s]!;
    for (let i = 0; i < source.count; i++) {
      const v = source.value(i);
      if (v < threshold || (positiveOnly && !(v > 0))) continue;
      if (v > threshold || remaining-- > 0) {
        marks[i] = 1;
        total += v;
      }
    }
  }
  return total;
}

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
/** A bucket this small is copied (8 bytes an item) and finished by quickselect. */
const COPY_LIMIT = 1 << 20;
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// Typed arrays use the platform's byte order; Node's platforms are little-endian, so word 1 is high.
const HIGH = 1;
const LOW = 0;

/**
 * The next 16-bit digit of a non-negative double's bits when the `pass` digits above it equal
 * `prefix` (as one number), else -1.
 */
function digitIn(value: number, pass: number, prefix: number): number {
  scratch[0] = value + 0; // + 0 turns -0 into +0, whose bits sort first
  const high = words[HIGH]!;
  switch (pass) {
    case 0:
      return high >>> DIGIT_BITS;
    case 1:
      return high >>> DIGIT_BITS === prefix ? high & (BUCKETS - 1) : -1;
    case 2:
      return high === prefix ? words[LOW]! >>> DIGIT_BITS : -1;
    default:
      return high * BUCKETS + (words[LOW]! >>> DIGIT_BITS) === prefix ? words[LOW]! & (BUCKETS - 1) : -1;
  }
}

/**
 * The selection rule for the k largest: every item above `threshold`, and the first `ties` items
 * equal to it.
 */
function kthLargest(sources: readonly ValueSource[], k: number, positiveOnly: boolean): { threshold: number; ties: number } {
  const counts = new Float64Array(BUCKETS);
  let needed = k;
  let prefix = 0;
  for (let pass = 0; ; pass++) {
    counts.fill(0);
    for (const source of sources) {
      for (let i = 0; i < source.count; i++) {
        const v = source.value(i);
        if (positiveOnly && !(v > 0)) continue;
        const digit = digitIn(v, pass, prefix);
        if (digit >= 0) counts[digit]!++;
      }
    }
    let above = 0;
    let bucket = BUCKETS - 1;
    while (bucket > 0 && above + counts[bucket]! < needed) above += counts[bucket--]!;
    needed -= above;
    const size = counts[bucket]!;
    // Fewer items than asked for: all of them.
    if (needed >= size && bucket === 0 && pass === 0) return { threshold: 0, ties: Infinity };
    if (size <= COPY_LIMIT || pass === 3) return finishInBucket(sources, pass, prefix, bucket, size, needed, positiveOnly);
    prefix = prefix * BUCKETS + bucket;
  }
}

/** Copies the bucket's values and picks the `needed`-th largest of them by quickselect. */
function finishInBucket(sources: readonly ValueSource[], pass: number, prefix: number, bucket: number, size: number, needed: number, positiveOnly: boolean) {
  const bucketValues = new Float64Array(size);
  let t = 0;
  for (const source of sources) {
    for (let i = 0; i < source.count; i++) {
      const v = source.value(i);
      if (positiveOnly && !(v > 0)) continue;
      if (digitIn(v, pass, prefix) === bucket) bucketValues[t++] = v + 0;
    }
  }
  if (needed >= size) {
    // The whole bucket is taken: its smallest value is the threshold, with no limit on ties.
    let smallest = Infinity;
    for (const v of bucketValues) smallest = Math.min(smallest, v);
    return { threshold: smallest, ties: Infinity };
  }
  const threshold = selectKth(bucketValues, size - needed);
  let above = 0;
  for (const v of bucketValues) if (v > threshold) above++;
  return { threshold, ties: needed - above };
}
