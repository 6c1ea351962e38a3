import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

/** An array of an .npz: its shape and float32 values (hwcost writes masks as little-endian float32). */
export interface NpzArray {
  shape: number[];
  data: Float32Array;
}

/** Reads every array of an .npz written by hwcost (numpy format 1.0, `<f4`, C order). */
export function readNpz(file: string): Record<string, NpzArray> {
  const arrays: Record<string, NpzArray> = {};
  for (const [member, npy] of Object.entries(unzipSync(readFileSync(file)))) {
    const headerLength = npy[8]! | (npy[9]! << 8);
    const header = new TextDecoder().decode(npy.subarray(10, 10 + headerLength));
    if (!header.includes("'descr': '<f4'")) throw new Error(`${member}: not float32`);
    const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(',').filter((s) => s.trim() !== '').map(Number);
    arrays[member.replace(/\.npy$/, '')] = { shape, data: new Float32Array(npy.slice(10 + headerLength).buffer) };
  }
  return arrays;
}
