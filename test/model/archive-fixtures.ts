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
