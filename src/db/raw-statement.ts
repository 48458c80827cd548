import type { Provider } from './database-url';

/** One raw statement's text for each database. */
export type Statement = Record<Provider, string>;

/**
 * A statement written once with `?` placeholders (PostgreSQL's text numbered
 * $1, $2, …). Its text is fixed, so it runs as the same statement every time.
 * The delivery path's statements are written this way: through Prisma's query
 * builder each cost about a millisecond of CPU, raw about a third of that.
 */
export function statement(text: (provider: Provider) => string): Statement {
  let n = 0;
  return { sqlite: text('sqlite'), postgresql: text('postgresql').replace(/\?/g, () => `$${++n}`) };
}

/**
 * `column IN (…)` over one parameter, a JSON array (listParam), so the
 * statement's text is the same however many values it holds. `type` is the
 * values' SQL type on PostgreSQL.
 */
export function inList(provider: Provider, column: string, type: 'int' | 'text'): string {
  return provider === 'sqlite'
    ? `${column} IN (SELECT "value" FROM json_each(?))`
    : `${column} IN (SELECT "value"::${type} FROM jsonb_array_elements_text(?::jsonb) AS "value")`;
}

export const listParam = (values: readonly (number | string)[]): string => JSON.stringify(values);
