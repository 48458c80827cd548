import {
  DEFAULT_HOST_SCHEMA,
  type AttachmentFields,
  type CommentFields,
  type CustomerFields,
  type HostSchemaOptions,
  type StaffFields,
  type StatusVocabulary,
  type TicketFields,
} from './mapping';
import { readDataModel, type ModelShape } from './data-model';

/** A mapping that does not fit the client's schema: the message names the setting and what is wrong, in one line. */
export class HostSchemaError extends Error {
  constructor(message: string) {
    super(`schema mapping: ${message}`);
    this.name = 'HostSchemaError';
  }
}

/** One host model as the notifier uses it: names for Prisma calls and for SQL. */
export interface MappedModel<F> {
  model: string;
  /** The model's property on a Prisma client (`issueNote` for IssueNote). */
  delegate: string;
  /** The table, quoted for SQL. */
  table: string;
  /** Prisma field names; null where the host has no such field. */
  fields: F;
  /** Quoted column names, by the same keys; null where the host has no such field. */
  columns: { [K in keyof F]: string | null };
  /** The type of the model's id: ids read back from text are turned into this. */
  idType: 'Int' | 'String';
}

export interface HostSchema {
  ticket: MappedModel<TicketFields>;
  comment: MappedModel<CommentFields>;
  staff: MappedModel<StaffFields>;
  customer: MappedModel<CustomerFields>;
  attachment: MappedModel<AttachmentFields> | null;
  statuses: StatusVocabulary;
}

type Section = 'ticket' | 'comment' | 'staff' | 'customer' | 'attachment';
/** What a mapped field must be: scalar types (or 'enum'), or 'id:<section>' for a reference to that section's id, or 'list:<section>'. */
type Expect = readonly string[];

const TEXT: Expect = ['String'];
const STATUS: Expect = ['String', 'enum'];
const ID: Expect = ['Int', 'String'];

const EXPECTED: { [S in Section]: Record<string, Expect> } = {
  ticket: {
    id: ID,
    subject: TEXT,
    description: TEXT,
    status: STATUS,
    priority: STATUS,
    dueDate: ['DateTime'],
    customer: ['id:customer'],
    creator: ['id:staff'],
    assignee: ['id:staff'],
    comments: ['list:comment'],
  },
  comment: { id: ID, ticket: ['id:ticket'], author: ['id:staff'], content: TEXT, internal: ['Boolean'], createdAt: ['DateTime'] },
  staff: { id: ID, name: TEXT, email: TEXT, active: ['Boolean'], locale: TEXT, digest: ['Boolean'] },
  customer: { id: ID, name: TEXT, email: TEXT, locale: TEXT, company: TEXT },
  attachment: { id: ID, comment: ['id:comment'], filename: TEXT, contentType: TEXT, path: TEXT, url: TEXT, size: ['Int'] },
};
/** Fields an app may set to null: it has no such thing. */
const OPTIONAL: { [S in Section]: readonly string[] } = {
  ticket: ['description', 'priority', 'dueDate'],
  comment: [],
  staff: ['active', 'locale', 'digest'],
  customer: ['locale', 'company'],
  attachment: ['contentType', 'path', 'url', 'size'],
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const describeKind = (kind: string, type: string) => (kind === 'object' ? `a relation to ${type}` : kind === 'enum' ? `an enum (${type})` : `a ${type} field`);

function unknownKeys(given: object | undefined, known: readonly string[], where: string): void {
  for (const key of Object.keys(given ?? {})) {
    if (!known.includes(key)) throw new HostSchemaError(`${where}.${key} is not a setting (expected one of ${known.join(', ')})`);
  }
}

function statusList(value: unknown, name: keyof StatusVocabulary): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new HostSchemaError(`statuses.${name} must be a list of status values (strings)`);
  }
  return [...value];
}

/**
 * The mapping, merged over this repository's defaults and checked against the
 * models of the app's own Prisma client. A model or field that is not there,
 * or a field of the wrong kind, stops start-up with one line that names the
 * setting; nothing is found out later, in the middle of a write.
 */
