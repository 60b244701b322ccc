import { createRecordReader, splitCsvRecord } from './line-reader.ts';

/**
 * Rows of a named-column table arriving in chunks, as CSV (a header row names the columns, any
 * order, extra columns ignored) or NDJSON (one JSON object per line). Each row reaches `onRow` as
 * the values of `columns` in that order ('' for an absent optional column) with its line number.
 * Problems are collected with their line numbers; after `MAX_PROBLEMS` the rest are only counted.
 */
export type TableFormat = 'csv' | 'ndjson';

export interface Problem {
  readonly line: number;
  readonly message: string;
}

export class TableError extends Error {
  readonly problems: readonly Problem[];
  constructor(what: string, problems: readonly Problem[], total: number) {
    const more = total > problems.length ? `\n  … and ${total - problems.length} more` : '';
    super(
      `${what} has ${total} bad row${total === 1 ? '' : 's'}; nothing was imported:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}${more}`,
    );
    this.name = 'TableError';
    this.problems = problems;
  }
}

export const MAX_PROBLEMS = 20;

export interface TableSpec {
  /** What the table is, for messages ("the event log"). */
  readonly what: string;
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

export interface TableStream {
  push(chunk: string): void;
  /** Ends the input; throws a TableError when any row was bad. Returns the number of rows. */
  end(): number;
}

export type RowHandler = (values: readonly string[], line: number, problem: (message: string) => void) => void;

/** Guesses the format from the first characters: an object opens NDJSON, anything else is CSV. */
export function sniffFormat(start: string): TableFormat {
  return /^\uFEFF?\s*\{/.test(start) ? 'ndjson' : 'csv';
}

export function createTableStream(spec: TableSpec, format: TableFormat, onRow: RowHandler): TableStream {
  const columns = [...spec.required, ...(spec.optional ?? [])];
  const problems: Problem[] = [];
  let total = 0;
  let rows = 0;
  let index: number[] | undefined; // CSV: column → position in the file's header
  let currentLine = 1;
  const problem = (message: string) => {
    total++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line: currentLine, message });
  };
  const values: string[] = new Array<string>(columns.length).fill('');

  const csvRecord = (text: string, line: number) => {
    currentLine = line;
    if (text.trim() === '') return;
    const fields = splitCsvRecord(text);
    if (typeof fields === 'string') return problem(fields);
    if (!index) {
      const header = fields.map((f) => f.trim().toLowerCase());
      const missing = spec.required.filter((c) => !header.includes(c));
      if (missing.length > 0) {
        index = [];
        return problem(
          `the header lacks column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} (it needs ${spec.required.join(', ')})`,
        );
      }
      index = columns.map((c) => header.indexOf(c));
      return;
    }
    if (index.length === 0) return; // the header was bad: reported once
    for (let c = 0; c < columns.length; c++) {
      const at = index[c]!;
      if (at >= fields.length && c < spec.required.length)
        return problem(`${fields.length} fields, but the header has column "${columns[c]}" at ${at + 1}`);
      values[c] = at < 0 || at >= fields.length ? '' : fields[at]!.trim();
    }
    rows++;
    onRow(values, line, problem);
  };

  const jsonRecord = (text: string, line: number) => {
    currentLine = line;
    if (text.trim() === '') return;
    let object: unknown;
    try {
      object = JSON.parse(text);
    } catch {
      return problem('not valid JSON');
    }
    if (!object || typeof object !== 'object' || Array.isArray(object)) return problem('not a JSON object');
    const o = object as Record<string, unknown>;
    for (let c = 0; c < columns.length; c++) {
      const v = o[columns[c]!];
      if (v === undefined || v === null) {
        if (c < spec.required.length) return problem(`no "${columns[c]}"`);
        values[c] = '';
      } else if (typeof v === 'string') values[c] = v.trim();
      else if (typeof v === 'number' || typeof v === 'boolean') values[c] = String(v);
      else return problem(`"${columns[c]}" is not a string or number`);
    }
    rows++;
    onRow(values, line, problem);
  };

  const reader = createRecordReader(format === 'csv' ? csvRecord : jsonRecord, { quoted: format === 'csv' });
  return {
    push: (chunk) => reader.push(chunk),
    end() {
      reader.end();
      if (format === 'csv' && !index) problem('the file is empty (a CSV needs a header row)');
      if (total > 0) throw new TableError(spec.what, problems, total);
      return rows;
    },
  };
}
