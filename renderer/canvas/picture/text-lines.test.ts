import { describe, expect, it } from 'vitest';
import { oneLine, wrapLines } from './text-lines.ts';

// A fixed-pitch font: every character 10 units wide, so where lines break is plain arithmetic.
const mono = (s: string) => s.length * 10;

describe('wrapLines', () => {
  it('wraps at spaces within the width', () => {
    expect(wrapLines('Welcome email sent', 140, 2, mono)).toEqual(['Welcome email', 'sent']);
    expect(wrapLines('  short  ', 140, 2, mono)).toEqual(['short']);
    expect(wrapLines('', 140, 2, mono)).toEqual([]);
  });

  it('stops at the line limit with an ellipsis on the last line', () => {
    const lines = wrapLines('one two three four five six seven', 100, 2, mono);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('one two');
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(100);
  });

  it('breaks a word longer than the line anywhere', () => {
    expect(wrapLines('abcdefghijklmnop', 50, 3, mono)).toEqual(['abcde', 'fghij', 'klmn…']);
    expect(wrapLines('abcdefghij', 50, 2, mono)).toEqual(['abcde', 'fghij']);
  });

  it('keeps every line within the width', () => {
    const text = 'Lifecycle stage moves to marketing qualified lead after the webinar attendance is scored';
    for (const width of [60, 90, 144, 300])
      for (const line of wrapLines(text, width, 3, mono)) expect(mono(line)).toBeLessThanOrEqual(width);
  });
});

describe('oneLine', () => {
  it('fits or ellipsises', () => {
    expect(oneLine('Data team · Live', 200, mono)).toBe('Data team · Live');
    const cut = oneLine('Data team · In review', 100, mono);
    expect(cut.endsWith('…')).toBe(true);
    expect(mono(cut)).toBeLessThanOrEqual(100);
  });
});
