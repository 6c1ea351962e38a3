import { describe, expect, it } from 'vitest';
import { paretoFront } from '@hwcost/engine';
import { integer, random } from '../../bench/random.mjs';

/** The definition, checked pair by pair. */
function bruteForce(vectors: number[][]): boolean[] {
  const dominates = (a: number[], b: number[]) => a.every((x, k) => x <= b[k]!) && a.some((x, k) => x < b[k]!);
  return vectors.map((v) => !vectors.some((w) => dominates(w, v)));
}

describe('paretoFront', () => {
  it('marks the non-dominated points, duplicates on the front included', () => {
    expect(paretoFront([[1, 5], [2, 2], [5, 1], [3, 3], [2, 2], [1, 6]])).toEqual([true, true, true, false, true, false]);
    expect(paretoFront([])).toEqual([]);
  });

  it('agrees with the definition on random sets of 1 to 4 coordinates', () => {
    const rnd = random(7);
    for (let trial = 0; trial < 200; trial++) {
      const k = integer(rnd, 1, 4);
      const vectors = Array.from({ length: integer(rnd, 1, 60) }, () => Array.from({ length: k }, () => integer(rnd, 0, 9)));
      expect(paretoFront(vectors)).toEqual(bruteForce(vectors));
    }
  });
});