export function resolveHostSchema(client: unknown, options: HostSchemaOptions = {}): HostSchema {
  unknownKeys(options, ['ticket', 'comment', 'staff', 'customer', 'attachment', 'statuses'], 'schema');
  const { models, enums } = readDataModel(client);
  const shapes = new Map<Section, ModelShape>();
  const merged = new Map<Section, Record<string, string | null>>();

  const sections: Section[] = ['ticket', 'comment', 'staff', 'customer', 'attachment'];
  for (const section of sections) {
    const given = options[section];
    if (section === 'attachment' && given === null) continue;
    unknownKeys(given ?? undefined, ['model', 'fields'], section);
    unknownKeys(given?.fields, Object.keys(EXPECTED[section]), `${section}.fields`);
    const defaults = DEFAULT_HOST_SCHEMA[section];
    const model = given?.model ?? defaults.model;
    const shape = models.get(model);
    if (!shape) {
      // The attachment model is optional: an app whose schema has none and that did not name one has no files.
      if (section === 'attachment' && given === undefined) continue;
      throw new HostSchemaError(`${section}.model names ${JSON.stringify(model)}, which is not a model of this Prisma client (it has ${[...models.keys()].join(', ')})`);
    }
    shapes.set(section, shape);
    merged.set(section, { ...defaults.fields, ...(given?.fields ?? {}) });
  }

  // Field checks come after every model is known: a reference is checked against the id it points to.
  for (const [section, shape] of shapes) {
    for (const [key, field] of Object.entries(merged.get(section)!)) {
      const setting = `${section}.fields.${key}`;
      if (field === null) {
        if (!OPTIONAL[section].includes(key)) throw new HostSchemaError(`${setting} cannot be null: the notifier needs it`);
        continue;
      }
      if (typeof field !== 'string') throw new HostSchemaError(`${setting} must be a field name of ${shape.name}`);
      const found = shape.fields.get(field);
      if (!found) throw new HostSchemaError(`${setting} names ${shape.name}.${field}, which does not exist (${shape.name} has ${[...shape.fields.keys()].join(', ')})`);
      const wanted = EXPECTED[section][key].map((w) => {
        if (w.startsWith('id:')) {
          const target = shapes.get(w.slice(3) as Section)!;
          return { kind: 'scalar', type: target.fields.get(merged.get(w.slice(3) as Section)!.id!)!.type, label: `the type of ${target.name}'s id` };
        }
        if (w.startsWith('list:')) {
          const target = shapes.get(w.slice(5) as Section)!;
          return { kind: 'object', type: target.name, label: `a relation to ${target.name}` };
        }
        return w === 'enum' ? { kind: 'enum', type: found.type, label: 'an enum' } : { kind: 'scalar', type: w, label: `a ${w} field` };
      });
      if (!wanted.some((w) => w.kind === found.kind && w.type === found.type)) {
        throw new HostSchemaError(
          `${setting} names ${shape.name}.${field}, ${describeKind(found.kind, found.type)}; expected ${wanted.map((w) => w.label).join(' or ')}`,
        );
      }
      // With text ids on both sides a type says little: a relation declared on the key says where it points.
      const target = EXPECTED[section][key][0].startsWith('id:') ? shapes.get(EXPECTED[section][key][0].slice(3) as Section)!.name : null;
      const refersTo = shape.references.get(field);
      if (target !== null && refersTo !== undefined && refersTo !== target) {
        throw new HostSchemaError(`${setting} names ${shape.name}.${field}, which refers to ${refersTo}; expected a reference to ${target}`);
      }
      // A model that declares its relations to the target says which keys those are; any other field is not one.
      const keys = [...shape.references].filter(([, to]) => to === target).map(([key]) => key);
      if (target !== null && refersTo === undefined && keys.length > 0) {
        throw new HostSchemaError(`${setting} names ${shape.name}.${field}, which no relation of ${shape.name} uses as its key to ${target} (${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'})`);
      }
    }
  }

  const mapped = <F>(section: Section): MappedModel<F> => {
    const shape = shapes.get(section)!;
    const fields = merged.get(section)!;
    const columns = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f === null ? null : quote(shape.fields.get(f)!.column)]));
    return {
      model: shape.name,
      delegate: lowerFirst(shape.name),
      table: quote(shape.table),
      fields: fields as F,
      columns: columns as MappedModel<F>['columns'],
      idType: shape.fields.get(fields.id!)!.type as 'Int' | 'String',
    };
  };
  const given = options.statuses ?? {};
  unknownKeys(given, ['resolved', 'closed', 'open'], 'statuses');
  const statuses: StatusVocabulary = {
    resolved: statusList(given.resolved ?? DEFAULT_HOST_SCHEMA.statuses.resolved, 'resolved'),
    closed: statusList(given.closed ?? DEFAULT_HOST_SCHEMA.statuses.closed, 'closed'),
    open: statusList(given.open ?? DEFAULT_HOST_SCHEMA.statuses.open, 'open'),
  };
  // Status values the ticket's enum does not have would never match: say so now, not by silence later.
  const statusField = shapes.get('ticket')!.fields.get(merged.get('ticket')!.status!)!;
  const allowed = statusField.kind === 'enum' ? enums.get(statusField.type) : undefined;
  if (allowed && allowed.length > 0) {
    for (const name of ['resolved', 'closed', 'open'] as const) {
      const unknown = statuses[name].find((v) => !allowed.includes(v));
      if (unknown !== undefined) {
        throw new HostSchemaError(`statuses.${name} names ${JSON.stringify(unknown)}, which is not a value of ${statusField.type} (${allowed.join(', ')})`);
      }
    }
  }
  return {
    ticket: mapped('ticket'),
    comment: mapped('comment'),
    staff: mapped('staff'),
    customer: mapped('customer'),
    attachment: shapes.has('attachment') ? mapped('attachment') : null,
    statuses,
  };
}
