/** Markup that is already safe to insert: produced by {@link html} or {@link raw}. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text with the five characters that mean something in HTML escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Inserts trusted markup as is (inlined scripts and styles, markup built elsewhere). */
export function raw(text: string): Markup {
  return new Markup(text);
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template tag for HTML: every interpolated value is escaped unless it is {@link Markup}; arrays
 * are joined and `null`/`undefined`/`false` leave nothing, so lists and optional parts read naturally.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new Markup(out);
}

/**
 * A `<script type="application/json">` holding `data`: `<` is written as `\u003c`, so no string in
 * the data can close the script element.
 */
export function jsonScript(data: unknown, attributes: Record<string, string> = {}): Markup {
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  return raw(`<script type="application/json"${attrs}>${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

/** JavaScript inlined in a `<script>`: a `</script` inside it (in a string or comment) would end the element early. */
export function inlineScript(code: string): Markup {
  return raw(`<script>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`);
}
