/**
 * A comment shortened for a summary line: whitespace folded to single spaces,
 * cut at a word boundary near `max` characters, with an ellipsis when cut.
 * Counts code points, so a cut never splits an emoji or a surrogate pair.
 */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  // A word longer than a third of the room is cut inside, rather than leaving little text.
  const head = space > max * 0.66 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}
