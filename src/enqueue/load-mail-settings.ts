import type { HostDb, PersonRecord } from '../host-schema';
import type { BrandOverride, MailSettings, Person, PreferenceScope } from '../notifications';
import { addressKey } from '../notifications';

/** One line of the settings read: a turned-off preference, a bouncing address, or a brand. */
interface SettingsLine {
  tag: 'off' | 'bouncing' | 'brand';
  userId: string | null;
  customerId: string | null;
  /** off: the event; bouncing: the address; brand: the company. */
  text: string | null;
  name: string | null;
  color: string | null;
  logoUrl: string | null;
  footer: string | null;
}

// The three lookups share one statement: this read sits on every write that
// queues mail, and each statement through Prisma has a fixed cost of its own.
// The tables are the notifier's own, where people's ids are stored as text.
function settingsStatement(provider: 'sqlite' | 'postgresql', userIds: string[], customerIds: string[], addresses: string[], companies: string[]): [string, ...unknown[]] {
  const values: unknown[] = [];
  const list = (items: unknown[]) => {
    if (items.length === 0) return 'NULL';
    return items.map((v) => (values.push(v), provider === 'sqlite' ? '?' : `$${values.length}`)).join(', ');
  };
  const none = 'NULL, NULL, NULL, NULL';
  // The first branch names the columns (and, on PostgreSQL, types them).
  const brandColumns = ['name', 'color', 'logoUrl', 'footer'].map((c) => `CAST(NULL AS TEXT) AS "${c}"`).join(', ');
  const sql = `
SELECT 'off' AS "tag", "userId", "customerId", "event" AS "text", ${brandColumns}
  FROM "NotificationPreference" WHERE NOT "enabled" AND ("userId" IN (${list(userIds)}) OR "customerId" IN (${list(customerIds)}))
UNION ALL
SELECT 'bouncing', NULL, NULL, "address", ${none} FROM "EmailAddressStatus" WHERE "bouncing" AND "address" IN (${list(addresses)})
UNION ALL
SELECT 'brand', NULL, "customerId", "company", "name", "color", "logoUrl", "footer"
  FROM "Brand" WHERE "customerId" IN (${list(customerIds)}) OR "company" IN (${list(companies)})`;
  return [sql, ...values];
}

const brandOf = (row: SettingsLine): BrandOverride => {
  const brand: BrandOverride = {};
  if (row.name) brand.name = row.name;
  if (row.color) brand.color = row.color;
  if (row.logoUrl) brand.logoUrl = row.logoUrl;
  if (row.footer) brand.footer = row.footer;
  return brand;
};

/** Adds each person's preferences, bounce state and (customers) brand, in one statement whatever the number of people. */
export async function loadMailSettings(db: HostDb, provider: 'sqlite' | 'postgresql', users: PersonRecord[], customers: PersonRecord[]): Promise<Person[]> {
  const addresses = [...users, ...customers].flatMap((p) => (p.email ? [addressKey(p.email)] : []));
  const companies = customers.flatMap((c) => (c.company ? [c.company] : []));
  const lines: SettingsLine[] =
    users.length + customers.length === 0
      ? []
      : await db.$queryRawUnsafe<SettingsLine[]>(
          ...settingsStatement(
            provider,
            users.map((u) => String(u.id)),
            customers.map((c) => String(c.id)),
            addresses,
            companies,
          ),
        );
  const off = new Map<string, Set<PreferenceScope>>();
  const bouncing = new Set<string>();
  const brands: SettingsLine[] = [];
  for (const line of lines) {
    if (line.tag === 'off') {
      const key = line.userId !== null ? `user:${line.userId}` : `customer:${line.customerId}`;
      off.set(key, (off.get(key) ?? new Set()).add(line.text as PreferenceScope));
    } else if (line.tag === 'bouncing') bouncing.add(line.text!);
    else brands.push(line);
  }
  const settingsOf = (p: PersonRecord): MailSettings => ({
    off: off.get(`${p.kind}:${p.id}`) ?? new Set(),
    digest: p.emailDigest === true,
    bouncing: p.email !== null && bouncing.has(addressKey(p.email)),
    locale: p.locale,
  });
  // A customer's own brand wins over their company's, field by field.
  const brandFor = (c: PersonRecord): BrandOverride | null => {
    const own = brands.find((b) => b.customerId !== null && String(b.customerId) === String(c.id));
    const company = c.company ? brands.find((b) => b.customerId === null && b.text === c.company) : undefined;
    if (!own && !company) return null;
    return { ...(company ? brandOf(company) : {}), ...(own ? brandOf(own) : {}) };
  };
  return [
    ...users.map((u) => ({ ...strip(u), settings: settingsOf(u) })),
    ...customers.map((c) => ({ ...strip(c), settings: settingsOf(c), brand: brandFor(c) })),
  ];
}

const strip = ({ kind, id, name, email, active }: PersonRecord): Person => ({ kind, id, name, email, active });
