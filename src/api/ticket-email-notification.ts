import { randomUUID } from 'node:crypto';
import { currentActor } from '../capture';
import { planOutboxRows, queueOverdue, writePlan, type EnqueueOptions, type TicketEvents } from '../enqueue';
import type { CommentState, TicketEvent, TicketState, TicketStatus } from '../notifications';

/**
 * The reference module's programmatic API. Each call queues its emails in the
 * outbox like an automatic notification: same rules, same switches, same
 * delivery. The calls run outside any transaction of yours; they take the
 * ticket as it is and queue the emails at once.
 */
export class TicketEmailNotification {
  constructor(
    private readonly db: any,
    private readonly options: EnqueueOptions,
    private readonly onQueued: () => void,
  ) {}

  private async queue(ticket: TicketState, events: TicketEvent[], formerAssigneeId: number | null = null): Promise<number> {
    const call = `api:${randomUUID()}`;
    const items: TicketEvents[] = [{ ticket, events, formerAssigneeId }];
    const plan = await planOutboxRows(this.db, items, currentActor(), (id) => `${call}:${id}`, this.options);
    const count = await writePlan(this.db, plan, this.options.provider);
    if (count > 0) this.onQueued();
    return count;
  }

  sendTicketCreated(ticket: TicketState) {
    return this.queue(ticket, [{ type: 'ticket_created' }]);
  }

  sendTicketAssigned(ticket: TicketState, user: { id: number }) {
    const former = ticket.assignedToId === user.id ? null : ticket.assignedToId;
    return this.queue({ ...ticket, assignedToId: user.id }, [{ type: 'ticket_assigned', fromAssigneeId: former, toAssigneeId: user.id }], former);
  }

  sendStatusChanged(ticket: TicketState, oldStatus: TicketStatus, newStatus: TicketStatus) {
    const event: TicketEvent =
      newStatus === 'resolved'
        ? { type: 'ticket_resolved', from: oldStatus }
        : newStatus === 'closed'
          ? { type: 'ticket_closed', from: oldStatus }
          : { type: 'status_changed', from: oldStatus, to: newStatus };
    return this.queue({ ...ticket, status: newStatus }, [event]);
  }

  sendCommentAdded(ticket: TicketState, comment: CommentState) {
    return this.queue(ticket, [{ type: 'comment_added', comment }]);
  }

  sendTicketResolved(ticket: TicketState) {
    return this.queue({ ...ticket, status: 'resolved' }, [{ type: 'ticket_resolved', from: ticket.status }]);
  }

  sendTicketClosed(ticket: TicketState) {
    return this.queue({ ...ticket, status: 'closed' }, [{ type: 'ticket_closed', from: ticket.status }]);
  }

  /** At most one overdue email per ticket, recipient and day, however often it is called. */
  async sendOverdueNotification(ticket: TicketState, now = new Date()): Promise<number> {
    const written = await queueOverdue(this.db, [ticket], now, this.options);
    if (written.length > 0) this.onQueued();
    return written.length;
  }
}
