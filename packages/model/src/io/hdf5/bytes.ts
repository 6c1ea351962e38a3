/**
 * Little-endian reads from a file's bytes, by plain indexing: the structure checks use them so that
 * they work (and cost nothing) outside the reader's metered primitives. Reads past the end give 0
 * for the missing bytes; callers check bounds first.
 */
export function u8(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

export function u16(bytes: Uint8Array, at: number): number {
  return u8(bytes, at) | (u8(bytes, at + 1) << 8);
}

export function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;
}

/** A 64-bit address or length; `Infinity` when it does not fit a safe integer (no file is that large). */
export function u64(bytes: Uint8Array, at: number): number {
  const high = u32(bytes, at + 4);
  return high >= 0x200000 ? Infinity : high * 0x1_0000_0000 + u32(bytes, at);
}

/** An unsigned integer of 1, 2, 4 or 8 bytes. */
export function uint(bytes: Uint8Array, at: number, size: number): number {
  return size === 1 ? u8(bytes, at) : size === 2 ? u16(bytes, at) : size === 4 ? u32(bytes, at) : u64(bytes, at);
}

/** HDF5's "undefined address": all bits set. */
export function isUndefinedAddress(bytes: Uint8Array, at: number): boolean {
  return u32(bytes, at) === 0xffffffff && u32(bytes, at + 4) === 0xffffffff;
}

export function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
