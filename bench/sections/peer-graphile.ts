import nodemailer from 'nodemailer';
import { Logger, makeWorkerUtils, run, runMigrations, type Task, type WorkerUtils } from 'graphile-worker';
import type { AppPrismaClient } from '../../src/db';
import type { EmailPayload } from '../../src/notifications';
import { renderEmail, type RenderOptions } from '../../src/rendering';

// The peer: ticket emails as a strong engineer builds them without this
// project, the way graphile-worker's documentation shows. The write queues
// one job per email with add_job in the write's transaction; a runner renders
// each with the project's templates and sends it over one pooled connection
// set. Nothing here is held back; what it lacks (preferences, bounces, brands,
// digests, unsubscribe links, threading, retries by error kind) is work the
// project does and the peer skips, which only makes the peer faster.

/** One email: where it goes and what its template shows. */
export interface SendEmailJob {
  to: { name: string; address: string };
  email: EmailPayload;
}

/** The job runner's concurrency and the SMTP pool's size, as its README's first example has them. */
export const PEER_CONCURRENCY = 5;

// The project runs silent in the benchmark; graphile-worker's default logger
// prints a line for every job, which would be the peer's cost, not its design.
const quiet = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') process.stderr.write(`graphile-worker ${level}: ${message}\n`);
});

/** graphile-worker's own migrations, as a runner would apply them on start. */
export const installPeerSchema = (connectionString: string) => runMigrations({ connectionString, logger: quiet });

export const peerWorkerUtils = (connectionString: string): Promise<WorkerUtils> => makeWorkerUtils({ connectionString, logger: quiet });

/**
 * One send_email job per email in one statement, as WorkerUtils.addJobs
 * makes it, but answering with their count: addJobs reads every job back,
 * and for thousands of jobs that reading lasts well past the commit, while
 * the runners are already sending. A delivery timed from the moment this
 * returns is timed from the moment the jobs exist.
 */
export async function queuePeerJobs(utils: WorkerUtils, jobs: SendEmailJob[]): Promise<void> {
  const specs = JSON.stringify(jobs.map((payload) => ({ identifier: 'send_email', payload })));
  await utils.withPgClient((client) =>
    client.query('SELECT count(*) FROM graphile_worker.add_jobs(array(SELECT json_populate_recordset(NULL::graphile_worker.job_spec, $1::json)))', [specs]),
  );
}

type StatusValue = 'new' | 'open' | 'in_progress' | 'pending' | 'resolved' | 'closed';

/**
 * A status change with its emails: in one interactive transaction, read the
 * ticket with its customer and assignee, update it, and queue one job per
 * recipient with graphile_worker.add_job, so the jobs commit or roll back
 * with the write.
 */
export async function peerStatusChange(prisma: AppPrismaClient, ticketId: number, status: StatusValue): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { customer: true, assignedTo: true } });
    await tx.ticket.update({ where: { id: ticketId }, data: { status } });
    if (ticket.status === status) return;
    const event = status === 'resolved' ? 'ticket_resolved' : status === 'closed' ? 'ticket_closed' : 'status_changed';
    const email = (name: string, audience: 'customer' | 'staff', reason: 'customer' | 'assignee'): EmailPayload => ({
      event,
      audience,
      recipient: { name, reason },
      locale: 'en',
      brand: null,
      ticket: {
        id: ticket.id,
        subject: ticket.subject,
        description: ticket.description,
        status,
        priority: ticket.priority,
        dueDate: ticket.dueDate?.toISOString() ?? null,
        customerName: ticket.customer.name,
        assigneeName: ticket.assignedTo?.name ?? null,
      },
      actorName: null,
      created: false,
      status: { from: ticket.status, to: status },
      assignment: null,
      changes: [],
      comments: [],
      overdue: null,
    });
    const jobs: SendEmailJob[] = [];
    const { customer, assignedTo } = ticket;
    if (customer.email) jobs.push({ to: { name: customer.name, address: customer.email }, email: email(customer.name, 'customer', 'customer') });
    if (assignedTo) jobs.push({ to: { name: assignedTo.name, address: assignedTo.email }, email: email(assignedTo.name, 'staff', 'assignee') });
    if (jobs.length === 0) return;
    // One round trip for both recipients.
    await tx.$executeRaw`SELECT graphile_worker.add_job('send_email', job) FROM json_array_elements(${JSON.stringify(jobs)}::json) AS job`;
  });
}

export interface PeerSender {
  from: string;
  smtpPort: number;
  render: Pick<RenderOptions, 'siteUrl' | 'brand'>;
}

/** A graphile-worker runner with the send_email task; stop() lets the jobs in hand finish and closes the pool. */
export async function startPeerRunner(connectionString: string, o: PeerSender) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: o.smtpPort, secure: false, pool: true, maxConnections: PEER_CONCURRENCY });
  const sendEmail: Task = async (payload) => {
    const { to, email } = payload as SendEmailJob;
    const rendered = await renderEmail(email, o.render);
    await transport.sendMail({ from: o.from, to, subject: rendered.subject, html: rendered.html, text: rendered.text });
  };
  const runner = await run({
    connectionString,
    concurrency: PEER_CONCURRENCY,
    pollInterval: 1000,
    noHandleSignals: true,
    logger: quiet,
    taskList: { send_email: sendEmail },
  });
  return {
    async stop() {
      await runner.stop();
      transport.close();
    },
  };
}
