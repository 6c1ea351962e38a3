/**
 * Marks the non-dominated vectors, every coordinate minimized: a vector is dominated when another
 * is no larger in every coordinate and smaller in one. Equal vectors do not dominate each other,
 * so duplicates on the front are all marked.
 *
 * The front is found among the distinct vectors (sweeps repeat figures a lot: a setting the
 * objectives do not see gives the same vector again), visited in lexicographic order: a vector can
 * then only be dominated by one visited before it, and (by transitivity) by one already on the
 * front, so each is compared with the front only: O(n log n + u·f·k) for u distinct vectors of k
 * coordinates and a front of f.
 */
export function paretoFront(vectors: readonly (readonly number[])[]): boolean[] {
  const distinct = new Map<string, number>();
  const representative = vectors.map((v, i) => {
    const key = v.join(',');
    const found = distinct.get(key);
    if (found !== undefined) return found;
    distinct.set(key, i);
    return i;
  });
  const order = [...distinct.values()].sort((a, b) => {
    const va = vectors[a]!;
    const vb = vectors[b]!;
    for (let k = 0; k < va.length; k++) if (va[k] !== vb[k]) return va[k]! - vb[k]!;
    return 0;
  });
  const front: number[] = [];
  for (const i of order) if (!front.some((j) => dominates(vectors[j]!, vectors[i]!))) front.push(i);
  const onFront = new Set(front);
  return representative.map((r) => onFront.has(r));
}

function dominates(a: readonly number[], b: readonly number[]): boolean {
  let strictly = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! > b[k]!) return false;
    if (a[k]! < b[k]!) strictly = true;
  }
  return strictly;
}
