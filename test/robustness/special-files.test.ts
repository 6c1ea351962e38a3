import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileBytes } from '@hwcost/model';
import { oneLineError, runHwcost } from '../support/cli.js';

const model = '../shared/conformance/models/KERAS_3layer.json';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = path.join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);

describe('reading special files', () => {
  it('refuses devices and pipes without reading or blocking', async () => {
    await expect(readFileBytes('/dev/zero', 'model', 1024)).rejects.toThrow('cannot read model /dev/zero: it is a device, not a regular file');
    // Nobody ever writes to the FIFO: a blocking open would hang the test.
    await expect(readFileBytes(fifo, 'config', 1024)).rejects.toThrow(`cannot read config ${fifo}: it is a pipe (FIFO), not a regular file`);
    await expect(readFileBytes(dir, 'config', 1024)).rejects.toThrow(`cannot read config ${dir}: it is a directory`);
  });

  it('limits the bytes actually read, not the size stat reports', async () => {
    // /proc files report size 0 and still have content.
    const status = await readFileBytes('/proc/self/status', 'model', 1024 * 1024);
    expect(new TextDecoder().decode(status)).toContain('Name:');
    await expect(readFileBytes('/proc/self/status', 'model', 16)).rejects.toThrow('model /proc/self/status is larger than the 16 bytes hwcost reads');
    const exact = path.join(dir, 'exact.bin');
    writeFileSync(exact, new Uint8Array(100_000).fill(1));
    expect(await readFileBytes(exact, 'weights', 100_000)).toHaveLength(100_000);
    await expect(readFileBytes(exact, 'weights', 99_999)).rejects.toThrow(`weights ${exact} is larger than the 99999 bytes hwcost reads`);
  });

  it('gives one line and exit 2 for a device or pipe as model, --config or --weights', () => {
    const cases: [string[], string][] = [
      [['estimate', '/dev/zero'], 'hwcost: cannot read model /dev/zero: it is a device, not a regular file'],
      [['estimate', model, '--config', '/dev/zero'], 'hwcost: cannot read config /dev/zero: it is a device, not a regular file'],
      [['estimate', model, '--config', fifo], `hwcost: cannot read config ${fifo}: it is a pipe (FIFO), not a regular file`],
      [['plan', model, '--weights', '/dev/urandom', '--objective', 'parameter', '--sparsity', '0.5'], 'hwcost: cannot read weights /dev/urandom: it is a device, not a regular file'],
      [['plan', model, '--weights', fifo, '--objective', 'parameter', '--sparsity', '0.5'], `hwcost: cannot read weights ${fifo}: it is a pipe (FIFO), not a regular file`],
    ];
    for (const [args, message] of cases) {
      const result = runHwcost(args);
      expect(result.status).toBe(2);
      expect(oneLineError(result)).toBe(message);
    }
  });
});
