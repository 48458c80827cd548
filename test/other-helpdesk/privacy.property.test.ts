import fc from 'fast-check';
import { runAs, type Actor } from '../../src';
import { withOtherHarness, type Cast, type OtherHarness } from './support/harness';

// test/reliability/privacy.property.test.ts on the second helpdesk: private
// notes (isPrivate) never reach the requester, and every recipient set follows
// the rules, whatever sequence of writes comes.

let h: OtherHarness;
let people: Cast;
withOtherHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const STATES = ['todo', 'doing', 'waiting', 'solved', 'archived'] as const;
const URGENCIES = ['low', 'normal', 'fire'] as const;
const STAFF = ['ada', 'bob', 'cyd'] as const;
type Staff = (typeof STAFF)[number];
type ActorName = Staff | 'requester' | 'nobody';

type Op =
  | { kind: 'state'; to: (typeof STATES)[number]; actor: ActorName }
  | { kind: 'own'; to: Staff | null; actor: ActorName }
  | { kind: 'urgency'; to: (typeof URGENCIES)[number]; actor: ActorName }
  | { kind: 'note'; isPrivate: boolean; writer: Staff; nested: boolean };

const actorArb = fc.constantFrom<ActorName>('ada', 'bob', 'cyd', 'requester', 'nobody');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('state' as const), to: fc.constantFrom(...STATES), actor: actorArb }),
  fc.record({ kind: fc.constant('own' as const), to: fc.constantFrom<Staff | null>('ada', 'bob', 'cyd', null), actor: actorArb }),
  fc.record({ kind: fc.constant('urgency' as const), to: fc.constantFrom(...URGENCIES), actor: actorArb }),
  fc.record({ kind: fc.constant('note' as const), isPrivate: fc.boolean(), writer: fc.constantFrom(...STAFF), nested: fc.boolean() }),
);

const REQUESTER = 'carol@customer.test';
const address = (s: Staff) => `${s}@staff.test`;

/** The rules, written out again independently of the code under test: who must receive mail for one operation. */
function expectedRecipients(state: { state: string; urgency: string | null; owner: Staff | null; privateWriters: Set<Staff> }, op: Op): Set<string> {
  const out = new Set<string>();
  const actorAddress = op.kind === 'note' ? address(op.writer) : op.actor === 'requester' ? REQUESTER : op.actor === 'nobody' ? null : address(op.actor);
  const add = (a: string | null) => {
    if (a && a !== actorAddress) out.add(a);
  };
  const owner = state.owner ? address(state.owner) : null;
  switch (op.kind) {
    case 'state':
      if (op.to !== state.state) [REQUESTER, owner].forEach(add);
      break;
    case 'own':
      if (op.to !== null && op.to !== state.owner) add(address(op.to));
      break;
    case 'urgency':
      if (op.to !== state.urgency) add(owner);
      break;
    case 'note':
      // cyd reports every issue here.
      if (!op.isPrivate) [REQUESTER, owner].forEach(add);
      else [owner, address('cyd'), ...[...state.privateWriters].map(address)].forEach(add);
      break;
  }
  return out;
}

it('no requester ever receives a private note, and every recipient set follows the rules', async () => {
  const ids: Record<Staff, string> = { ada: people.ada.id, bob: people.bob.id, cyd: people.cyd.id };
  const secrets: string[] = [];
  // Proof that the check below can fail: the same search finds the notes in the team's emails.
  let staffSawSecrets = 0;
  // Private notes that someone on the team was due to receive (a note by the only team member involved reaches no one).
  let secretsForStaff = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
      run++;
      const t = await h.db.prisma.issue.create({ data: { title: `Run ${run}`, requesterId: people.carol.id, reporterId: people.cyd.id } });
      const state = { state: 'todo', urgency: null as string | null, owner: null as Staff | null, privateWriters: new Set<Staff>() };
      for (const [i, op] of ops.entries()) {
        await h.notifier.drain();
        h.mail.clear();
        const expected = expectedRecipients(state, op);
        if (op.kind === 'note' && op.isPrivate && expected.size > 0) secretsForStaff++;
        const db = h.app;
        const actor: Actor | undefined =
          op.kind === 'note' || op.actor === 'nobody' ? undefined : op.actor === 'requester' ? { kind: 'customer', id: people.carol.id } : { kind: 'user', id: ids[op.actor] };
        const write = (): PromiseLike<unknown> => {
          switch (op.kind) {
            case 'state':
              return db.issue.update({ where: { id: t.id }, data: { state: op.to } });
            case 'own':
              return db.issue.update({ where: { id: t.id }, data: { ownerId: op.to ? ids[op.to] : null } });
            case 'urgency':
              return db.issue.update({ where: { id: t.id }, data: { urgency: op.to } });
            case 'note': {
              const text = `${op.isPrivate ? 'SECRET' : 'public'}-${run}-${i} note`;
              if (op.isPrivate) secrets.push(text);
              const note = { writerId: ids[op.writer], text, isPrivate: op.isPrivate };
              return op.nested
                ? db.issue.update({ where: { id: t.id }, data: { notes: { create: note } } })
                : db.issueNote.create({ data: { issueId: t.id, ...note } });
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
          if (!m.envelopeTo.includes(REQUESTER)) {
            if (secrets.some((secret) => shown.includes(secret))) staffSawSecrets++;
            continue;
          }
          for (const secret of secrets) expect(shown).not.toContain(secret);
        }
        if (op.kind === 'state') state.state = op.to;
        if (op.kind === 'own') state.owner = op.to;
        if (op.kind === 'urgency') state.urgency = op.to;
        if (op.kind === 'note' && op.isPrivate) state.privateWriters.add(op.writer);
      }
    }),
    { numRuns: 15, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) },
  );
  if (secretsForStaff > 0) expect(staffSawSecrets).toBeGreaterThan(0);
}, 300_000);
