import { allPreviews, previewProps } from '../../emails/previews';
import { t } from '../../emails/_i18n';
import { createRenderer, renderEmail, renderEmailHtml, subjectFor } from '../../src/rendering';
import type { EmailPayload } from '../../src/notifications';

const options = { siteUrl: 'https://helpdesk.example.com' };
const render = (payload: EmailPayload) => renderEmail(payload, options);

// Phrases of the English templates that must not show up in a German email.
const ENGLISH = ['Hello', 'You receive this', 'View ticket', 'Priority', 'Assigned to', 'Not assigned', 'wrote:', 'Due', 'ticket was', 'this ticket'];

const SUBJECT_TITLE: Record<EmailPayload['event'], string> = {
  ticket_created: 'Neues Ticket',
  ticket_assigned: 'Ihnen zugewiesen',
  status_changed: 'Status geändert',
  ticket_resolved: 'Gelöst',
  ticket_closed: 'Geschlossen',
  comment_added: 'Neuer Kommentar',
  ticket_updated: 'Ticket geändert',
  ticket_overdue: 'Überfällig',
};

describe.each(allPreviews('de'))('$file template in German', ({ event, props }) => {
  it('has a German subject, heading and lang, and none of the English phrases', async () => {
    const email = await render(props.payload);
    expect(email.subject).toBe(`[#42] ${SUBJECT_TITLE[event]}: ${props.payload.ticket.subject}`);
    expect(email.html).toMatch(/<html[^>]* lang="de"/);
    expect(email.html).toMatch(/<h1[^>]*>[^<]*(Ticket|Anfrage|Antwort|Notiz)[^<]*#42/);
    for (const phrase of ENGLISH) expect(email.text).not.toContain(phrase);
    expect(email.text).toContain('Sie erhalten diese E-Mail');
  });

  it('shows the staff version in German too', async () => {
    const email = await render({ ...props.payload, audience: 'staff', recipient: { name: 'Grace', reason: 'assignee' } });
    for (const phrase of ENGLISH) expect(email.text).not.toContain(phrase);
    expect(email.text).toContain('weil Ihnen Ticket #42 zugewiesen ist');
  });
});

describe.each(allPreviews('en'))('$file template in English', ({ props }) => {
  it('says lang="en" whether the payload names English or predates languages', async () => {
    expect((await render(props.payload)).html).toMatch(/<html[^>]* lang="en"/);
    expect((await render({ ...props.payload, locale: 'en' })).html).toBe((await render(props.payload)).html);
  });
});

describe('German details', () => {
  it('dates in the German way, still the UTC day', async () => {
    const { payload } = previewProps({ locale: 'de', ticket: { ...previewProps().payload.ticket, dueDate: '2026-03-01T00:00:00.000Z' } });
    const email = await render(payload);
    expect(email.text).toContain('1. März 2026');
    const english = await render({ ...payload, locale: 'en' });
    expect(english.text).toContain('1 Mar 2026');
  });

  it('labels statuses, priorities and changed fields', async () => {
    const { payload } = previewProps({
      locale: 'de',
      event: 'ticket_updated',
      audience: 'staff',
      recipient: { name: 'Grace', reason: 'assignee' },
      status: { from: 'open', to: 'in_progress' },
      changes: [
        { field: 'priority', from: 'high', to: 'urgent' },
        { field: 'dueDate', from: null, to: '2026-12-01T00:00:00.000Z' },
      ],
    });
    const email = await render(payload);
    expect(email.text).toContain('Priorität: Hoch → Dringend');
    expect(email.text).toContain('Fälligkeitsdatum: keines → 1. Dez. 2026');
    expect(email.text).toContain('Offen → In Bearbeitung');
  });

  it('says "ist jetzt in Bearbeitung", with the status as a sentence needs it', async () => {
    const { payload } = previewProps({ locale: 'de', event: 'status_changed', status: { from: 'open', to: 'in_progress' }, ticket: { ...previewProps().payload.ticket, status: 'in_progress' } });
    expect((await render(payload)).html).toContain('Ticket #42 ist jetzt in Bearbeitung');
  });

  it('marks an internal note in the subject and the caption', async () => {
    const { payload } = previewProps({
      locale: 'de',
      event: 'comment_added',
      audience: 'staff',
      recipient: { name: 'Grace', reason: 'participant' },
      comments: [{ id: 1, authorName: 'Linus', content: 'Firmware prüfen', isInternal: true, createdAt: '2026-11-24T10:50:00.000Z' }],
    });
    const email = await render(payload);
    expect(email.subject).toMatch(/^\[#42\] Interne Notiz: /);
    expect(email.text).toContain('Interne Notiz von Linus');
    expect(email.text).toContain('Im Ticket antworten');
    expect(email.text).toContain(t('de', 'reasonParticipant', { ticket: '#42' }));
  });

  it('keeps the subject in English for a payload without a locale', () => {
    expect(subjectFor(previewProps({ event: 'ticket_overdue' }).payload)).toMatch(/^\[#42\] Overdue: /);
    expect(subjectFor(previewProps({ event: 'ticket_overdue', locale: 'de' }).payload)).toMatch(/^\[#42\] Überfällig: /);
  });
});

describe('shared render', () => {
  it('keeps one cache entry per language: a German and an English recipient of the same event get their own email', async () => {
    const rendered: EmailPayload[] = [];
    const shared = createRenderer(options, {
      renderHtml: (p, o) => {
        rendered.push(p);
        return renderEmailHtml(p, o);
      },
    });
    const { payload } = previewProps({ event: 'ticket_resolved' });
    const english = await shared({ ...payload, locale: 'en' });
    const german = await shared({ ...payload, locale: 'de', recipient: { ...payload.recipient, name: 'Erika' } });
    const germanAgain = await shared({ ...payload, locale: 'de', recipient: { ...payload.recipient, name: 'Hans' } });
    expect(rendered.map((p) => p.locale)).toEqual(['en', 'de']);
    expect(english.html).toContain('has been resolved');
    expect(german.html).toContain('Hallo Erika,');
    expect(germanAgain.html).toContain('Hallo Hans,');
    expect(germanAgain.subject).toMatch(/Gelöst/);
  });
});
