/**
 * Text that goes into a mail header: control characters (CR, LF, tabs and the
 * rest) become single spaces, so user content can never start a new header.
 */
export function headerText(value: string, maxLength = 200): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  // Cut on a code point boundary so an emoji is never split in half.
  return `${Array.from(flat).slice(0, maxLength - 1).join('').trimEnd()}…`;
}
