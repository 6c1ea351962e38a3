// The part of jsfive 0.4.2 (a pure JavaScript HDF5 reader, no types of its own) that io/hdf5 uses.
// Members with a leading underscore are jsfive's own internals, pinned with the exact version.
declare module 'jsfive' {
  /** One message of an object header, as jsfive's parser records it. */
  type HeaderMessage = Map<'type' | 'size' | 'flags' | 'offset_to_message', number>;

  /** The parsed object header of a group or dataset. */
  class DataObjects {
    constructor(fh: ArrayBuffer, offset: number);
    readonly msgs: HeaderMessage[];
    readonly is_dataset: boolean;
    /** numpy-like: `<f4`, `>i2`, `S12`; an array for variable-length and reference types. */
    readonly dtype: string | unknown[];
    /** Filters of a chunked dataset, null without. */
    readonly filter_pipeline: Map<string, unknown>[] | null;
    readonly chunks: number[] | null;
    get_attributes(): Record<string, unknown>;
  }

  class Group {
    constructor(name: string, dataobjects: DataObjects, parent?: Group | null);
    readonly name: string;
    readonly file: File;
    readonly keys: string[];
    /** Link name → object header address, or the path of a soft link. */
    readonly _links: Record<string, number | string>;
    readonly _dataobjects: DataObjects;
    readonly attrs: Record<string, unknown>;
  }

  class File extends Group {
    constructor(fh: ArrayBuffer, filename?: string);
  }

  class Dataset {
    constructor(name: string, dataobjects: DataObjects, parent: Group);
    readonly _dataobjects: DataObjects;
    /** Every value, decoded one by one into a plain array (unwritten chunks are holes). */
    readonly value: ArrayLike<number | undefined>;
  }

  /** Filter id → (data, item size, client data) → data: HDF5 filters applied when chunks are read. */
  const Filters: Map<number, (data: ArrayBuffer, itemSize: number, clientData: number[]) => ArrayBuffer>;
}
