import type { HostSchemaOptions } from '../../../src/host-schema/mapping';

/**
 * How the second helpdesk tells the notifier where things are: every model
 * and field under its own name, the fields it lacks as null, and its own
 * status words.
 */
export const OTHER_SCHEMA = {
  ticket: {
    model: 'Issue',
    fields: {
      subject: 'title',
      description: 'body',
      status: 'state',
      priority: 'urgency',
      dueDate: 'deadline',
      customer: 'requesterId',
      creator: 'reporterId',
      assignee: 'ownerId',
      comments: 'notes',
    },
  },
  comment: {
    model: 'IssueNote',
    fields: { ticket: 'issueId', author: 'writerId', content: 'text', internal: 'isPrivate', createdAt: 'postedAt' },
  },
  staff: { model: 'Agent', fields: { name: 'fullName', email: 'workEmail', active: 'enabled', locale: 'language', digest: null } },
  customer: { model: 'Requester', fields: { name: 'displayName', email: 'contactEmail', locale: null, company: 'organisation' } },
  attachment: null,
  statuses: { resolved: ['solved'], closed: ['archived'], open: ['todo', 'doing', 'waiting'] },
} satisfies HostSchemaOptions;
