import type { Provider } from '../db';
import type { CommentState, EntityId, TicketState } from '../notifications';
import type { AttachmentRef } from '../notifications';
import type { HostSchema, MappedModel } from './resolve-schema';

type Row = Record<string, unknown>;

interface Delegate {
  findUnique(args: object): Promise<Row | null>;
  findMany(args: object): Promise<Row[]>;
  count(args: object): Promise<number>;
}

/**
 * A Prisma client or transaction client of the host app: the notifier reaches
 * its models by the mapped names, so it cannot be typed by model here; this
 * is the one place that indexes it.
 */
export interface HostDb {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

const delegate = (db: HostDb, model: MappedModel<unknown>): Delegate => (db as unknown as Record<string, Delegate>)[model.delegate];

/** A person as the host stores them, with what their email settings start from. */
export interface PersonRecord {
  kind: 'user' | 'customer';
  id: EntityId;
  name: string;
  email: string | null;
  /** Staff can be deactivated; customers are always active. */
  active: boolean;
  locale: string | null;
  emailDigest?: boolean;
  company?: string | null;
}

/**
 * How a write holds its ticket row on PostgreSQL from the read before the
 * write until commit, so that concurrent writers of the ticket queue behind
 * each other and each diffs against the state the one before it committed.
 * FOR NO KEY UPDATE is the lock an UPDATE takes anyway (it lets comments be
 * added meanwhile); FOR UPDATE also holds off new comments, whose foreign key
 * check takes a KEY SHARE lock, for writes that tell their own new comments
 * apart by reading the ticket's comments before and after.
 */
export type RowLock = 'FOR NO KEY UPDATE' | 'FOR UPDATE';

/** UTC days, so "once per day" means the same thing on every server. */
const startOfDay = (now: Date) => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

/**
 * Everything the notifier reads of the host app's models, through the
 * mapping: Prisma calls by the mapped model and field names, and the two SQL
 * statements on the write path built from the tables' and columns' database
 * names. What comes back is in the notifier's own words (TicketState,
 * CommentState, PersonRecord).
 */
export function hostStore(schema: HostSchema, provider: Provider) {
  const { ticket: T, comment: C, staff: S, customer: K, attachment: A } = schema;
  const tf = T.fields;
  const cf = C.fields;
  const sf = S.fields;
  const kf = K.fields;

  const toTicket = (r: Row): TicketState => ({
    id: r[tf.id] as EntityId,
    subject: r[tf.subject] as string,
    description: tf.description === null ? '' : ((r[tf.description] as string | null) ?? ''),
    status: String(r[tf.status]),
    priority: tf.priority === null ? null : ((r[tf.priority] as string | null) ?? null),
    customerId: r[tf.customer] as EntityId,
    createdById: r[tf.creator] as EntityId,
    assignedToId: (r[tf.assignee] as EntityId | null) ?? null,
    dueDate: tf.dueDate === null ? null : ((r[tf.dueDate] as Date | null) ?? null),
  });
  const toComment = (r: Row): CommentState => ({
    id: r[cf.id] as EntityId,
    ticketId: r[cf.ticket] as EntityId,
    authorId: r[cf.author] as EntityId,
    content: r[cf.content] as string,
    isInternal: r[cf.internal] === true,
    createdAt: r[cf.createdAt] as Date,
  });
  const staffRecord = (r: Row): PersonRecord => ({
    kind: 'user',
    id: r[sf.id] as EntityId,
    name: r[sf.name] as string,
    email: (r[sf.email] as string | null) ?? null,
    active: sf.active === null ? true : r[sf.active] === true,
    locale: sf.locale === null ? null : ((r[sf.locale] as string | null) ?? null),
    emailDigest: sf.digest === null ? false : r[sf.digest] === true,
  });
  const customerRecord = (r: Row): PersonRecord => ({
    kind: 'customer',
    id: r[kf.id] as EntityId,
    name: r[kf.name] as string,
    email: (r[kf.email] as string | null) ?? null,
    active: true,
    locale: kf.locale === null ? null : ((r[kf.locale] as string | null) ?? null),
    company: kf.company === null ? null : ((r[kf.company] as string | null) ?? null),
  });

  // The read before a write, with each column under its Prisma field name so that toTicket reads it as it
  // reads Prisma's rows. On PostgreSQL it locks the row: waiting for the lock, then reading the row's newest
  // committed version, is PostgreSQL's rule for a locked single-table read.
  const ticketColumns = Object.entries(T.fields as unknown as Record<string, string | null>).flatMap(([key, field]) => {
    const column = (T.columns as unknown as Record<string, string | null>)[key];
    // The relation list field (a ticket's comments) has no column.
    return field === null || column === null || key === 'comments' ? [] : [`${column} AS "${field}"`];
  });
  const ticketRead = (lock: RowLock | null) =>
    `SELECT ${ticketColumns.join(', ')} FROM ${T.table} WHERE ${T.columns.id} = ${provider === 'sqlite' ? '?' : '$1'}${lock && provider === 'postgresql' ? ` ${lock}` : ''}`;
  const postgresLock = `SELECT ${T.columns.id} AS "id" FROM ${T.table} WHERE ${T.columns.id} = ANY($1::${T.idType === 'Int' ? 'integer' : 'text'}[]) ORDER BY ${T.columns.id} FOR NO KEY UPDATE`;

  /** An id read back from the notifier's own tables (stored as text), as the host's model has it; null when it cannot be one. */
  const idFromText = (kind: 'user' | 'customer', text: string): EntityId | null => {
    const model = kind === 'user' ? S : K;
    if (model.idType === 'String') return text;
    return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
  };

  const byIds = (field: string, ids: readonly EntityId[]) => ({ [field]: { in: [...ids] } });

  return {
    /** The ticket model's client property and field names, for reshaping a caller's arguments. */
    ticketModel: T.delegate,
    commentModel: C.delegate,
    ticketIdField: tf.id,
    commentIdField: cf.id,
    /** The relation field that creates comments inside a ticket write. */
    commentsRelation: tf.comments,
    statuses: schema.statuses,

    toTicket,
    toComment,

    /**
     * The ticket as it is before a write, in one statement, and on PostgreSQL
     * with its row locked (`lock`) until the write commits, so concurrent
     * writers of one ticket queue and each diffs against what the one before
     * it committed. This read sits on every update's path.
     */
    async readTicketForWrite(db: HostDb, id: EntityId, lock: RowLock = 'FOR NO KEY UPDATE'): Promise<TicketState | null> {
      const rows = await db.$queryRawUnsafe<Row[]>(ticketRead(lock), id);
      // Both adapters return these columns as the types Prisma would (a test compares the two reads).
      return rows.length === 0 ? null : toTicket(rows[0]);
    },

    /**
     * Locks the tickets with these ids, in id order so two batch writers
     * cannot deadlock on each other, and returns the ids still there.
     * PostgreSQL only: SQLite serialises writers already.
     */
    async lockTickets(db: HostDb, ids: EntityId[]): Promise<EntityId[]> {
      if (ids.length === 0) return [];
      const rows = await db.$queryRawUnsafe<{ id: EntityId }[]>(postgresLock, ids);
      return rows.map((r) => r.id);
    },

    /** The id of the one ticket a unique `where` names, or null. */
    async ticketIdWhere(db: HostDb, where: object): Promise<EntityId | null> {
      const found = await delegate(db, T).findUnique({ where, select: { [tf.id]: true } });
      return found ? (found[tf.id] as EntityId) : null;
    },
    async ticketIdsWhere(db: HostDb, where: object): Promise<EntityId[]> {
      return (await delegate(db, T).findMany({ where, select: { [tf.id]: true } })).map((r) => r[tf.id] as EntityId);
    },
    async ticketsWhere(db: HostDb, where: object): Promise<TicketState[]> {
      return (await delegate(db, T).findMany({ where })).map(toTicket);
    },
    async ticketsByIds(db: HostDb, ids: EntityId[]): Promise<TicketState[]> {
      if (ids.length === 0) return [];
      return (await delegate(db, T).findMany({ where: byIds(tf.id, ids) })).map(toTicket);
    },
    async ticket(db: HostDb, id: EntityId): Promise<TicketState> {
      const row = await delegate(db, T).findUnique({ where: { [tf.id]: id } });
      if (!row) throw new Error(`${T.model} ${String(id)} was written but cannot be read back in the same transaction`);
      return toTicket(row);
    },
    /** A `where` that narrows a caller's own to these tickets. */
    narrowTo(where: object | undefined, ids: EntityId[]): object {
      return { AND: [where ?? {}, byIds(tf.id, ids)] };
    },

    async commentIdsOf(db: HostDb, ticketId: EntityId): Promise<Set<EntityId>> {
      const rows = await delegate(db, C).findMany({ where: { [cf.ticket]: ticketId }, select: { [cf.id]: true } });
      return new Set(rows.map((r) => r[cf.id] as EntityId));
    },
    async commentsOf(db: HostDb, ticketId: EntityId): Promise<CommentState[]> {
      return (await delegate(db, C).findMany({ where: { [cf.ticket]: ticketId }, orderBy: { [cf.id]: 'asc' } })).map(toComment);
    },
    async commentsByIds(db: HostDb, ids: EntityId[]): Promise<CommentState[]> {
      if (ids.length === 0) return [];
      return (await delegate(db, C).findMany({ where: byIds(cf.id, ids) })).map(toComment);
    },
    /** Authors of earlier internal comments on these tickets, once per ticket and author. */
    async internalCommentAuthors(db: HostDb, ticketIds: EntityId[], except: EntityId[]): Promise<{ ticketId: EntityId; authorId: EntityId }[]> {
      const rows = await delegate(db, C).findMany({
        where: { [cf.ticket]: { in: ticketIds }, [cf.internal]: true, [cf.id]: { notIn: except } },
        select: { [cf.ticket]: true, [cf.author]: true },
        distinct: [cf.ticket, cf.author],
      });
      return rows.map((r) => ({ ticketId: r[cf.ticket] as EntityId, authorId: r[cf.author] as EntityId }));
    },

    async staffByIds(db: HostDb, ids: EntityId[]): Promise<PersonRecord[]> {
      if (ids.length === 0) return [];
      return (await delegate(db, S).findMany({ where: byIds(sf.id, ids) })).map(staffRecord);
    },
    async customersByIds(db: HostDb, ids: EntityId[]): Promise<PersonRecord[]> {
      if (ids.length === 0) return [];
      return (await delegate(db, K).findMany({ where: byIds(kf.id, ids) })).map(customerRecord);
    },
    /**
     * One person as they are now, by the id the notifier's tables store for
     * them (text); null when they no longer exist, or when the text is no id
     * the host's model could have.
     */
    async person(db: HostDb, kind: 'user' | 'customer', storedId: string): Promise<PersonRecord | null> {
      const id = idFromText(kind, storedId);
      if (id === null) return null;
      const found = kind === 'user' ? await delegate(db, S).findUnique({ where: { [sf.id]: id } }) : await delegate(db, K).findUnique({ where: { [kf.id]: id } });
      return found ? (kind === 'user' ? staffRecord(found) : customerRecord(found)) : null;
    },

    /** The files on these comments, by comment id (none when the host keeps no attachments). */
    async attachmentsOf(db: HostDb, commentIds: EntityId[]): Promise<Map<EntityId, AttachmentRef[]>> {
      const byComment = new Map<EntityId, AttachmentRef[]>();
      if (!A || commentIds.length === 0) return byComment;
      const af = A.fields;
      const rows = await delegate(db, A).findMany({ where: byIds(af.comment, commentIds), orderBy: { [af.id]: 'asc' } });
      for (const r of rows) {
        const file: AttachmentRef = {
          id: r[af.id] as EntityId,
          filename: r[af.filename] as string,
          contentType: af.contentType === null ? null : ((r[af.contentType] as string | null) ?? null),
          path: af.path === null ? null : ((r[af.path] as string | null) ?? null),
          url: af.url === null ? null : ((r[af.url] as string | null) ?? null),
          size: af.size === null ? null : ((r[af.size] as number | null) ?? null),
        };
        const comment = r[af.comment] as EntityId;
        byComment.set(comment, [...(byComment.get(comment) ?? []), file]);
      }
      return byComment;
    },

    /**
     * Open tickets due before today (UTC), in id order after `after`: the
     * overdue scan reads them in batches so memory stays flat. None when the
     * host's tickets have no due date.
     */
    async overdueTickets(db: HostDb, now: Date, after: EntityId | null, take: number): Promise<TicketState[]> {
      if (tf.dueDate === null) return [];
      const where = { [tf.status]: { in: schema.statuses.open }, [tf.dueDate]: { lt: startOfDay(now) }, ...(after === null ? {} : { [tf.id]: { gt: after } }) };
      return (await delegate(db, T).findMany({ where, orderBy: { [tf.id]: 'asc' }, take })).map(toTicket);
    },
    async countOverdue(db: HostDb, now: Date): Promise<number> {
      if (tf.dueDate === null) return 0;
      return delegate(db, T).count({ where: { [tf.status]: { in: schema.statuses.open }, [tf.dueDate]: { lt: startOfDay(now) } } });
    },
  };
}

export type HostStore = ReturnType<typeof hostStore>;
