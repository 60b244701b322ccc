/**
 * Text set as the card's CSS sets it (canvas.css): words wrapped to the width, a word longer than
 * the line broken anywhere (`overflow-wrap: anywhere`), at most `maxLines` lines, the last one
 * ending in an ellipsis when text was left out (`-webkit-line-clamp`). `measure` is the canvas's
 * `measureText(…).width` in the card's font, so the picture breaks lines where the card does, give
 * or take the browser's own rounding.
 */
export function wrapLines(text: string, width: number, maxLines: number, measure: (s: string) => number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      i++;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      continue;
    }
    // A word wider than the line on its own: break it where it stops fitting.
    const cut = Math.max(1, fitting(word, width, measure));
    lines.push(word.slice(0, cut));
    words[i] = word.slice(cut);
  }
  // Words not set: those the loop never reached, or a last line with no room left for it.
  let leftOut = i < words.length;
  if (line && lines.length < maxLines) lines.push(line);
  else if (line) leftOut = true;
  if (leftOut && lines.length > 0) lines[lines.length - 1] = ellipsis(lines[lines.length - 1]!, width, measure);
  return lines;
}

/** One line, cut with an ellipsis where it would overflow (`text-overflow: ellipsis`). */
export function oneLine(text: string, width: number, measure: (s: string) => number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return measure(flat) <= width ? flat : ellipsis(flat, width, measure);
}

function ellipsis(line: string, width: number, measure: (s: string) => number): string {
  if (measure(`${line}…`) <= width) return `${line}…`;
  const cut = fitting(line, width - measure('…'), measure);
  return `${line.slice(0, cut).trimEnd()}…`;
}

/** How many leading characters of `s` fit in `width` (binary search: measuring is the cost). */
function fitting(s: string, width: number, measure: (s: string) => number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(s.slice(0, mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
