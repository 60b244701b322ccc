import { type Blueprint, type Card, type Flow } from '../model/index.ts';
import { compileContext } from './compile.ts';
import { conditionError, parseCondition, type ConditionNode } from './condition.ts';

/**
 * Lint: what breaks a journey, found before export. Every finding has a rule, a severity, a
 * message and the ids of the stages, cards and flows at fault, so the canvas can select them.
 * The rules are listed (with examples) in docs/journey-definition.md.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly rule: LintRule;
  readonly severity: Severity;
  readonly message: string;
  readonly stageIds: readonly string[];
  readonly cardIds: readonly string[];
  readonly flowIds: readonly string[];
}

export const LINT_RULES = {
  'stage-unreachable': 'error',
  'stage-no-way-out': 'error',
  'loop-without-wait': 'error',
  'overlapping-conditions': 'warning',
  'invalid-condition': 'error',
  'touchpoint-no-owner': 'error',
  'automation-no-owner': 'error',
  'action-no-system': 'error',
  'capture-no-system': 'error',
  'automation-no-trigger': 'error',
  'trigger-incomplete': 'error',
  'automation-no-action': 'warning',
  'exit-no-journey': 'error',
  'transition-without-trigger': 'warning',
  'hidden-flow': 'warning',
  'unplaced-card': 'warning',
  'no-entry-trigger': 'info',
  'not-executable': 'info',
} as const satisfies Record<string, Severity>;
export type LintRule = keyof typeof LINT_RULES;

export function lintBlueprint(blueprint: Blueprint): Finding[] {
  const ctx = compileContext(blueprint);
  const { view } = ctx;
  const findings: Finding[] = [];
  const add = (rule: LintRule, message: string, ids: { stages?: string[]; cards?: string[]; flows?: string[] }) =>
    findings.push({
      rule,
      severity: LINT_RULES[rule],
      message,
      stageIds: ids.stages ?? [],
      cardIds: ids.cards ?? [],
      flowIds: ids.flows ?? [],
    });
  const stageName = new Map(view.stages.map((s) => [s.id, s.name]));
  const cardLabel = (c: Card) => `"${c.title || c.id}" (${stageName.get(c.stageId) ?? 'unplaced'})`;
  const stageOf = (cardId: string) => view.cardsById.get(cardId)!.stageId;

  // Cards.
  for (const stage of view.stages) {
    for (const card of ctx.stageCards.get(stage.id)!) {
      const at = { stages: [stage.id], cards: [card.id] };
      if (card.kind === 'touchpoint' && !card.owner.trim())
        add('touchpoint-no-owner', `touchpoint ${cardLabel(card)} has no owner team`, at);
      if (card.kind === 'data' && !card.system?.trim())
        add(
          'capture-no-system',
          `captured field ${card.field ? `"${card.field}" ` : ''}on ${cardLabel(card)} has no system to store it in`,
          at,
        );
      if (card.kind !== 'automation') continue;
      if (!card.owner.trim()) add('automation-no-owner', `automation ${cardLabel(card)} has no owner team`, at);
      const t = card.trigger;
      if (!t) add('automation-no-trigger', `automation ${cardLabel(card)} has no trigger`, at);
      else {
        const missing =
          t.type === 'event' && !t.event?.trim()
            ? 'an event name'
            : t.type === 'score' && !t.condition?.trim()
              ? 'a condition'
              : t.type === 'elapsed' && !t.after
                ? 'a duration'
                : t.type === 'segment' && !t.segment?.trim()
                  ? 'a segment'
                  : null;
        if (missing) add('trigger-incomplete', `the ${t.type} trigger of ${cardLabel(card)} needs ${missing}`, at);
      }
      if (!card.action && !card.exit)
        add('automation-no-action', `automation ${cardLabel(card)} has neither an action nor an exit, so it does nothing`, at);
      const a = card.action;
      if (a && (a.type === 'set-field' || a.type === 'change-classification') && !a.system?.trim()) {
        add('action-no-system', `${a.type} on ${cardLabel(card)} names no system to write to`, at);
      }
      if (card.exit?.type === 'move-to-journey' && !card.exit.journey?.trim())
        add('exit-no-journey', `exit of ${cardLabel(card)} moves to another journey but names none`, at);
      for (const [where, text] of [
        ['trigger', card.trigger?.condition],
        ['exit', card.exit?.condition],
      ] as const) {
        const error = text?.trim() ? conditionError(text) : null;
        if (error) add('invalid-condition', `the ${where} condition of ${cardLabel(card)} is not valid: ${error}`, at);
      }
    }
  }
  for (const card of view.unplaced)
    add('unplaced-card', `${cardLabel(card)} has lost its stage or lane and sits in the Unplaced tray; it is left out of the journey`, {
      cards: [card.id],
    });
  for (const flow of view.hiddenFlows)
    add('hidden-flow', `flow ${flow.label ? `"${flow.label}" ` : ''}joins a card that no longer exists`, { flows: [flow.id] });

  // Transitions.
  const edges: Flow[] = [...ctx.transitions.values()].flat();
  for (const flow of view.flows) {
    const error = flow.condition?.trim() ? conditionError(flow.condition) : null;
    if (error)
      add('invalid-condition', `the condition of flow ${flow.label ? `"${flow.label}" ` : ''}is not valid: ${error}`, {
        flows: [flow.id],
        stages: [stageOf(flow.from)],
      });
  }
  for (const flow of edges) {
    if (!flow.event && !flow.condition?.trim() && !flow.delay) {
      add(
        'transition-without-trigger',
        `flow from ${stageName.get(stageOf(flow.from))} to ${stageName.get(stageOf(flow.to))} has no event, condition or delay: it moves the customer on at once`,
        { flows: [flow.id], stages: [stageOf(flow.from)] },
      );
    }
  }

  const first = view.stages[0];
  if (first && edges.length === 0 && !blueprint.cards.some((c) => c.kind === 'automation')) {
    // An empty scroll (a fresh Blank blueprint) is a picture, not yet a journey: say so once.
    add('not-executable', 'the blueprint has no transitions between stages and no automation yet, so it does not run as a journey', {
      stages: [first.id],
    });
    return findings;
  }
  if (first) {
    const reached = new Set([first.id]);
    const queue = [first.id];
    while (queue.length) {
      const at = queue.shift()!;
      for (const f of ctx.transitions.get(at) ?? []) {
        const to = stageOf(f.to);
        if (!reached.has(to)) {
          reached.add(to);
          queue.push(to);
        }
      }
    }
    for (const stage of view.stages) {
      if (!reached.has(stage.id))
        add('stage-unreachable', `stage "${stage.name}" cannot be reached from "${first.name}": no transition leads into it`, {
          stages: [stage.id],
        });
    }
    const entryCard = ctx.stageCards
      .get(first.id)!
      .find((c) => c.kind === 'automation' && !c.exit && c.trigger && c.trigger.type !== 'elapsed');
    if (!entryCard)
      add(
        'no-entry-trigger',
        `no automation in "${first.name}" has an event, score or segment trigger: customers enter the journey as soon as it starts`,
        { stages: [first.id] },
      );
  }
  const last = view.stages.at(-1);
  for (const stage of view.stages) {
    if (stage === last) continue;
    const hasExit = ctx.stageCards.get(stage.id)!.some((c) => c.kind === 'automation' && c.exit && c.exit.type !== 'opt-out');
    if (!(ctx.transitions.get(stage.id)?.length ?? 0) && !hasExit)
      add('stage-no-way-out', `stage "${stage.name}" has no way out: no transition to another stage and no exit`, { stages: [stage.id] });
  }

  // Loops: a cycle of transitions none of which waits runs forever in no time.
  for (const cycle of cyclesWithoutWait(
    view.stages.map((s) => s.id),
    edges.filter((f) => !f.delay),
    stageOf,
  )) {
    add(
      'loop-without-wait',
      `the stages ${cycle.stages.map((s) => `"${stageName.get(s)}"`).join(' → ')} form a loop with no delay on any of its transitions`,
      { stages: cycle.stages, flows: cycle.flows },
    );
  }

  // Overlapping conditions: two transitions out of a stage on the same trigger whose conditions can both hold.
  for (const [stageId, list] of ctx.transitions) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if ((a.event ?? '') !== (b.event ?? '') || (a.delay ?? '') !== (b.delay ?? '')) continue;
        if (stageOf(a.to) === stageOf(b.to)) continue;
        if (!mayOverlap(a.condition, b.condition)) continue;
        const on = a.event ? `on "${a.event}"` : a.delay ? `after ${a.delay}` : 'without an event';
        add(
          'overlapping-conditions',
          `in "${stageName.get(stageId)}" two transitions ${on} can both apply (to "${stageName.get(stageOf(a.to))}" and "${stageName.get(stageOf(b.to))}"); only the first is taken`,
          {
            stages: [stageId],
            flows: [a.id, b.id],
          },
        );
      }
    }
  }
  return findings;
}

export const hasErrors = (findings: readonly Finding[]) => findings.some((f) => f.severity === 'error');

/** Strongly connected parts of the no-wait transition graph that contain a cycle. */
function cyclesWithoutWait(
  stages: readonly string[],
  flows: readonly Flow[],
  stageOf: (card: string) => string,
): { stages: string[]; flows: string[] }[] {
  const out = new Map<string, { from: string; to: string; id: string }[]>();
  for (const f of flows) {
    const from = stageOf(f.from);
    out.set(from, [...(out.get(from) ?? []), { from, to: stageOf(f.to), id: f.id }]);
  }
  // Tarjan's algorithm, iteratively.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const root of stages) {
    if (idx.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work.at(-1)!;
      const edges = out.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const next = edges[top.edge++]!.to;
        if (!idx.has(next)) {
          idx.set(next, index);
          low.set(next, index++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, edge: 0 });
        } else if (onStack.has(next)) low.set(top.node, Math.min(low.get(top.node)!, idx.get(next)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work.at(-1)!.node, Math.min(low.get(work.at(-1)!.node)!, low.get(top.node)!));
      if (low.get(top.node) === idx.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== top.node);
        components.push(component);
      }
    }
  }
  const result: { stages: string[]; flows: string[] }[] = [];
  for (const component of components) {
    const members = new Set(component);
    const inner = flows.filter((f) => members.has(stageOf(f.from)) && members.has(stageOf(f.to)));
    if (component.length > 1 || inner.length > 0) {
      const order = stages.filter((s) => members.has(s));
      result.push({ stages: order, flows: inner.map((f) => f.id) });
    }
  }
  return result;
}

