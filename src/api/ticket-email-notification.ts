import { randomUUID } from 'node:crypto';
import { currentActor } from '../capture';
import { planOutboxRows, queueOverdue, writePlan, type EnqueueOptions, type NotifierDb, type TicketEvents } from '../enqueue';
import { statusEvent, type EntityId, type TicketEvent, type TicketState, type TicketStatus } from '../notifications';

/** A row of the host app's ticket model (or comment model), as Prisma returns it. */
export type HostRow = object;

/**
 * The reference module's programmatic API. Each call queues its emails in the
 * outbox like an automatic notification: same rules, same switches, same
 * delivery. The calls run outside any transaction of yours; they take the
 * ticket as it is and queue the emails at once. Tickets and comments are the
 * app's own rows, read through the host-schema mapping.
 */
export class TicketEmailNotification {
  constructor(
    private readonly db: NotifierDb,
    private readonly options: EnqueueOptions,
    private readonly onQueued: () => void,
  ) {}

  private ticket(row: HostRow): TicketState {
    return this.options.store.toTicket(row as Record<string, unknown>);
  }

  private async queue(ticket: TicketState, events: TicketEvent[], formerAssigneeId: EntityId | null = null): Promise<number> {
    const call = `api:${randomUUID()}`;
    const items: TicketEvents[] = [{ ticket, events, formerAssigneeId }];
    const plan = await planOutboxRows(this.db, items, currentActor(), (id) => `${call}:${String(id)}`, this.options);
    const count = await writePlan(this.db, plan, this.options.provider);
    if (count > 0) this.onQueued();
    return count;
  }

  /** The first status of a meaning in the mapping's vocabulary (`resolved`, `closed`). */
  private statusFor(meaning: 'resolved' | 'closed'): TicketStatus {
    const status = this.options.store.statuses[meaning][0];
    if (status === undefined) throw new Error(`the schema mapping names no ${meaning} status (statuses.${meaning} is empty)`);
    return status;
  }

  sendTicketCreated(ticket: HostRow) {
    return this.queue(this.ticket(ticket), [{ type: 'ticket_created' }]);
  }

  sendTicketAssigned(ticket: HostRow, user: { id: EntityId }) {
    const t = this.ticket(ticket);
    const former = t.assignedToId === user.id ? null : t.assignedToId;
    return this.queue({ ...t, assignedToId: user.id }, [{ type: 'ticket_assigned', fromAssigneeId: former, toAssigneeId: user.id }], former);
  }

  sendStatusChanged(ticket: HostRow, oldStatus: TicketStatus, newStatus: TicketStatus) {
    const t = this.ticket(ticket);
    // The same event a write making this change gets (unlike a write, the call sends even when nothing changed).
    return this.queue({ ...t, status: newStatus }, [statusEvent(oldStatus, newStatus, this.options.store.statuses)]);
  }

  sendCommentAdded(ticket: HostRow, comment: HostRow) {
    return this.queue(this.ticket(ticket), [{ type: 'comment_added', comment: this.options.store.toComment(comment as Record<string, unknown>) }]);
  }

  sendTicketResolved(ticket: HostRow) {
    const t = this.ticket(ticket);
    const to = this.statusFor('resolved');
    return this.queue({ ...t, status: to }, [{ type: 'ticket_resolved', from: t.status, to }]);
  }

  sendTicketClosed(ticket: HostRow) {
    const t = this.ticket(ticket);
    const to = this.statusFor('closed');
    return this.queue({ ...t, status: to }, [{ type: 'ticket_closed', from: t.status, to }]);
  }

  /** At most one overdue email per ticket, recipient and day, however often it is called. */
  async sendOverdueNotification(ticket: HostRow, now = new Date()): Promise<number> {
    const written = await queueOverdue(this.db, [this.ticket(ticket)], now, this.options);
    if (written.length > 0) this.onQueued();
    return written.length;
  }
}
