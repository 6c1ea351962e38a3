/** Quoted values are cut to this many characters, so that an error stays one readable line. */
const MAX_QUOTE = 80;
/** Marks non-finite numbers and bigints through JSON.stringify, which would write them as null or throw. */
const MARK = '\u0000';
const MARKED = /"\\u0000([^"]*)\\u0000"/g;

/**
 * A value as it goes into a message: JSON for data (`"io_serial"`, `[16, 64]`), NaN, Infinity and
 * bigints as such (never `null`), cut to about 80 characters however large the value is (a 2 MB
 * string from a file must not become a 2 MB error line). Never throws.
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text =
      JSON.stringify(value, (_key, v: unknown) => ((typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'bigint' ? `${MARK}${String(v)}${MARK}` : v))?.replace(
        MARKED,
        '$1',
      ) ?? String(value);
  } catch {
    // A cycle, or a toJSON that throws: the type is all that can safely be said.
    text = `[${typeof value}]`;
  }
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 3)}...` : text;
}
