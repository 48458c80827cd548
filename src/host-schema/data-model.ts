/**
 * What the app's Prisma client knows of its own schema: each model's fields
 * with their kind and type, and the database names the SQL reads need.
 *
 * Prisma keeps the models in the client's runtime data model, and the table
 * name (`@@map`) there too, but not a field's column name (`@map`): that is
 * only in the schema text the client carries for its query compiler. Both are
 * internals of the client (checked by the second-schema tests, which map
 * tables and columns): this file is the one place that reads them.
 */
export interface ModelField {
  name: string;
  /** scalar, enum or object (a relation). */
  kind: string;
  /** Int, String, Boolean, DateTime, ... or the related model or enum's name. */
  type: string;
  /** The column, for scalar and enum fields. */
  column: string;
}

export interface ModelShape {
  name: string;
  table: string;
  fields: Map<string, ModelField>;
}

interface RuntimeDataModel {
  models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string }[] }>;
}

interface ClientInternals {
  _runtimeDataModel?: RuntimeDataModel;
  _engineConfig?: { inlineSchema?: string };
}

// `@map("...")` on a field line of one model block. The schema text is Prisma's own (it parsed it), so
// the lines are well-formed; comments are skipped so a commented-out @map counts for nothing.
function columnNames(schema: string, model: string): Map<string, string> {
  const columns = new Map<string, string>();
  const block = new RegExp(`^model\\s+${model}\\s*\\{([\\s\\S]*?)^\\}`, 'm').exec(schema);
  if (!block) return columns;
  for (const raw of block[1].split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const field = /^(\w+)\s/.exec(line);
    const map = /@map\(\s*(?:name\s*:\s*)?"((?:[^"\\]|\\.)*)"\s*\)/.exec(line);
    if (field && map) columns.set(field[1], map[1]);
  }
  return columns;
}

/** The models of the client's schema, by name. Throws when the client is not a Prisma client of a known shape. */
export function readDataModel(client: unknown): Map<string, ModelShape> {
  const internals = client as ClientInternals;
  const runtime = internals._runtimeDataModel;
  if (!runtime || typeof runtime.models !== 'object') {
    throw new Error('the prisma option is not a Prisma client this notifier can read the models of (Prisma 6.19 or later is needed)');
  }
  const schema = internals._engineConfig?.inlineSchema ?? '';
  const models = new Map<string, ModelShape>();
  for (const [name, model] of Object.entries(runtime.models)) {
    const mapped = columnNames(schema, name);
    const fields = new Map<string, ModelField>();
    for (const f of model.fields) fields.set(f.name, { name: f.name, kind: f.kind, type: f.type, column: mapped.get(f.name) ?? f.name });
    models.set(name, { name, table: model.dbName ?? name, fields });
  }
  return models;
}

/**
 * The database the client was generated for, from the client itself: an app
 * hands its own client in, whatever DATABASE_URL says. Null when the client
 * does not say (then the caller falls back to the URL).
 */
export function clientProvider(client: unknown): 'sqlite' | 'postgresql' | null {
  const provider = (client as { _activeProvider?: unknown })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  if (provider === undefined) return null;
  throw new Error(`the notifier supports SQLite and PostgreSQL; this Prisma client is for ${String(provider)}`);
}
