import fc from 'fast-check';
import { runAs, type Actor } from '../../src';
import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const STATUSES = ['new', 'open', 'in_progress', 'pending', 'resolved', 'closed'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const STAFF = ['ada', 'bob', 'cyd'] as const;
type Staff = (typeof STAFF)[number];
type ActorName = Staff | 'customer' | 'nobody';

type Op =
  | { kind: 'status'; to: (typeof STATUSES)[number]; actor: ActorName }
  | { kind: 'assign'; to: Staff | null; actor: ActorName }
  | { kind: 'priority'; to: (typeof PRIORITIES)[number]; actor: ActorName }
  | { kind: 'comment'; internal: boolean; author: Staff };

const actorArb = fc.constantFrom<ActorName>('ada', 'bob', 'cyd', 'customer', 'nobody');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom(...STATUSES), actor: actorArb }),
  fc.record({ kind: fc.constant('assign' as const), to: fc.constantFrom<Staff | null>('ada', 'bob', 'cyd', null), actor: actorArb }),
  fc.record({ kind: fc.constant('priority' as const), to: fc.constantFrom(...PRIORITIES), actor: actorArb }),
  fc.record({ kind: fc.constant('comment' as const), internal: fc.boolean(), author: fc.constantFrom(...STAFF) }),
);

const CUSTOMER = 'carol@customer.test';
const address = (s: Staff) => `${s}@staff.test`;

/**
 * The rules of the pipeline, written out again independently of the code
 * under test: who must receive mail for one operation on the ticket.
 */
function expectedRecipients(
  state: { status: string; priority: string; assignee: Staff | null; internalAuthors: Set<Staff> },
  op: Op,
): Set<string> {
  const out = new Set<string>();
  const actorAddress = op.kind === 'comment' ? address(op.author) : op.actor === 'customer' ? CUSTOMER : op.actor === 'nobody' ? null : address(op.actor);
  const add = (a: string | null) => {
    if (a && a !== actorAddress) out.add(a);
  };
  const assignee = state.assignee ? address(state.assignee) : null;
  switch (op.kind) {
    case 'status':
      if (op.to !== state.status) [CUSTOMER, assignee].forEach(add);
      break;
    case 'assign':
      if (op.to !== null && op.to !== state.assignee) add(address(op.to));
      break;
    case 'priority':
      if (op.to !== state.priority) add(assignee);
      break;
    case 'comment':
      if (!op.internal) [CUSTOMER, assignee].forEach(add);
      else [assignee, address('cyd'), ...[...state.internalAuthors].map(address)].forEach(add);
      break;
  }
  return out;
}

it('no customer ever receives an internal comment, and every recipient set follows the rules', async () => {
  const ids: Record<Staff, number> = { ada: people.ada.id, bob: people.bob.id, cyd: people.cyd.id };
  const secrets: string[] = [];
  // Proof that the check below can fail: the same search finds the notes in the team's emails.
  let staffSawSecrets = 0;
  // Internal comments that someone on the team was due to receive (one by the only team member involved reaches no one).
  let secretsForStaff = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
      run++;
      const t = await h.db.prisma.ticket.create({ data: { subject: `Run ${run}`, customerId: people.carol.id, createdById: people.cyd.id } });
      const state = { status: 'new', priority: 'medium', assignee: null as Staff | null, internalAuthors: new Set<Staff>() };
      for (const [i, op] of ops.entries()) {
        await h.notifier.drain();
        h.mail.clear();
        const expected = expectedRecipients(state, op);
        if (op.kind === 'comment' && op.internal && expected.size > 0) secretsForStaff++;
        const db = h.notifier.client;
        const actor: Actor | undefined =
          op.kind === 'comment' || op.actor === 'nobody' ? undefined : op.actor === 'customer' ? { kind: 'customer', id: people.carol.id } : { kind: 'user', id: ids[op.actor] };
        const write = (): PromiseLike<unknown> => {
          switch (op.kind) {
            case 'status':
              return db.ticket.update({ where: { id: t.id }, data: { status: op.to } });
            case 'assign':
              return db.ticket.update({ where: { id: t.id }, data: { assignedToId: op.to ? ids[op.to] : null } });
            case 'priority':
              return db.ticket.update({ where: { id: t.id }, data: { priority: op.to } });
            case 'comment': {
              const content = `${op.internal ? 'SECRET' : 'public'}-${run}-${i} note`;
              if (op.internal) secrets.push(content);
              return db.ticketComment.create({ data: { ticketId: t.id, authorId: ids[op.author], content, isInternal: op.internal } });
            }
          }
        };
        await (actor ? runAs(actor, write) : write());
        await h.notifier.drain();
        const got = new Set(h.mail.messages.flatMap((m) => m.envelopeTo));
        expect({ op, recipients: [...got].sort() }).toEqual({ op, recipients: [...expected].sort() });
        expect(h.mail.messages.length).toBe(got.size);
        for (const m of h.mail.messages) {
          const shown = `${m.parsed.subject}\n${m.parsed.text}\n${m.parsed.html}`;
          if (!m.envelopeTo.includes(CUSTOMER)) {
            if (secrets.some((secret) => shown.includes(secret))) staffSawSecrets++;
            continue;
          }
          for (const secret of secrets) expect(shown).not.toContain(secret);
        }
        if (op.kind === 'status') state.status = op.to;
        if (op.kind === 'assign') state.assignee = op.to;
        if (op.kind === 'priority') state.priority = op.to;
        if (op.kind === 'comment' && op.internal) state.internalAuthors.add(op.author);
      }
    }),
    { numRuns: 15, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) },
  );
  if (secretsForStaff > 0) expect(staffSawSecrets).toBeGreaterThan(0);
}, 300_000);
