/**
 * A budget of bytes that the HDF5 reader may touch while it parses a file's structure.
 *
 * jsfive has no limits of its own: a few kilobytes of crafted B-tree nodes that point at one
 * another, or thousands of references to one large heap object, make it read (and allocate) far
 * more than the file holds. Every structure it reads goes through a handful of primitives — DataView
 * getters, ArrayBuffer slices, TextDecoder, a byte search in local heaps — so, instead of patching
 * the library, {@link metered} counts the bytes those primitives touch while the reader runs
 * (synchronously: no other code runs meanwhile) and stops it once the budget is spent. Work and
 * memory then stay proportional to the budget, whatever the file says.
 */
export class Meter {
  private used = 0;
  /** Set once the budget was exceeded: the reader may have caught the error and carried on. */
  exceeded = false;

  constructor(private limit: number) {}

  /** Adds `bytes` to the budget (for values already checked against the file, e.g. a kernel). */
  extend(bytes: number): void {
    this.limit += bytes;
  }

  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) {
      this.exceeded = true;
      throw new MeterExceeded();
    }
  }
}

/** Thrown by a metered primitive once the budget is spent. */
export class MeterExceeded extends Error {
  constructor() {
    super('the reader touched more bytes than its budget allows');
  }
}

type Method = (this: unknown, ...args: never[]) => unknown;

/** DataView getters and the bytes each reads. */
const GETTERS: Record<string, number> = {
  getInt8: 1, getUint8: 1, getInt16: 2, getUint16: 2, getInt32: 4, getUint32: 4,
  getFloat32: 4, getFloat64: 8, getBigInt64: 8, getBigUint64: 8,
};

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as { indexOf: (this: Uint8Array, value: number, from?: number) => number };

/**
 * Runs `run` with every DataView read, ArrayBuffer slice, TextDecoder decode and typed-array
 * `indexOf` charged to `meter`, and puts the primitives back afterwards. Throws
 * {@link MeterExceeded} when the budget was exceeded, also where `run` caught it.
 */
export function metered<T>(meter: Meter, run: () => T): T {
  const restore: (() => void)[] = [];
  const replace = <O extends object>(target: O, name: string, wrap: (original: Method) => Method) => {
    const original = (target as Record<string, Method>)[name]!;
    (target as Record<string, Method>)[name] = wrap(original);
    restore.push(() => ((target as Record<string, Method>)[name] = original));
  };
  for (const [name, bytes] of Object.entries(GETTERS)) {
    replace(DataView.prototype, name, (original) => function (this: unknown, ...args) {
      meter.charge(bytes);
      return original.apply(this, args);
    });
  }
  replace(ArrayBuffer.prototype, 'slice', (original) => function (this: unknown, ...args) {
    const slice = original.apply(this, args) as ArrayBuffer;
    meter.charge(slice.byteLength);
    return slice;
  });
  replace(TextDecoder.prototype, 'decode', (original) => function (this: unknown, ...args) {
    const input = (args as unknown[])[0] as ArrayBufferLike | ArrayBufferView | undefined;
    meter.charge(input?.byteLength ?? 0);
    return original.apply(this, args);
  });
  replace(typedArrayPrototype, 'indexOf', (original) => function (this: unknown, ...args) {
    const found = original.apply(this, args) as number;
    const from = Number((args as unknown[])[1] ?? 0);
    meter.charge((found < 0 ? (this as Uint8Array).length : found) - from);
    return found;
  });
  try {
    const result = run();
    if (meter.exceeded) throw new MeterExceeded();
    return result;
  } finally {
    for (const undo of restore) undo();
  }
}
