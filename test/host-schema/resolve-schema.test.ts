import { createPrismaClient } from '../../src/db';
import { DEFAULT_HOST_SCHEMA, HostSchemaError, resolveHostSchema, type HostSchemaOptions } from '../../src/host-schema';

// The client is never connected: the mapping is checked against the models it was generated with.
const client = createPrismaClient('file:./data/never-opened.db');
const problem = (options: HostSchemaOptions) => {
  try {
    resolveHostSchema(client, options);
  } catch (error) {
    expect(error).toBeInstanceOf(HostSchemaError);
    return (error as Error).message;
  }
  throw new Error('the mapping was accepted');
};

describe('the host-schema mapping, checked against the client at start', () => {
  it('the defaults describe this repository’s schema', () => {
    const schema = resolveHostSchema(client);
    expect(schema.ticket).toMatchObject({ model: 'Ticket', delegate: 'ticket', table: '"Ticket"', idType: 'Int' });
    expect(schema.comment).toMatchObject({ model: 'TicketComment', delegate: 'ticketComment' });
    expect(schema.ticket.columns.assignee).toBe('"assignedToId"');
    expect(schema.statuses).toEqual(DEFAULT_HOST_SCHEMA.statuses);
  });

  it('a section merges over the defaults: fields not named keep theirs', () => {
    const schema = resolveHostSchema(client, { ticket: { fields: { description: null } }, statuses: { open: ['new'] } });
    expect(schema.ticket.fields).toMatchObject({ subject: 'subject', description: null });
    expect(schema.ticket.columns.description).toBeNull();
    expect(schema.statuses).toEqual({ resolved: ['resolved'], closed: ['closed'], open: ['new'] });
  });

  it('a model the client does not have is named, with the models it has', () => {
    const message = problem({ ticket: { model: 'Issue' } });
    expect(message).toMatch(/^schema mapping: ticket\.model names "Issue", which is not a model of this Prisma client \(it has .*Ticket.*\)$/);
    expect(message).not.toContain('\n');
  });

  it('a field that does not exist is named, with the fields the model has', () => {
    expect(problem({ comment: { fields: { internal: 'private' } } })).toMatch(
      /^schema mapping: comment\.fields\.internal names TicketComment\.private, which does not exist \(TicketComment has id, ticketId, /,
    );
  });

  it('a field of the wrong kind is named with what it is and what was expected', () => {
    expect(problem({ comment: { fields: { internal: 'content' } } })).toBe(
      'schema mapping: comment.fields.internal names TicketComment.content, a String field; expected a Boolean field',
    );
    expect(problem({ ticket: { fields: { status: 'createdAt' } } })).toBe(
      'schema mapping: ticket.fields.status names Ticket.createdAt, a DateTime field; expected a String field or an enum',
    );
    expect(problem({ ticket: { fields: { comments: 'customer' } } })).toBe(
      'schema mapping: ticket.fields.comments names Ticket.customer, a relation to Customer; expected a relation to TicketComment',
    );
  });

  it('a reference must have the type of the id it points to', () => {
    expect(problem({ ticket: { fields: { assignee: 'subject' } } })).toBe(
      "schema mapping: ticket.fields.assignee names Ticket.subject, a String field; expected the type of User's id",
    );
  });

  it('a field the notifier needs cannot be null; an optional one can', () => {
    expect(problem({ comment: { fields: { internal: null as unknown as string } } })).toBe('schema mapping: comment.fields.internal cannot be null: the notifier needs it');
    expect(() => resolveHostSchema(client, { staff: { fields: { active: null, locale: null, digest: null } } })).not.toThrow();
  });

  it('a misspelt setting is refused, not ignored', () => {
    expect(problem({ ticket: { feilds: {} } } as unknown as HostSchemaOptions)).toBe('schema mapping: ticket.feilds is not a setting (expected one of model, fields)');
    expect(problem({ ticket: { fields: { title: 'subject' } } } as unknown as HostSchemaOptions)).toMatch(/^schema mapping: ticket\.fields\.title is not a setting/);
    expect(problem({ tickets: {} } as unknown as HostSchemaOptions)).toMatch(/^schema mapping: schema\.tickets is not a setting/);
  });

  it('status lists must be lists of values', () => {
    expect(problem({ statuses: { resolved: 'solved' as unknown as string[] } })).toBe('schema mapping: statuses.resolved must be a list of status values (strings)');
  });

  it('a host without attachments says so with null; the notifier then reads none', () => {
    expect(resolveHostSchema(client, { attachment: null }).attachment).toBeNull();
  });

  it('something that is not a Prisma client is refused in one line', () => {
    expect(() => resolveHostSchema({})).toThrow(/not a Prisma client this notifier can read the models of/);
  });
});
