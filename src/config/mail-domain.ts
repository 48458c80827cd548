/** The domain of a sender address (`Name <a@example.com>` or `a@example.com`), lower-case. */
export function mailDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return (match?.[1] ?? 'localhost').toLowerCase();
}
