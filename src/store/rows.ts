/** Column <-> property mapping: tables use snake_case, code uses camelCase; JSON columns are text. */
type Plain = Record<string, unknown>;

/** Names are few and fixed, so each is converted once. */
function memoized(convert: (name: string) => string): (name: string) => string {
  const names = new Map<string, string>();
  return (name) => {
    let converted = names.get(name);
    if (converted === undefined) names.set(name, (converted = convert(name)));
    return converted;
  };
}

const toSnake = memoized((s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const toCamel = memoized((s) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));

export function toColumns(value: Plain, jsonFields: readonly string[] = []): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[toSnake(k)] = jsonFields.includes(k) && v !== null ? JSON.stringify(v) : v;
  }
  return out;
}

export function fromColumns<T>(row: Plain, jsonFields: readonly string[] = []): T {
  const out: Plain = {};
  for (const [k, v] of Object.entries(row)) {
    const key = toCamel(k);
    out[key] = jsonFields.includes(key) && typeof v === 'string' ? JSON.parse(v) : v;
  }
  return out as T;
}
