import type { BrandOverride, MailSettings, Person, PreferenceScope } from '../notifications';
import { addressKey } from '../notifications';

type Db = any;

/** A person as read from User or Customer, with the columns their settings start from. */
export interface PersonRecord extends Person {
  locale: string | null;
  emailDigest?: boolean;
  company?: string | null;
}

const brandOf = (row: { name: string | null; color: string | null; logoUrl: string | null; footer: string | null }): BrandOverride => {
  const brand: BrandOverride = {};
  if (row.name) brand.name = row.name;
  if (row.color) brand.color = row.color;
  if (row.logoUrl) brand.logoUrl = row.logoUrl;
  if (row.footer) brand.footer = row.footer;
  return brand;
};

/**
 * Adds each person's preferences, bounce state and (customers) brand: three
 * queries, run together, whatever the number of people.
 */
export async function loadMailSettings(db: Db, users: PersonRecord[], customers: PersonRecord[]): Promise<Person[]> {
  const userIds = users.map((u) => u.id);
  const customerIds = customers.map((c) => c.id);
  const addresses = [...users, ...customers].flatMap((p) => (p.email ? [addressKey(p.email)] : []));
  const companies = customers.flatMap((c) => (c.company ? [c.company] : []));
  const [preferences, bouncing, brands] = await Promise.all([
    userIds.length + customerIds.length > 0
      ? db.notificationPreference.findMany({
          where: { enabled: false, OR: [{ userId: { in: userIds } }, { customerId: { in: customerIds } }] },
          select: { userId: true, customerId: true, event: true },
        })
      : [],
    addresses.length > 0 ? db.emailAddressStatus.findMany({ where: { address: { in: addresses }, bouncing: true }, select: { address: true } }) : [],
    customerIds.length > 0
      ? db.brand.findMany({ where: { OR: [{ customerId: { in: customerIds } }, ...(companies.length > 0 ? [{ company: { in: companies } }] : [])] } })
      : [],
  ]);
  const off = new Map<string, Set<PreferenceScope>>();
  for (const p of preferences as { userId: number | null; customerId: number | null; event: string }[]) {
    const key = p.userId !== null ? `user:${p.userId}` : `customer:${p.customerId}`;
    off.set(key, (off.get(key) ?? new Set()).add(p.event as PreferenceScope));
  }
  const bouncingAddresses = new Set((bouncing as { address: string }[]).map((b) => b.address));
  const settingsOf = (p: PersonRecord): MailSettings => ({
    off: off.get(`${p.kind}:${p.id}`) ?? new Set(),
    digest: p.emailDigest === true,
    bouncing: p.email !== null && bouncingAddresses.has(addressKey(p.email)),
    locale: p.locale,
  });
  // A customer's own brand wins over their company's, field by field.
  const brandFor = (c: PersonRecord): BrandOverride | null => {
    const own = brands.find((b: { customerId: number | null }) => b.customerId === c.id);
    const company = c.company ? brands.find((b: { company: string | null }) => b.company === c.company) : undefined;
    if (!own && !company) return null;
    return { ...(company ? brandOf(company) : {}), ...(own ? brandOf(own) : {}) };
  };
  return [
    ...users.map((u) => ({ ...strip(u), settings: settingsOf(u) })),
    ...customers.map((c) => ({ ...strip(c), settings: settingsOf(c), brand: brandFor(c) })),
  ];
}

const strip = ({ kind, id, name, email, active }: PersonRecord): Person => ({ kind, id, name, email, active });