/**
 * Can two conditions hold at once? Absent conditions always hold. Conjunctions of comparisons of
 * one attribute with a number (`score >= 50 && score < 80`) are compared as intervals, `==` on
 * strings/booleans as values; anything else is assumed to overlap only when the texts are equal.
 */
function mayOverlap(a: string | undefined, b: string | undefined): boolean {
  if (!a?.trim() || !b?.trim()) return true;
  let na: ConditionNode;
  let nb: ConditionNode;
  try {
    na = parseCondition(a);
    nb = parseCondition(b);
  } catch {
    return false; // reported as invalid-condition
  }
  const ca = constraints(na);
  const cb = constraints(nb);
  if (!ca || !cb) return JSON.stringify(na) === JSON.stringify(nb);
  for (const [path, x] of ca) {
    const y = cb.get(path);
    if (!y) continue;
    if (x.eq !== undefined && y.eq !== undefined && x.eq !== y.eq) return false;
    const lo = Math.max(x.lo, y.lo);
    const hi = Math.min(x.hi, y.hi);
    if (lo > hi || (lo === hi && (x.loOpen || y.loOpen || x.hiOpen || y.hiOpen) && !(inRange(lo, x) && inRange(lo, y)))) return false;
  }
  return true;
}

interface Range {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
  eq?: string | boolean;
}
const inRange = (v: number, r: Range) => (r.loOpen ? v > r.lo : v >= r.lo) && (r.hiOpen ? v < r.hi : v <= r.hi);

