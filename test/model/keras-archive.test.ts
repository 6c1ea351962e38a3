import { describe, expect, it } from 'vitest';
import { importKerasArchive, readKerasArchiveConfig } from '@hwcost/model';
import { bomb, kerasArchive, patchMembers, renameMember, replaceBytes } from './archive-fixtures.js';
import { functional3, node3 } from './fixtures.js';

const config = JSON.stringify(
  functional3([node3('InputLayer', 'x', { batch_shape: [null, 16] }, []), node3('Dense', 'fc1', { units: 8 }, ['x']), node3('Dense', 'out', { units: 2 }, ['fc1'])], 'tiny'),
);
const members = { 'metadata.json': '{"keras_version": "3.6.0"}', 'config.json': config, 'model.weights.h5': new Uint8Array(4096).fill(7) };

describe('Keras 3 .keras archives', () => {
  it('imports config.json from a deflated archive, in memory', () => {
    const model = importKerasArchive(kerasArchive(members), 'tiny.keras');
    expect(model).toMatchObject({ name: 'tiny', source: 'tiny.keras' });
    expect(model.layers.map((l) => [l.attributes.name, l.attributes.weightShape])).toEqual([
      ['x', []],
      ['fc1', [16, 8]],
      ['out', [8, 2]],
    ]);
  });

  it('imports config.json from a stored (uncompressed) archive', () => {
    expect(readKerasArchiveConfig(kerasArchive(members, 0), 'tiny.keras')).toBe(config);
  });

  it('rejects an archive without config.json', () => {
    expect(() => readKerasArchiveConfig(kerasArchive({ 'metadata.json': '{}' }), 'weights.keras')).toThrow(
      'weights.keras: the archive holds no config.json, so it is not a Keras 3 .keras model',
    );
  });

  it('rejects a config.json that declares more than the limit', () => {
    expect(() => readKerasArchiveConfig(bomb(2048), 'big.keras', { maxConfigBytes: 1024 })).toThrow(
      'big.keras: config.json inflates to more than 1024 bytes; refusing it (a zip bomb?)',
    );
  });

  it('stops inflating a zip bomb that declares a small size', () => {
    // The declared 100 bytes pass the first check; inflating stops once the output passes them.
    expect(() => readKerasArchiveConfig(bomb(8 * 1024 * 1024, 100), 'bomb.keras', { maxConfigBytes: 1024 * 1024 })).toThrow(
      'bomb.keras: config.json inflates past its declared 100 bytes; refusing it (corrupt, or a zip bomb)',
    );
  });

  it('rejects data that is not a zip archive, and a malformed config.json with its position', () => {
    expect(() => readKerasArchiveConfig(new TextEncoder().encode('PK\u0003\u0004 not really a zip'), 'fake.keras')).toThrow(
      'fake.keras: not a valid zip archive (no end of central directory record; the file is truncated or not a zip)',
    );
    expect(() => importKerasArchive(kerasArchive({ 'config.json': '{\n  "class_name": }' }), 'bad.keras')).toThrow(
      'bad.keras: config.json: invalid JSON at line 2, column 17: expected a value, found "}"',
    );
  });

  it('refuses a member whose CRC does not match, as Python\'s zipfile does', () => {
    // One changed digit in a stored config.json would otherwise change the model (units 8 -> 9).
    const archive = replaceBytes(kerasArchive(members, 0), '"units":8', '"units":9');
    expect(() => importKerasArchive(archive, 'flipped.keras')).toThrow('flipped.keras: config.json is corrupt (bad CRC-32; the archive is damaged)');
  });

  it('refuses an archive without its central directory', () => {
    const archive = kerasArchive(members);
    expect(() => importKerasArchive(archive.subarray(0, archive.length - 22), 'cut.keras')).toThrow(
      'cut.keras: not a valid zip archive (no end of central directory record; the file is truncated or not a zip)',
    );
    expect(() => importKerasArchive(archive.subarray(0, archive.length - 60), 'cut.keras')).toThrow('cut.keras: not a valid zip archive');
  });

  it('refuses encrypted members and compression methods it cannot read, in one clear line', () => {
    expect(() => importKerasArchive(patchMembers(kerasArchive(members), 'flags', 1), 'secret.keras')).toThrow(
      'secret.keras: config.json is encrypted; hwcost reads unencrypted archives only',
    );
    expect(() => importKerasArchive(patchMembers(kerasArchive(members), 'method', 12), 'bz.keras')).toThrow(
      'bz.keras: config.json is compressed with bzip2; hwcost reads stored or deflated members only',
    );
    expect(() => importKerasArchive(patchMembers(kerasArchive(members), 'method', 77), 'odd.keras')).toThrow(
      'odd.keras: config.json is compressed with method 77; hwcost reads stored or deflated members only',
    );
  });

  it('refuses two members of one name (hwcost would read one, Keras the other)', () => {
    const archive = renameMember(kerasArchive({ ...members, 'config.jsox': '{}' }), 'config.jsox', 'config.json');
    expect(() => importKerasArchive(archive, 'twice.keras')).toThrow('twice.keras: the archive holds two members named config.json (Keras would read the last one); refusing it');
  });

  it('refuses a member whose local header names another file', () => {
    const archive = kerasArchive({ 'config.json': config });
    // Only the local header is renamed: the central directory still says config.json.
    const local = replaceBytes(archive, 'config.json', 'config.jsox');
    expect(() => importKerasArchive(local, 'renamed.keras')).toThrow('renamed.keras: config.json is corrupt (its name in the local header differs from the central directory)');
  });
});
