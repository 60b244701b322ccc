import type { ActionType, ExitType } from '../model/index.ts';

/**
 * What happened to a test customer, in order, with virtual time in milliseconds since the start.
 * The simulator, the XState run and the bpmn-engine run all produce this shape, so their traces
 * compare with deep equality.
 */
export type TraceEntry =
  | { readonly at: number; readonly type: 'enter'; readonly stage: string }
  | {
      readonly at: number;
      readonly type: 'capture';
      readonly stage: string;
      readonly card: string;
      readonly field: string;
      readonly system: string;
      readonly value?: unknown;
    }
  | {
      readonly at: number;
      readonly type: 'action';
      readonly stage: string;
      readonly card: string;
      readonly action: ActionType;
      readonly detail: string;
    }
  | {
      readonly at: number;
      readonly type: 'exit';
      readonly stage: string;
      readonly card: string;
      readonly reason: ExitType;
      readonly journey?: string;
    };

/** A short human description of an action ("send email: Welcome pack"). */
export function describeAction(action: {
  type: ActionType;
  channel?: string | undefined;
  content?: string | undefined;
  field?: string | undefined;
  value?: unknown;
  system?: string | undefined;
  classification?: string | undefined;
  team?: string | undefined;
  task?: string | undefined;
}): string {
  switch (action.type) {
    case 'send':
      return `send ${action.channel ?? 'message'}${action.content ? `: ${action.content}` : ''}`;
    case 'set-field':
      return `set ${action.field ?? '?'} = ${JSON.stringify(action.value ?? null)}${action.system ? ` in ${action.system}` : ''}`;
    case 'change-classification':
      return `classify as ${action.classification ?? '?'}`;
    case 'create-task':
      return `create task${action.team ? ` for ${action.team}` : ''}${action.task ? `: ${action.task}` : ''}`;
    case 'notify':
      return `notify ${action.team ?? 'team'}${action.content ? `: ${action.content}` : ''}`;
  }
}

export function formatTrace(trace: readonly TraceEntry[], names: ReadonlyMap<string, string> = new Map()): string {
  const day = 86_400_000;
  const when = (ms: number) => {
    const d = Math.floor(ms / day);
    const rest = ms - d * day;
    const h = Math.floor(rest / 3_600_000);
    const m = Math.floor((rest % 3_600_000) / 60_000);
    const s = Math.floor((rest % 60_000) / 1000);
    return `day ${String(d).padStart(3)} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  };
  const name = (id: string) => names.get(id) ?? id;
  return trace
    .map((e) => {
      switch (e.type) {
        case 'enter':
          return `${when(e.at)}  enter    ${name(e.stage)}`;
        case 'capture':
          return `${when(e.at)}  capture  ${e.field} → ${e.system || '(no system)'}${e.value === undefined ? ' (absent)' : ` = ${JSON.stringify(e.value)}`}`;
        case 'action':
          return `${when(e.at)}  action   ${e.detail}  [${name(e.card)}]`;
        case 'exit':
          return `${when(e.at)}  exit     ${e.reason}${e.journey ? ` → ${e.journey}` : ''}  [${name(e.card)}]`;
      }
    })
    .join('\n');
}
