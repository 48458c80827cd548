import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The host app's models are named in src/host-schema/ only (and in the demo app around the library, which is
// the host). Anywhere else, a call on a host model or a host table in SQL ties the notifier to one schema.
const src = join(__dirname, '..', '..', 'src');
const ALLOWED = ['host-schema', 'demo', join('db', 'generated')];
const HOST_CALL = /\.(ticket|ticketComment|user|customer|ticketAttachment)\.(find|create|update|upsert|count|delete|aggregate|groupBy)\w*\(/;
const HOST_TABLE = /"(Ticket|TicketComment|User|Customer|TicketAttachment)"/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ALLOWED.includes(relative(src, path)) ? [] : files(path);
    return path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : [];
  });
}

describe('knowledge of the host schema', () => {
  it('no code outside src/host-schema calls a host model or names a host table', () => {
    const found = files(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (HOST_CALL.test(line) || HOST_TABLE.test(line) ? [`${relative(src, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('the check finds what it looks for', () => {
    expect(HOST_CALL.test('await db.ticket.findMany({})')).toBe(true);
    expect(HOST_TABLE.test('SELECT * FROM "TicketComment"')).toBe(true);
    expect(HOST_CALL.test('payload.ticket.id')).toBe(false);
  });
});
