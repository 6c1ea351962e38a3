import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpz } from '@hwcost/plan';

describe('encodeNpz', () => {
  it('writes one .npy per key with a numpy v1.0 header and 64-byte aligned data', () => {
    const zip = encodeNpz(new Map([['fc1', { shape: [2, 3], data: Float32Array.from([1, 0, 1, 1, 0, 1]) }]]));
    const files = unzipSync(zip);
    const npy = files['fc1.npy']!;
    expect([...npy.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = npy[8]! | (npy[9]! << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(npy.subarray(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    const data = new Float32Array(npy.slice(10 + headerLength).buffer);
    expect([...data]).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('writes a one-byte-per-weight mask as float32 0/1', () => {
    const npy = unzipSync(encodeNpz(new Map([['m', { shape: [4], data: Uint8Array.from([0, 1, 1, 0]) }]])))['m.npy']!;
    const headerLength = npy[8]! | (npy[9]! << 8);
    expect(new TextDecoder().decode(npy.subarray(10, 10 + headerLength))).toMatch(/'shape': \(4,\)/);
    expect([...new Float32Array(npy.slice(10 + headerLength).buffer)]).toEqual([0, 1, 1, 0]);
  });
});
