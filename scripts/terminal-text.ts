// Control characters and bidirectional overrides. Cc is C0 (ESC, CR, LF, BEL,
// …), DEL and C1 (U+0080–U+009F, which some terminals obey like ESC
// sequences); Bidi_Control reorders what follows it on screen (U+202E makes
// "moc.evil" read as "live.com"). U+2028/U+2029 break lines in some terminals.
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escaped = (c: string) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Text from outside (a bounce report, an address, a file name) made safe to
 * print on a terminal: every control character becomes a visible escape, so
 * a report cannot move the cursor, clear the screen, set the window title,
 * ring the bell, hide text behind a carriage return or reorder a line.
 * Everything else, other scripts and emoji included, is printed as it is.
 */
export function terminalText(value: string): string {
  return value.replace(UNSAFE, escaped);
}
