/**
 * Splits text arriving in chunks into records without ever holding the whole file: each `push`
 * hands complete records to `onRecord` and keeps only the unfinished tail. A record is one line,
 * or several when a CSV field in double quotes spans line breaks (`quoted: true`). Line numbers
 * are 1-based and count every line break, so an error can point at the line a record starts on.
 */
export type RecordHandler = (text: string, line: number) => void;

export interface RecordReader {
  push(chunk: string): void;
  /** Flushes the last record (a file need not end with a newline). */
  end(): void;
}

export function createRecordReader(onRecord: RecordHandler, options: { quoted: boolean }): RecordReader {
  let tail = '';
  let line = 1;
  let first = true;
  const emit = (text: string, lines: number) => {
    let t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (first) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1); // a byte-order mark is not part of the header
    }
    onRecord(t, line);
    line += lines;
  };
  const drain = (text: string, final: boolean): string => {
    let start = 0;
    // The next quote at or after `start`, found once and reused: searching per line would rescan
    // the rest of the chunk for every line of a file without quotes.
    let quote = options.quoted ? text.indexOf('"') : -1;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let end = nl;
      let lines = 1;
      if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
      if (quote >= 0 && quote < nl) {
        // A quote on this line: the record ends at the first newline outside quotes.
        let inQuotes = false;
        let i = start;
        end = -1;
        lines = 0;
        for (; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 34) inQuotes = !inQuotes;
          else if (c === 10) {
            lines++;
            if (!inQuotes) {
              end = i;
              break;
            }
          }
        }
        if (end < 0) break; // the quoted field goes on in the next chunk
      }
      emit(text.slice(start, end), lines);
      start = end + 1;
    }
    const rest = text.slice(start);
    if (final && rest !== '') {
      emit(rest, 0);
      return '';
    }
    return rest;
  };
  return {
    push(chunk) {
      tail = drain(tail + chunk, false);
    },
    end() {
      tail = drain(tail, true);
    },
  };
}

/** Splits one CSV record (RFC 4180: commas, double quotes, "" for a quote inside quotes). */
export function splitCsvRecord(text: string): string[] | string {
  if (text.indexOf('"') < 0) return text.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return 'a quoted field is not closed';
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      fields.push(value);
      if (j === text.length) return fields;
      if (text.charCodeAt(j) !== 44) return 'a quoted field is followed by something other than a comma';
      i = j + 1;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      const value = text.slice(i, end);
      if (value.indexOf('"') >= 0) return 'a quote inside an unquoted field';
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
