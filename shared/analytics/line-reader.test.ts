import { describe, expect, it } from 'vitest';
import { createRecordReader, splitCsvRecord } from './line-reader.ts';

const records = (chunks: string[], quoted = true) => {
  const out: [string, number][] = [];
  const r = createRecordReader((t, l) => out.push([t, l]), { quoted });
  for (const c of chunks) r.push(c);
  r.end();
  return out;
};

describe('createRecordReader', () => {
  const text = '\uFEFFa,b\r\n"x\ny",2\n\nlast,"q""uote"';
  const expected: [string, number][] = [
    ['a,b', 1],
    ['"x\ny",2', 2],
    ['', 4],
    ['last,"q""uote"', 5],
  ];
  it('gives records with the line they start on, a quoted line break inside one record', () => {
    expect(records([text])).toEqual(expected);
  });
  it('gives the same records whatever the chunk boundaries', () => {
    for (let cut = 0; cut <= text.length; cut++) expect(records([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    expect(records(text.split(''))).toEqual(expected);
  });
  it('splits NDJSON on every newline (quotes do not join lines)', () => {
    expect(records(['{"a":"x\n', '"}\n'], false)).toEqual([
      ['{"a":"x', 1],
      ['"}', 2],
    ]);
  });
});

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields', () => {
    expect(splitCsvRecord('a,,b,')).toEqual(['a', '', 'b', '']);
    expect(splitCsvRecord('"a,b","say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
  });
  it('explains broken quoting', () => {
    expect(splitCsvRecord('"open,b')).toBe('a quoted field is not closed');
    expect(splitCsvRecord('"a"b,c')).toMatch(/followed by something other than a comma/);
    expect(splitCsvRecord('a"b,c')).toMatch(/quote inside an unquoted field/);
  });
});
