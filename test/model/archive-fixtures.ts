import { strToU8, zipSync, type Zippable } from 'fflate';

/** A `.keras` archive (a zip) holding the given members; strings are stored as UTF-8. */
export function kerasArchive(members: Record<string, string | Uint8Array>, level: 0 | 9 = 9): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(members)) files[name] = [typeof content === 'string' ? strToU8(content) : content, { level }];
  return zipSync(files);
}

/** Overwrites the uncompressed size an archive of one member declares (in its local header and central directory). */
export function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const directory = view.getUint32(zip.length - 22 + 16, true);
  view.setUint32(22, size, true);
  view.setUint32(directory + 24, size, true);
  return zip;
}

/** A config.json of `size` bytes that inflates from almost nothing: a zip bomb when the declared size lies. */
export function bomb(size: number, declared = size): Uint8Array {
  const config = new Uint8Array(size).fill(0x20);
  return lieAboutSize(kerasArchive({ 'config.json': config }), declared);
}

/** Offsets of every local header and central directory entry of an archive fflate wrote (no comments, no zip64). */
function headers(zip: Uint8Array): { local: number[]; central: number[] } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const central: number[] = [];
  for (let at = view.getUint32(end + 16, true); at < end; at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)) {
    central.push(at);
  }
  return { local: central.map((at) => view.getUint32(at + 42, true)), central };
}

/** Sets a 16-bit field of every member in both its local header and its central directory entry. */
export function patchMembers(zip: Uint8Array, field: 'flags' | 'method', value: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { local, central } = headers(zip);
  const [localAt, centralAt] = field === 'flags' ? [6, 8] : [8, 10];
  for (const at of local) view.setUint16(at + localAt, value, true);
  for (const at of central) view.setUint16(at + centralAt, value, true);
  return zip;
}

/** Renames a member in place (same length) in its local header and central directory entry, e.g. to duplicate another's name. */
export function renameMember(zip: Uint8Array, from: string, to: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { local, central } = headers(zip);
  const [oldName, newName] = [strToU8(from), strToU8(to)];
  local.forEach((at, i) => {
    for (const [start, length] of [[at + 30, view.getUint16(at + 26, true)], [central[i]! + 46, view.getUint16(central[i]! + 28, true)]] as const) {
      if (length === oldName.length && oldName.every((b, j) => zip[start + j] === b)) zip.set(newName, start);
    }
  });
  return zip;
}

/** Replaces the first occurrence of `from` in the archive's bytes (a stored member's content) with `to`, of the same length. */
export function replaceBytes(zip: Uint8Array, from: string, to: string): Uint8Array {
  const text = new TextDecoder('latin1').decode(zip);
  const at = text.indexOf(from);
  if (at < 0 || from.length !== to.length) throw new Error(`cannot replace ${from}`);
  zip.set(strToU8(to), at);
  return zip;
}