function constraints(node: ConditionNode, out = new Map<string, Range>()): Map<string, Range> | null {
  if (node.type === 'and') return constraints(node.left, out) && constraints(node.right, out);
  if (node.type !== 'compare') return null;
  let { left, right, op } = node;
  if (left.type === 'literal' && right.type === 'path') {
    [left, right] = [right, left];
    op = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
  }
  if (left.type !== 'path' || right.type !== 'literal') return null;
  const key = left.path.join('.');
  const r = out.get(key) ?? { lo: -Infinity, hi: Infinity, loOpen: false, hiOpen: false };
  const v = right.value;
  if (typeof v !== 'number') {
    if (op !== '==') return null;
    if (r.eq !== undefined && r.eq !== v) return null;
    r.eq = v;
  } else if (op === '==') {
    r.lo = Math.max(r.lo, v);
    r.hi = Math.min(r.hi, v);
  } else if (op === '>' || op === '>=') {
    if (v > r.lo || (v === r.lo && op === '>')) {
      r.lo = v;
      r.loOpen = op === '>';
    }
  } else if (op === '<' || op === '<=') {
    if (v < r.hi || (v === r.hi && op === '<')) {
      r.hi = v;
      r.hiOpen = op === '<';
    }
  } else return null;
  out.set(key, r);
  return out;
}
