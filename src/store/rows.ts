/** Column <-> property mapping: tables use snake_case, code uses camelCase; JSON columns are text. */
type Plain = Record<string, unknown>;

const toSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

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
