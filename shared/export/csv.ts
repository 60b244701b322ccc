import {
  BLUEPRINT_FORMAT,
  CARD_KIND_FOR_LANE,
  cardSchema,
  firstOrders,
  LANE_KINDS,
  PERSONA_PALETTE,
  resolveBlueprint,
  cellKey,
  type Blueprint,
  type Card,
  type LaneKind,
} from '../model/index.ts';

/**
 * Cards as CSV (RFC 4180, UTF-8, CRLF): one row per card, in scroll order (stage, lane, card).
 * Stages and lanes are named (`stage`, `lane`, `laneKind`); nested fields flatten to dotted
 * columns (`trigger.event`, `action.channel`, `metrics.openRate`…).
 *
 * Import builds a blueprint from such a file: stages and lanes in order of first appearance,
 * every row validated; any bad row fails the whole import with line-numbered messages
 * (nothing partial). `personas` names the personas a card concerns, separated by `;` (import creates
 * one persona per distinct name). A cell that would start a spreadsheet formula (= + - @) is written with a
 * leading apostrophe, which import removes again.
 */
export const CSV_COLUMNS = [
  'id',
  'stage',
  'lane',
  'laneKind',
  'kind',
  'title',
  'notes',
  'owner',
  'status',
  'channel',
  'content',
  'emotion',
  'field',
  'source',
  'system',
  'systemCategory',
  'consent',
  'vendor',
  'purpose',
  'systemStatus',
  'trigger.type',
  'trigger.event',
  'trigger.condition',
  'trigger.after',
  'trigger.segment',
  'action.type',
  'action.channel',
  'action.content',
  'action.field',
  'action.value',
  'action.system',
  'action.classification',
  'action.team',
  'action.task',
  'wait',
  'exit.type',
  'exit.journey',
  'exit.condition',
  'metrics.volume',
  'metrics.conversionRate',
  'metrics.openRate',
  'metrics.clickRate',
  'metrics.revenue',
  'metrics.period',
  'personas',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const NUMERIC = new Set<Column>([
  'emotion',
  'metrics.volume',
  'metrics.conversionRate',
  'metrics.openRate',
  'metrics.clickRate',
  'metrics.revenue',
]);
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function cardsToCsv(blueprint: Blueprint): string {
  const view = resolveBlueprint(blueprint);
  const personaNames = new Map(blueprint.personas.map((p) => [p.id, p.name]));
  const rows: string[] = [CSV_COLUMNS.join(',')];
  const write = (card: Card, stage: string, lane: string, laneKind: string) => {
    const flat: Record<string, unknown> = { stage, lane, laneKind };
    for (const [key, value] of Object.entries(card)) {
      if (key === 'stageId' || key === 'laneId' || key === 'order') continue;
      if (key === 'personas') {
        // By name (a tag whose persona is gone is left out).
        const names = (value as string[]).flatMap((id) => (personaNames.has(id) ? [personaNames.get(id)!] : []));
        if (names.length) flat.personas = names.join('; ');
        continue;
      }
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flat[`${key}.${k}`] = v;
      else flat[key] = value;
    }
    rows.push(
      CSV_COLUMNS.map((column) => {
        const v = flat[column];
        if (v === undefined || v === null) return '';
        let text = column === 'action.value' && typeof v !== 'string' ? JSON.stringify(v) : String(v);
        if (column === 'action.value' && typeof v === 'string' && (v === 'true' || v === 'false' || /^-?\d/.test(v)))
          text = JSON.stringify(v);
        if (!NUMERIC.has(column) && FORMULA.test(text)) text = `'${text}`;
        return cell(text);
      }).join(','),
    );
  };
  for (const stage of view.stages)
    for (const lane of view.lanes)
      for (const card of view.cells.get(cellKey(stage.id, lane.id)) ?? []) write(card, stage.name, lane.name, lane.kind);
  return `${rows.join('\r\n')}\r\n`;
}

/** RFC 4180 records with the physical line each starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
      atFieldStart = true;
    } else {
      if (ch === '"') throw new CsvError([`line ${line}: a quote in the middle of an unquoted field`]);
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) throw new CsvError([`line ${start}: a quoted field is not closed`]);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
}

export class CsvError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid CSV (nothing imported):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CsvError';
    this.problems = problems;
  }
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40) || 'x';

export function csvToBlueprint(text: string, title = 'Imported cards'): Blueprint {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw new CsvError(['the file is empty: expected a header row']);
  const problems: string[] = [];
  const unknown = header.fields.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f));
  if (unknown.length) problems.push(`line ${header.line}: unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}`);
  for (const required of ['stage', 'lane', 'kind', 'title'] as const)
    if (!header.fields.includes(required)) problems.push(`line ${header.line}: missing column "${required}"`);
  if (problems.length) throw new CsvError(problems);

  const stages = new Map<string, string>();
  const lanes = new Map<string, { id: string; kind: LaneKind }>();
  const cards: Card[] = [];
  const personas = new Map<string, string>();
  const ids = new Set<string>();
  const perCell = new Map<string, number>();
  for (const record of records) {
    const at = `line ${record.line}`;
    if (record.fields.length !== header.fields.length) {
      problems.push(`${at}: ${record.fields.length} fields, the header has ${header.fields.length}`);
      continue;
    }
    const row: Record<string, string> = {};
    header.fields.forEach((column, i) => {
      let value = record.fields[i]!;
      if (value.startsWith("'") && FORMULA.test(value.slice(1))) value = value.slice(1);
      row[column] = value;
    });
    const stageName = row.stage?.trim() ?? '';
    const laneName = row.lane?.trim() ?? '';
    if (!stageName) problems.push(`${at}: column "stage": a card needs a stage`);
    if (!laneName) problems.push(`${at}: column "lane": a card needs a lane`);
    const laneKind = (row.laneKind || 'custom') as LaneKind;
    if (!(LANE_KINDS as readonly string[]).includes(laneKind))
      problems.push(`${at}: column "laneKind": "${laneKind}" is not one of ${LANE_KINDS.join(', ')}`);
    if (!stageName || !laneName) continue;
    if (!stages.has(stageName)) stages.set(stageName, `st_${slug(stageName)}_${stages.size + 1}`);
    if (!lanes.has(laneName)) lanes.set(laneName, { id: `ln_${slug(laneName)}_${lanes.size + 1}`, kind: laneKind });
    const stageId = stages.get(stageName)!;
    const laneId = lanes.get(laneName)!.id;
    const key = `${stageId}/${laneId}`;
    const n = (perCell.get(key) ?? 0) + 1;
    perCell.set(key, n);

    const raw: Record<string, unknown> = { stageId, laneId, order: `a${n.toString(36).padStart(4, '0')}` };
    for (const [column, value] of Object.entries(row)) {
      if (value === '' || column === 'stage' || column === 'lane' || column === 'laneKind') continue;
      if (column === 'personas') {
        const names = [
          ...new Set(
            value
              .split(';')
              .map((name) => name.trim())
              .filter(Boolean),
          ),
        ];
        const tooLong = names.find((name) => name.length > 200);
        if (tooLong) {
          problems.push(`${at}: column "personas": a persona's name is at most 200 characters`);
          continue;
        }
        for (const name of names) if (!personas.has(name)) personas.set(name, `pe_${slug(name)}_${personas.size + 1}`);
        if (names.length) raw.personas = names.map((name) => personas.get(name)!);
        continue;
      }
      let v: unknown = value;
      if (NUMERIC.has(column as Column)) {
        v = Number(value);
        if (!Number.isFinite(v as number)) {
          problems.push(`${at}: column "${column}": "${value}" is not a number`);
          continue;
        }
      } else if (column === 'action.value') {
        try {
          v = /^(true|false|-?\d[\d.eE+-]*|".*")$/.test(value) ? JSON.parse(value) : value;
        } catch {
          v = value;
        }
      }
      const dot = column.indexOf('.');
      if (dot > 0) {
        const group = column.slice(0, dot);
        raw[group] = { ...((raw[group] as object | undefined) ?? {}), [column.slice(dot + 1)]: v };
      } else raw[column] = v;
    }
    if (!raw.id) raw.id = `cd_import_${record.line}`;
    const parsed = cardSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${at}: column "${issue.path.join('.') || '?'}": ${issue.message}`);
      continue;
    }
    if (ids.has(parsed.data.id)) {
      problems.push(`${at}: column "id": "${parsed.data.id}" appears twice`);
      continue;
    }
    ids.add(parsed.data.id);
    cards.push(parsed.data);
  }
  if (problems.length) throw new CsvError(problems);
  const stageOrders = firstOrders(Math.max(1, stages.size));
  const laneOrders = firstOrders(Math.max(1, lanes.size));
  return {
    format: BLUEPRINT_FORMAT,
    meta: { schemaVersion: 2, minAppVersion: '0.1.0', title, status: 'draft', owner: '', description: '' },
    personas: [...personas]
      .map(([name, id], i) => ({ id, name, description: '', color: PERSONA_PALETTE[i % PERSONA_PALETTE.length]! }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    stages: [...stages]
      .map(([name, id], i) => ({ id, name, order: stageOrders[i]!, entryCriterion: '', customerGoal: '' }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    lanes: [...lanes]
      .map(([name, l], i) => ({ id: l.id, name, kind: l.kind, order: laneOrders[i]!, owner: '' }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    cards: cards.sort((a, b) => (a.id < b.id ? -1 : 1)),
    flows: [],
    annotations: [],
    history: [],
  };
}

/** The card kind a lane kind suggests (used when a CSV row leaves `kind` empty — it may not). */
export const suggestedKind = (laneKind: LaneKind) => CARD_KIND_FOR_LANE[laneKind];
