import { describe, expect, it } from 'vitest';
import { importKerasArchive, readKerasArchiveConfig } from '@hwcost/model';
import { bomb, kerasArchive } from './archive-fixtures.js';
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
    // The declared 100 bytes pass the first check; the cap on what is actually inflated catches it.
    expect(() => readKerasArchiveConfig(bomb(8 * 1024 * 1024, 100), 'bomb.keras', { maxConfigBytes: 1024 * 1024 })).toThrow(
      'bomb.keras: config.json inflates to more than 1 MiB; refusing it (a zip bomb?)',
    );
  });

  it('rejects data that is not a zip archive, and a malformed config.json with its position', () => {
    expect(() => readKerasArchiveConfig(new TextEncoder().encode('PK\u0003\u0004 not really a zip'), 'fake.keras')).toThrow(
      'fake.keras: the archive holds no config.json, so it is not a Keras 3 .keras model',
    );
    expect(() => importKerasArchive(kerasArchive({ 'config.json': '{\n  "class_name": }' }), 'bad.keras')).toThrow(
      'bad.keras: config.json: invalid JSON at line 2, column 17: expected a value, found "}"',
    );
  });
});
