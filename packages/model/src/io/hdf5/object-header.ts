import { ascii, u16, u32, u64, u8, uint } from './bytes.js';

/** Object header message types that the checks look into. */
export const MESSAGE = { dataspace: 0x1, datatype: 0x3, layout: 0x8, filters: 0xb, attributeInfo: 0x15, continuation: 0x10 } as const;

/** A header block: where its messages start and how many bytes they may take. */
interface Block {
  start: number;
  size: number;
}

/**
 * What continuation blocks may still take: all blocks together no more than the file; and, for
 * version 2 headers, the block starts seen (the reader visits each start once; it follows every
 * continuation of a version 1 header, whose message count bounds the walk instead).
 */
interface Budget {
  left: number;
  starts: Set<number> | undefined;
}

/**
 * The address of the root group's object header, from the superblock at offset 0 (version 0: in
 * the root symbol table entry; versions 2 and 3: a field of its own), or a problem.
 */
export function rootObjectAddress(bytes: Uint8Array): number | string {
  const version = u8(bytes, 8);
  if (version === 0) return bytes.length < 72 ? 'the superblock is cut short' : u64(bytes, 64);
  if (version === 2 || version === 3) return bytes.length < 48 ? 'the superblock is cut short' : u64(bytes, 36);
  return `superblock version ${version} is not supported`;
}

/**
 * Why the object header at `address` cannot be read as the reader will read it, or undefined.
 * Messages are walked block by block as jsfive walks them, and each must lie inside its block
 * (in version 1 headers, in sizes that keep them 8-byte aligned, as HDF5 requires); continuation
 * blocks must lie in the file and, together, hold no more bytes than the file. The reader then
 * visits each header byte a bounded number of times, however the header is damaged.
 */
export function objectHeaderProblem(bytes: Uint8Array, address: number): string | undefined {
  if (!(address >= 0 && address + 16 <= bytes.length)) return 'object header outside the file';
  if (u8(bytes, address) === 1) return version1Problem(bytes, address);
  if (ascii(bytes, address, 4) === 'OHDR') return version2Problem(bytes, address);
  return 'no object header at the address (bad signature)';
}

function version1Problem(bytes: Uint8Array, address: number): string | undefined {
  const count = u16(bytes, address + 2);
  const blocks: Block[] = [{ start: address + 16, size: u32(bytes, address + 8) }];
  const budget: Budget = { left: bytes.length, starts: undefined };
  if (blocks[0]!.start + blocks[0]!.size > bytes.length) return 'object header runs past the end of the file';
  let block = 0;
  let local = 0;
  for (let i = 0; i < count; i++) {
    if (local >= blocks[block]!.size) {
      if (++block >= blocks.length) return 'object header holds fewer messages than it declares';
      local = 0;
    }
    const { start, size } = blocks[block]!;
    const at = start + local;
    const length = u16(bytes, at + 2);
    if (length % 8 !== 0) return 'message not aligned';
    if (local + 8 + length > size) return 'message runs past the end of its header block';
    if (u16(bytes, at) === MESSAGE.continuation) {
      const problem = addContinuation(bytes, blocks, at + 8, length, 0, budget);
      if (problem) return problem;
    }
    local += 8 + length;
  }
  return undefined;
}

function version2Problem(bytes: Uint8Array, address: number): string | undefined {
  const version = u8(bytes, address + 4);
  if (version !== 2) return `object header version ${version} is not supported`;
  const flags = u8(bytes, address + 5);
  // jsfive reads neither the attribute storage phase change values nor a header that has them.
  if (flags & 0x10) return 'object header with attribute storage phase change values (not supported)';
  let at = address + 6 + (flags & 0x20 ? 16 : 0);
  const sizeBytes = 1 << (flags & 3);
  const first: Block = { start: at + sizeBytes, size: uint(bytes, at, sizeBytes) };
  // Chunk 0 is followed by its checksum.
  if (first.start + first.size + 4 > bytes.length) return 'object header runs past the end of the file';
  const creationOrder = flags & 0x04 ? 2 : 0;
  const blocks: Block[] = [first];
  const budget: Budget = { left: bytes.length - first.size, starts: new Set([first.start]) };
  for (let block = 0; block < blocks.length; block++) {
    const { start, size } = blocks[block]!;
    // jsfive stops a block when fewer bytes than a message prefix remain.
    for (let local = 0; local < size - 4; ) {
      at = start + local;
      const length = u16(bytes, at + 1);
      const end = local + 4 + creationOrder + length;
      if (end > size) return 'message runs past the end of its header block';
      if (u8(bytes, at) === MESSAGE.continuation) {
        const problem = addContinuation(bytes, blocks, at + 4 + creationOrder, length, 4, budget);
        if (problem) return problem;
      }
      local = end;
    }
  }
  return undefined;
}

/**
 * Records the block a continuation message points at. Version 2 blocks start with the signature
 * `OCHK` (`signature` = 4 bytes, skipped by the reader) and end with a checksum.
 */
function addContinuation(bytes: Uint8Array, blocks: Block[], at: number, length: number, signature: number, budget: Budget): string | undefined {
  if (length < 16) return 'continuation message too short';
  const target = u64(bytes, at);
  const size = u64(bytes, at + 8);
  if (!(target + size <= bytes.length) || size < signature) return 'continuation block outside the file';
  if (signature > 0 && ascii(bytes, target, 4) !== 'OCHK') return 'continuation block without its signature';
  // A damaged header could point many continuations at overlapping ranges, each walked in full:
  // all blocks together may not exceed the file.
  if (budget.starts?.has(target + signature)) return undefined;
  budget.starts?.add(target + signature);
  budget.left -= size;
  if (budget.left < 0) return 'continuation blocks larger than the file';
  blocks.push({ start: target + signature, size: size - signature });
  return undefined;
}
