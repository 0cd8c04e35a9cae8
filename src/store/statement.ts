import type { Knex } from 'knex';

/** Column values as stored: text, numbers, booleans, null (undefined: left out, as knex does). */
export type Columns = Record<string, unknown>;

/** A column holding one of these values. */
export interface InValues {
  column: string;
  values: readonly unknown[];
}

/** A column holding one of the values another table's rows have in `select.column` (those whose columns equal `select.where`). */
export interface InSelect {
  column: string;
  select: { table: string; column: string; where: Columns; whereIn?: InValues };
}

/**
 * One write as data, for the store to render: an insert of rows, or an update of the rows whose
 * columns equal `where` (null matches NULL) and, with `whereIn`, whose column holds one of the
 * values (or of the values a select of another table gives: a task's candidates follow its row).
 */
export type Statement =
  | { table: string; insert: Columns[] }
  | { table: string; update: Columns; where: Columns; whereIn?: InValues | InSelect };

/** The statement as a knex query on `db` (a connection or a transaction): PostgreSQL, and writes outside batches. */
export function knexQuery(db: Knex, statement: Statement): Knex.QueryBuilder {
  if ('insert' in statement) return db(statement.table).insert(statement.insert);
  const query = db(statement.table).where(statement.where);
  const { whereIn } = statement;
  if (whereIn && 'values' in whereIn) query.whereIn(whereIn.column, whereIn.values as never);
  if (whereIn && 'select' in whereIn) {
    const { table, column, where, whereIn: inner } = whereIn.select;
    const sub = db(table).select(column).where(where);
    if (inner) sub.whereIn(inner.column, inner.values as never);
    query.whereIn(whereIn.column, sub);
  }
  return query.update(statement.update);
}

/**
 * The statement as SQLite text with its values written in, for a batch's script (see
 * runSqliteScript). Values are written as knex writes them for SQLite (null as NULL, text quoted
 * with `'` doubled, numbers as JavaScript prints them, booleans as true/false), so a row is stored
 * alike either way; rows of one insert share the union of their columns, a missing one NULL (knex
 * with `useNullAsDefault`). Rendering it here instead of through knex's query builder is most of
 * what a step's SQL used to cost the main thread, and `VALUES` lists parse faster than knex's
 * `SELECT … UNION ALL` form for SQLite.
 */
export function sqliteText(statement: Statement): string {
  if ('insert' in statement) {
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const row of statement.insert) {
      for (const [column, value] of Object.entries(row)) {
        if (value === undefined || seen.has(column)) continue;
        seen.add(column);
        columns.push(column);
      }
    }
    columns.sort();
    const tuples = statement.insert.map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`);
    return `insert into ${identifier(statement.table)} (${columns.map(identifier).join(', ')}) values ${tuples.join(', ')}`;
  }
  const set = Object.entries(statement.update).filter(([, v]) => v !== undefined);
  const conditions = whereText(statement.where, statement.whereIn);
  return `update ${identifier(statement.table)} set ${set.map(([c, v]) => `${identifier(c)} = ${literal(v)}`).join(', ')} where ${conditions}`;
}

function whereText(where: Columns, whereIn: InValues | InSelect | undefined): string {
  const conditions = Object.entries(where).map(([column, value]) => {
    if (value === undefined) throw new TypeError(`the condition on ${column} has no value`); // as knex refuses an undefined binding
    return value === null ? `${identifier(column)} is null` : `${identifier(column)} = ${literal(value)}`;
  });
  if (whereIn && 'values' in whereIn) {
    const { column, values } = whereIn;
    conditions.push(values.length ? `${identifier(column)} in (${values.map(literal).join(', ')})` : '1 = 0');
  }
  if (whereIn && 'select' in whereIn) {
    const { table, column, where: inner, whereIn: innerIn } = whereIn.select;
    conditions.push(`${identifier(whereIn.column)} in (select ${identifier(column)} from ${identifier(table)} where ${whereText(inner, innerIn)})`);
  }
  return conditions.join(' and ');
}

/** Table and column names are the store's own, fixed, never user input; quoted as knex quotes them for SQLite. */
function identifier(name: string): string {
  return `\`${name}\``;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return `'${value.replace(/'/g, "''")}'`;
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // The store turns JSON columns into text before a write (toColumns); anything else is a bug here.
      throw new TypeError(`a column value of type ${typeof value} cannot be written: ${String(value)}`);
  }
}
