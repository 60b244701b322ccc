/**
 * Readable id fragments from titles: "Welcome email: the 5-day close" → "welcome_email_the_5_day_close".
 * Only [a-z0-9_] survive, so every fragment fits the model's id pattern.
 */
export function slugify(text: string, maxLength = 32): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // strip accents left by NFKD: "café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return truncateAtWord(slug, maxLength);
}

/** Cut at the last word boundary that fits, so a fragment never ends mid-word unless it must. */
export function truncateAtWord(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('_');
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, maxLength)).replace(/_+$/, '');
}
