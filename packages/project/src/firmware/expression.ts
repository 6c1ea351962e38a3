/**
 * Evaluates the constant integer expressions hls4ml writes into `parameters.h`: literals, names of
 * other members or macros, `+ - * / %`, parentheses and the `DIV_ROUNDUP`, `MIN`, `MAX` macros
 * (e.g. `DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor`). Division is C's integer
 * division. Anything else (a template, a cast, an unknown name) is undefined rather than a guess.
 */
export function evaluate(expression: string, lookup: (name: string) => string | number | undefined, depth = 0): number | undefined {
  if (depth > 32) return undefined;
  const tokens = expression.match(/\d+[uUlL]*|[A-Za-z_][\w:]*|[-+*/%(),]/g);
  if (!tokens || tokens.join('').length !== expression.replace(/\s+/g, '').length) return undefined;
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  const primary = (): number | undefined => {
    const token = next();
    if (token === undefined) return undefined;
    if (token === '(') {
      const value = sum();
      return next() === ')' ? value : undefined;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    if (/^\d/.test(token)) return Number.parseInt(token, 10);
    if (peek() === '(') {
      next();
      const args: (number | undefined)[] = [sum()];
      while (peek() === ',') {
        next();
        args.push(sum());
      }
      if (next() !== ')' || args.some((a) => a === undefined)) return undefined;
      const [a, b] = args as number[];
      if (token === 'DIV_ROUNDUP' && b) return Math.ceil(a! / b);
      if (token === 'MIN') return Math.min(a!, b!);
      if (token === 'MAX') return Math.max(a!, b!);
      return undefined;
    }
    const bound = lookup(token);
    if (typeof bound === 'number') return bound;
    return bound === undefined ? undefined : evaluate(bound, lookup, depth + 1);
  };

  const product = (): number | undefined => {
    let value = primary();
    while (value !== undefined && (peek() === '*' || peek() === '/' || peek() === '%')) {
      const op = next();
      const right = primary();
      if (right === undefined || (op !== '*' && right === 0)) return undefined;
      value = op === '*' ? value * right : op === '/' ? Math.trunc(value / right) : value % right;
    }
    return value;
  };

  const sum = (): number | undefined => {
    let value = product();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const op = next();
      const right = product();
      if (right === undefined) return undefined;
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };

  const value = sum();
  return at === tokens.length ? value : undefined;
}
