// Seeded pseudo-random numbers shared by the benchmarks and the knapsack tests, so runs repeat.

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi]. */
export const integer = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
