import DailyDigest from '../../emails/daily-digest';
import { missingTranslations } from '../../emails/_i18n';
import { en } from '../../emails/_i18n/en';
import { createRenderer, renderDigest } from '../../src/rendering';

const props = DailyDigest.PreviewProps;

describe('the daily digest template', () => {
  it('renders every ticket, entry and comment excerpt, with links to the tickets', async () => {
    const r = await renderDigest(props.payload, { siteUrl: props.siteUrl });
    expect(r.subject).toBe('[Helpdesk] Your daily summary: 5 updates on 2 tickets');
    expect(r.html).toContain('href="https://helpdesk.example.com/tickets/42"');
    expect(r.html).toContain('href="https://helpdesk.example.com/tickets/57"');
    expect(r.html).toMatch(/<html[^>]* lang="en"/);
    expect(r.text).toContain('Hello Grace Hopper');
    expect(r.text).toContain('08:12 UTC · Assigned to you, by Ada Lovelace');
    expect(r.text).toContain('Status: Open → In progress');
    expect(r.text).toContain('Marie Curie wrote:');
    expect(r.text).toContain('Attached: printer.jpg');
    expect(r.text).toContain('Internal note by Ada Lovelace');
    expect(r.text).toContain('Was due on 20 Nov 2026 and is still open');
    expect(r.text).toContain('You receive this summary because you chose one email a day');
    // Every placeholder was filled.
    expect(r.text).not.toMatch(/\{\w+\}/);
  });

  it('in German, with every digest text translated', async () => {
    const r = await renderDigest({ ...props.payload, locale: 'de' }, { siteUrl: props.siteUrl, brand: { name: 'Acme', color: '#111111', footer: 'Acme GmbH' } });
    expect(r.subject).toBe('[Acme] Ihre tägliche Zusammenfassung: 5 Neuigkeiten zu 2 Tickets');
    expect(r.html).toMatch(/<html[^>]* lang="de"/);
    expect(r.text).toContain('Hallo Grace Hopper');
    expect(r.text).toContain('Status: Offen → In Bearbeitung');
    expect(r.text).toContain('Acme GmbH');
    const digestKeys = Object.keys(en).filter((k) => k.startsWith('digest'));
    expect(digestKeys.length).toBeGreaterThan(10);
    expect(missingTranslations('de').filter((k) => k.startsWith('digest'))).toEqual([]);
  });

  it('the renderer the senders use sends digest payloads to this template', async () => {
    const render = createRenderer({ siteUrl: props.siteUrl });
    const r = await render(props.payload);
    expect(r.subject).toBe('[Helpdesk] Your daily summary: 5 updates on 2 tickets');
    expect(r.text).toContain('VPN drops every hour');
  });
});
