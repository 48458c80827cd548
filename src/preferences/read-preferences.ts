import { isMandatory, notificationEvents, type NotificationEvent } from '../notifications';
import { preferenceOwner, type PersonRef } from './person-ref';

export interface PreferenceView {
  /** false after an unsubscribe from everything (or the app turning all off). */
  all: boolean;
  /** Per event: whether they get it, and whether they could turn it off. */
  events: Record<NotificationEvent, { enabled: boolean; mandatory: boolean }>;
}

/** What a settings page shows: every event, with the stored choice or the default (on). */
export async function readPreferences(db: any, who: PersonRef): Promise<PreferenceView> {
  const owner = preferenceOwner(who);
  const rows: { event: string; enabled: boolean }[] = await db.notificationPreference.findMany({
    where: owner.kind === 'user' ? { userId: owner.id } : { customerId: owner.id },
    select: { event: true, enabled: true },
  });
  const stored = new Map(rows.map((r) => [r.event, r.enabled]));
  const events = Object.fromEntries(
    notificationEvents.map((e) => {
      const mandatory = isMandatory(owner.kind, e);
      return [e, { enabled: mandatory || stored.get(e) !== false, mandatory }];
    }),
  ) as PreferenceView['events'];
  return { all: stored.get('all') !== false, events };
}
