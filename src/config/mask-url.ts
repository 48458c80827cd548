// Query parameters some drivers read a password from (pg: ?password=).
const SECRET_PARAM = /^(password|passwd|pass|pwd)$/i;

/**
 * A URL fit for an error message or a log: its password, in the user part or
 * in the query, is replaced by ***. It is read with the WHATWG URL parser,
 * which splits the user part at its last `@`, so `u:p@ssw0rd@h` loses all of
 * `p@ssw0rd` (a pattern matched up to the first `@` printed `ssw0rd`).
 *
 * A string the parser cannot read, or reads with an `@` outside the user part
 * (`u:pa/ss@h`, `u:1?x@h`: a password with an unencoded `/`, `?` or `#`), may
 * hold a password the parser did not see: everything after its scheme is
 * hidden then. `file:` URLs (SQLite) carry no credentials and are shown whole.
 */
export function maskUrl(value: string): string {
  const scheme = /^\s*([a-z][a-z0-9+.-]*:)(\/\/)?/i.exec(value);
  const hidden = scheme ? `${scheme[1]}${scheme[2] ?? ''}***` : '***';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Without a scheme it is no URL at all (`help.example.com`); only a user part or a query could hold a password.
    return scheme || /[@=]/.test(value) ? hidden : value;
  }
  if (url.protocol === 'file:') return value;
  if (`${url.host}${url.pathname}${url.search}${url.hash}`.includes('@')) return hidden;
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) if (SECRET_PARAM.test(key)) url.searchParams.set(key, '***');
  return url.href;
}
