import { HwcostError, errorMessage } from '@hwcost/core';
import { formatBytes } from './read.js';
import { zlib } from './zlib.js';

/**
 * Zip archives are read as Python's `zipfile` (which Keras uses) reads them: through the central
 * directory at the end, never by scanning local headers, so hwcost sees the members Keras sees.
 * Where `zipfile` would quietly take the last of two members of one name, hwcost refuses the archive;
 * where it raises `BadZipFile` (bad CRC, names that differ between directory and header, truncated
 * data), so does hwcost. No zip library does all of these checks, so the directory is read here and
 * only the inflating (and the CRC) is left to node:zlib.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const END_SIZE = 22;
/** Members this small are never refused for their compression ratio alone. */
const RATIO_FLOOR = 64 * 1024 * 1024;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT = 0xffff;

const STORED = 0;
const DEFLATED = 8;
const METHOD_NAMES: Record<number, string> = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 98: 'ppmd', 99: 'AES encryption' };
const FLAG_ENCRYPTED = 0x1;
const FLAG_STRONG_ENCRYPTION = 0x40;
const FLAG_UTF8 = 0x800;

/** One member as the central directory describes it. */
interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the member's local header starts in the archive bytes. */
  localOffset: number;
}

/** True when the bytes start like a zip archive (a local file header). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

class ZipReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(reason: string): never {
    throw new HwcostError(`${this.source}: not a valid zip archive (${reason})`);
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  u64(at: number): number {
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('a zip64 size or offset is out of range');
    return Number(value);
  }

  /** Fails unless `length` bytes from `at` lie inside the archive. */
  within(at: number, length: number, what: string): void {
    if (at < 0 || length < 0 || at + length > this.bytes.length) this.fail(`${what} lies past the end of the file (truncated?)`);
  }

  /** The members by name, read from the central directory; duplicate names are refused. */
  entries(): Map<string, ZipEntry> {
    const end = this.findEnd();
    let count = this.u16(end + 10);
    let directorySize = this.u32(end + 12);
    let directoryOffset = this.u32(end + 16);
    if (this.u16(end + 4) !== 0 || this.u16(end + 6) !== 0 || this.u16(end + 8) !== count) this.fail('archives split over several disks are not supported');
    let directoryEnd = end;
    const locator = end - 20;
    if (locator >= 0 && this.u32(locator) === ZIP64_LOCATOR) {
      const zip64End = this.u64(locator + 8);
      this.within(zip64End, 56, 'the zip64 end of central directory');
      if (this.u32(zip64End) !== ZIP64_END) this.fail('the zip64 end of central directory is missing');
      count = this.u64(zip64End + 32);
      directorySize = this.u64(zip64End + 40);
      directoryOffset = this.u64(zip64End + 48);
      directoryEnd = zip64End;
    }
    // As in zipfile, bytes prepended to the archive (a self-extracting stub) shift every offset.
    const directoryStart = directoryEnd - directorySize;
    const shift = directoryStart - directoryOffset;
    if (directoryStart < 0 || shift < 0) this.fail('the central directory lies outside the file');
    const entries = new Map<string, ZipEntry>();
    let at = directoryStart;
    for (let i = 0; i < count; i++) {
      this.within(at, 46, 'the central directory');
      if (this.u32(at) !== CENTRAL_HEADER) this.fail('bad central directory entry');
      const entry = this.centralEntry(at, shift);
      if (entries.has(entry.name)) {
        throw new HwcostError(`${this.source}: the archive holds two members named ${entry.name} (Keras would read the last one); refusing it`);
      }
      entries.set(entry.name, entry);
      at += 46 + this.u16(at + 28) + this.u16(at + 30) + this.u16(at + 32);
    }
    if (at > directoryEnd) this.fail('the central directory overruns its declared size');
    return entries;
  }

  private findEnd(): number {
    const last = this.bytes.length - END_SIZE;
    for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
      if (this.u32(at) === END_OF_DIRECTORY) return at;
    }
    return this.fail('no end of central directory record; the file is truncated or not a zip');
  }

  private centralEntry(at: number, shift: number): ZipEntry {
    const flags = this.u16(at + 8);
    const nameLength = this.u16(at + 28);
    const extraLength = this.u16(at + 30);
    this.within(at + 46, nameLength + extraLength, 'a central directory entry');
    const name = decodeName(this.bytes.subarray(at + 46, at + 46 + nameLength), flags);
    let size = this.u32(at + 24);
    let compressedSize = this.u32(at + 20);
    let localOffset = this.u32(at + 42);
    // Zip64: fields that overflow 32 bits are 0xFFFFFFFF, with the real values in extra field 0x0001.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const extra = this.zip64Extra(at + 46 + nameLength, extraLength);
      if (extra === undefined) this.fail(`member ${name} lacks its zip64 sizes`);
      let field = extra;
      const next = (): number => {
        this.within(field, 8, `the zip64 sizes of ${name}`);
        const value = this.u64(field);
        field += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
    }
    return { name, flags, method: this.u16(at + 10), crc: this.u32(at + 16), compressedSize, size, localOffset: localOffset + shift };
  }

  /** Where the data of the zip64 extra field starts, if the entry has one. */
  private zip64Extra(start: number, length: number): number | undefined {
    for (let at = start; at + 4 <= start + length; at += 4 + this.u16(at + 2)) {
      if (this.u16(at) === 0x0001) return at + 4;
    }
    return undefined;
  }

  /** The member's bytes, refused when encrypted, of an unknown method, larger than `limit` or corrupt. */
  read(entry: ZipEntry, maxBytes: number, maxRatio: number): Uint8Array {
    const byRatio = Number.isFinite(maxRatio) ? Math.max(RATIO_FLOOR, maxRatio * entry.compressedSize) : maxBytes;
    const limit = Math.min(maxBytes, byRatio);
    const { name } = entry;
    const corrupt = (reason: string): never => {
      throw new HwcostError(`${this.source}: ${name} is corrupt (${reason})`);
    };
    if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw new HwcostError(`${this.source}: ${name} is encrypted; hwcost reads unencrypted archives only`);
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      const method = METHOD_NAMES[entry.method] ?? `method ${entry.method}`;
      throw new HwcostError(`${this.source}: ${name} is compressed with ${method}; hwcost reads stored or deflated members only`);
    }
    if (entry.size > limit) throw new HwcostError(`${this.source}: ${name} inflates to more than ${formatBytes(limit)}; refusing it (a zip bomb?)`);
    const header = entry.localOffset;
    this.within(header, 30, `the local header of ${name}`);
    if (this.u32(header) !== LOCAL_HEADER) corrupt('no local header where the central directory points');
    const nameLength = this.u16(header + 26);
    this.within(header + 30, nameLength, `the local header of ${name}`);
    // zipfile refuses a member whose local name differs from the directory's, each decoded by its own flags.
    if (decodeName(this.bytes.subarray(header + 30, header + 30 + nameLength), this.u16(header + 6)) !== name) {
      corrupt('its name in the local header differs from the central directory');
    }
    const start = header + 30 + nameLength + this.u16(header + 28);
    this.within(start, entry.compressedSize, `the data of ${name}`);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    let content: Uint8Array;
    if (entry.method === STORED) {
      if (entry.compressedSize !== entry.size) corrupt('a stored member whose sizes differ');
      content = data;
    } else {
      try {
        // The output is capped at the declared size, so a member lying about its size cannot bomb.
        content = zlib().inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') {
          throw new HwcostError(`${this.source}: ${name} inflates past its declared ${formatBytes(entry.size)}; refusing it (corrupt, or a zip bomb)`);
        }
        return corrupt(errorMessage(error));
      }
      if (content.length !== entry.size) corrupt(`it inflates to ${formatBytes(content.length)}, not its declared ${formatBytes(entry.size)}`);
    }
    if (zlib().crc32(content) !== entry.crc) corrupt('bad CRC-32; the archive is damaged');
    return content;
  }
}

/** Names without the UTF-8 flag are CP437 in zipfile; latin1 keeps every such name distinct just the same. */
function decodeName(bytes: Uint8Array, flags: number): string {
  return new TextDecoder(flags & FLAG_UTF8 ? 'utf-8' : 'latin1').decode(bytes);
}

/**
 * Reads one member of a zip archive in memory. The archive's central directory is checked first
 * (duplicate names are refused); the member is refused when encrypted, compressed with anything but
 * deflate, failing its CRC, or larger than `limit` (declared or actually inflated) or, past 64 MiB,
 * than `maxRatio` times its compressed size. Returns undefined when there is no such member;
 * `source` names the archive in errors.
 */
export function readZipMember(bytes: Uint8Array, name: string, source: string, limit: number, maxRatio = Number.POSITIVE_INFINITY): Uint8Array | undefined {
  const reader = new ZipReader(bytes, source);
  const entry = reader.entries().get(name);
  return entry && reader.read(entry, limit, maxRatio);
}
