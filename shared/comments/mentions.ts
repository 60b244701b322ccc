/**
 * @mentions: a comment mentions a person of the room by writing `@` and their display name. The
 * names mentioned are stored with the comment (`mentions`), so "mentioning me" does not depend on
 * how a name happens to be spelt in the text later; the text keeps the `@Name` as written.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The people of `people` that `body` mentions (`@Name`, any case, not followed by a letter or digit). */
export function mentionsIn(body: string, people: readonly string[]): string[] {
  // Longest names first, so "@Ana Maria" is Ana Maria and not also Ana.
  const sorted = [...new Set(people.filter((p) => p.trim() !== ''))].sort((a, b) => b.length - a.length);
  const found: string[] = [];
  let rest = body;
  for (const name of sorted) {
    const pattern = new RegExp(`@${escape(name)}(?![\\p{L}\\p{N}])`, 'giu');
    if (pattern.test(rest)) {
      found.push(name);
      rest = rest.replace(pattern, ' ');
    }
  }
  return found;
}

/** The partial name being typed after an `@` just before `caret`, or null (drives the mention picker). */
export function mentionQuery(text: string, caret: number): string | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && /[\p{L}\p{N}]/u.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  return query.length <= 40 && !/[\n@]/.test(query) && !/\s{2}/.test(query) ? query : null;
}

/** Replaces the `@partial` before `caret` with `@Name `; returns the new text and caret. */
export function insertMention(text: string, caret: number, name: string): { text: string; caret: number } {
  const at = text.slice(0, caret).lastIndexOf('@');
  if (at < 0) return { text, caret };
  const inserted = `@${name} `;
  return { text: text.slice(0, at) + inserted + text.slice(caret), caret: at + inserted.length };
}

/** People whose names start with (or contain a word starting with) `query`, best first. */
export function matchPeople(query: string, people: readonly string[], limit = 6): string[] {
  const q = query.toLowerCase();
  const unique = [...new Set(people)];
  const starts = unique.filter((p) => p.toLowerCase().startsWith(q));
  const words = unique.filter(
    (p) =>
      !starts.includes(p) &&
      p
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(q)),
  );
  return [...starts, ...words].slice(0, limit);
}
