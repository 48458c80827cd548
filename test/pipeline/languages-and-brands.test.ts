import { createHarness, type Harness } from '../support/notifier-harness';

// One write, several recipients, each in their own language and (customers)
// with their own brand: through the real database, outbox and SMTP server.
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ EMAIL_DEFAULT_LOCALE: 'en', BRAND_NAME: 'House Desk', BRAND_COLOR: '#123456' });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.notifier.drain();
  h.mail.clear();
});

let n = 0;
const unique = (s: string) => `${s}-${++n}`;

async function staff(locale: string | null = null) {
  const name = unique('staff');
  return h.db.prisma.user.create({ data: { name, email: `${name}@staff.test`, locale } });
}

async function customer(data: { locale?: string | null; company?: string | null } = {}) {
  const name = unique('customer');
  return h.db.prisma.customer.create({ data: { name, email: `${name}@customer.test`, locale: data.locale ?? null, company: data.company ?? null } });
}

/** Creates a ticket through `notifier` (the app's write), delivers, and returns the email each address got. */
async function ticketFor(customerId: number, assignedToId: number, notifier = h.notifier) {
  const creator = await staff();
  await notifier.client.ticket.create({ data: { subject: 'Drucker brennt', customerId, createdById: creator.id, assignedToId } });
  await notifier.drain();
  const byAddress = (email: string) => {
    const got = h.mail.to(email);
    expect(got).toHaveLength(1);
    return got[0].parsed;
  };
  return byAddress;
}

describe('languages', () => {
  it('a German customer and a staff member without a language get German and English from the same write', async () => {
    const kunde = await customer({ locale: 'de' });
    const agent = await staff(null);
    const mail = await ticketFor(kunde.id, agent.id);
    const german = mail(kunde.email!);
    expect(german.subject).toMatch(/^\[#\d+\] Neues Ticket: Drucker brennt$/);
    expect(german.html).toMatch(/<html[^>]* lang="de"/);
    expect(german.text).toContain(`Hallo ${kunde.name}, vielen Dank für Ihre Nachricht.`);
    expect(german.text).toContain('Sie erhalten diese E-Mail, weil Ticket');
    expect(german.text).not.toMatch(/Hello|You receive this|View ticket/);
    const english = mail(agent.email);
    expect(english.subject).toMatch(/^\[#\d+\] New ticket: Drucker brennt$/);
    expect(english.html).toMatch(/<html[^>]* lang="en"/);
    expect(english.text).toContain('You receive this because you are assigned to ticket');
  });

  it('EMAIL_DEFAULT_LOCALE=de makes German the language of everyone who has not chosen one', async () => {
    const germanDefault = h.makeNotifier({ EMAIL_DEFAULT_LOCALE: 'de' });
    const someone = await customer();
    const english = await customer({ locale: 'en' });
    const agent = await staff(null);
    const mail = await ticketFor(someone.id, agent.id, germanDefault);
    expect(mail(someone.email!).subject).toMatch(/Neues Ticket/);
    expect(mail(agent.email).subject).toMatch(/Neues Ticket/);
    expect(mail(agent.email).text).toContain('weil Ihnen Ticket');

    h.mail.clear();
    const chosen = await ticketFor(english.id, agent.id, germanDefault);
    expect(chosen(english.email!).subject).toMatch(/New ticket/);
  });

  it.each([
    ['de-AT', 'de'],
    ['DE_ch', 'de'],
    ['fr', 'en'],
    ['fr-CA', 'en'],
  ])('a stored locale of %s gives %s', async (stored, expected) => {
    const person = await customer({ locale: stored });
    const mail = await ticketFor(person.id, (await staff()).id);
    const got = mail(person.email!);
    expect(got.html).toMatch(new RegExp(`<html[^>]* lang="${expected}"`));
    expect(got.subject).toMatch(expected === 'de' ? /Neues Ticket/ : /New ticket/);
  });
});

describe('per-customer branding', () => {
  it('each customer gets their company’s brand (their own fields over it), others and staff the house brand', async () => {
    await h.db.prisma.brand.create({
      data: { company: 'Acme', name: 'Acme Support', color: '#ff6600', logoUrl: 'https://acme.example/logo.png', footer: 'Acme GmbH, Hauptstraße 1' },
    });
    const carol = await customer({ company: 'Acme' });
    const erin = await customer({ company: 'Acme' });
    const dave = await customer({ company: 'Globex' });
    await h.db.prisma.brand.create({ data: { customerId: String(carol.id), color: '#cc0000' } });
    const agent = await staff();

    const forCarol = await ticketFor(carol.id, agent.id);
    const carolMail = forCarol(carol.email!);
    expect(carolMail.html).toContain('background-color:#cc0000');
    expect(carolMail.html).not.toContain('#ff6600');
    expect(carolMail.html).toContain('src="https://acme.example/logo.png"');
    expect(carolMail.html).toContain('alt="Acme Support"');
    expect(carolMail.text).toContain('Acme GmbH, Hauptstraße 1');
    const staffMail = forCarol(agent.email);
    expect(staffMail.html).toContain('background-color:#123456');
    expect(staffMail.html).toContain('House Desk');
    expect(staffMail.html).not.toMatch(/Acme|#cc0000|#ff6600/);

    h.mail.clear();
    const erinMail = (await ticketFor(erin.id, agent.id))(erin.email!);
    expect(erinMail.html).toContain('background-color:#ff6600');
    expect(erinMail.html).toContain('alt="Acme Support"');

    h.mail.clear();
    const daveMail = (await ticketFor(dave.id, agent.id))(dave.email!);
    expect(daveMail.html).toContain('background-color:#123456');
    expect(daveMail.html).toContain('House Desk');
    expect(daveMail.html).not.toMatch(/Acme|#cc0000|#ff6600/);
  });

  it('a brand row with a bad colour or an http logo still sends the email, with the house values for those fields', async () => {
    await h.db.prisma.brand.create({ data: { company: 'Initech', name: 'Initech Help', color: 'orange', logoUrl: 'http://initech.example/logo.png' } });
    const peter = await customer({ company: 'Initech' });
    const mail = (await ticketFor(peter.id, (await staff()).id))(peter.email!);
    expect(mail.html).toContain('background-color:#123456');
    expect(mail.html).not.toContain('http://initech.example');
    expect(mail.html).toContain('Initech Help');
  });
});
