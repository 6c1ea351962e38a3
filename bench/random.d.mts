export function random(seed: number): () => number;
export function integer(rnd: () => number, lo: number, hi: number): number;
