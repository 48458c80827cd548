/** The person as they are now: a digest goes to their current address, in their current language. */
export interface StaffMember {
  id: number;
  name: string;
  email: string;
  active: boolean;
  locale: string | null;
}

export function readStaffMember(db: any, id: number): Promise<StaffMember | null> {
  return db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true, active: true, locale: true } });
}
