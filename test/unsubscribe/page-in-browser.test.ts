import type { Browser } from 'playwright-core';
import { signUnsubscribeToken } from '../../src/unsubscribe';
import { describeInBrowser, launchChromium } from '../support/browser';
import { TEST_SECRET_KEY, type Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';
import { startUnsubscribeServer, type Running } from './unsubscribe-server';

let h: Harness;
let people: People;
let app: Running;
let browser: Browser;

const linkFor = (kind: 'user' | 'customer', id: number, scope: 'all' | 'comment_added') =>
  `${app.baseUrl}/unsubscribe?token=${signUnsubscribeToken({ kind, id: String(id), scope }, TEST_SECRET_KEY, new Date(Date.now() + 86400_000))}`;
const preferences = () => h.db.prisma.notificationPreference.findMany({ select: { userId: true, customerId: true, event: true, enabled: true, source: true } });

describeInBrowser('the unsubscribe page in a browser', () => {
  withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });
  beforeAll(async () => {
    app = await startUnsubscribeServer(h);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => h.db.prisma.notificationPreference.deleteMany());

  it('asks first, then the button unsubscribes', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(linkFor('user', people.bob.id, 'comment_added'));
      expect(await page.title()).toBe('Unsubscribe · Helpdesk');
      expect(await page.locator('main').innerText()).toContain('Stop emails about new comments to b***@staff.test?');
      // Opening the page changed nothing.
      expect(await preferences()).toEqual([]);

      await Promise.all([page.waitForURL(/unsubscribe/), page.getByRole('button', { name: 'Unsubscribe from these emails' }).click()]);
      await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('You will no longer get emails about new comments at b***@staff.test.');
      expect(await preferences()).toEqual([{ userId: String(people.bob.id), customerId: null, event: 'comment_added', enabled: false, source: 'unsubscribe' }]);
    } finally {
      await page.close();
    }
  });

  it('offers "all" too, in the recipient’s language', async () => {
    await h.db.prisma.customer.update({ where: { id: people.carol.id }, data: { locale: 'de-AT' } });
    const page = await browser.newPage();
    try {
      await page.goto(linkFor('customer', people.carol.id, 'comment_added'));
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      expect(await page.locator('main').innerText()).toContain('Keine E-Mails über neue Kommentare mehr an c***@customer.test senden?');
      await Promise.all([page.waitForURL(/unsubscribe/), page.getByRole('button', { name: 'Alle E-Mails abbestellen' }).click()]);
      await page.getByRole('heading', { name: 'Sie sind abgemeldet' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('Sie erhalten an c***@customer.test keine E-Mails von Helpdesk mehr.');
      expect(await preferences()).toEqual([{ userId: null, customerId: String(people.carol.id), event: 'all', enabled: false, source: 'unsubscribe' }]);
    } finally {
      await page.close();
      await h.db.prisma.customer.update({ where: { id: people.carol.id }, data: { locale: null } });
    }
  });

  it('says clearly when a link has been changed, and offers no button', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${linkFor('user', people.bob.id, 'all').slice(0, -3)}xyz`);
      expect(response?.status()).toBe(400);
      expect(await page.locator('main').innerText()).toContain('This unsubscribe link is incomplete or has been changed.');
      expect(await page.getByRole('button').count()).toBe(0);
      expect(await preferences()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
