import { conditionToJs, CONDITION_JS_PRELUDE } from './condition-js.ts';
import type { ConditionNode } from './condition.ts';
import type { DefinitionAction, JourneyDefinition } from './definition.ts';
import { buildMachine, DONE, MAX_TIMER_MS, type JourneyMachine, type MachineReaction, type MachineState, type MachineTrigger, type RuleKind } from './machine.ts';

/**
 * The BPMN 2.0 export: one executable process, lanes = owning teams (plus a "Journey engine" lane
 * for the control flow). It parses in bpmn-moddle and runs in bpmn-engine without host services.
 *
 * Each state is a milestone (intermediate throw event named after the stage), an "enter" script,
 * a task per field capture, and an exclusive gateway whose outgoing flows are the rules in priority
 * order (script conditions in `language="js"`, generated from the parsed conditions, never from
 * user text). Acting on a rule runs the action tasks in the owners' lanes and moves on. When no
 * rule is enabled the process waits at an event-based gateway for a customer event (message
 * `Message_CustomerEvent`) or a timer of at most MAX_TIMER_MS; long waits re-arm until their
 * absolute deadline (engines drop timers above ~24.8 days).
 *
 * The process keeps its state in `environment.variables.journey` (J): the logical clock `t`, the
 * attributes, the cause of the evaluation, and when each reaction was armed / whether it has acted.
 *
 * Host contract (bpmn-engine):
 *   engine.execute({ variables: { attributes: {...}, startAt: <ms> } })
 *   execution.signal({ id: 'Message_CustomerEvent', event: 'email.opened', at: <ms>, data: {...} })
 */
export const BPMN_EVENT_MESSAGE = 'Message_CustomerEvent';
const ENGINE_LANE = 'Journey engine';

/** An NCName-safe token for ids (model ids may contain ':'; synthetic state keys start with '$'). */
const token = (key: string) => (key.startsWith('$') ? `j_${key.slice(1)}` : `s_${key.replace(/:/g, '.')}`);
const rtoken = (id: string) => id.replace(/:/g, '.');

export const bpmnIds = {
  enter: (state: string) => `State_${token(state)}`,
  init: (state: string) => `Init_${token(state)}`,
  capture: (state: string, card: string) => `Capture_${token(state)}_${rtoken(card)}`,
  evaluate: (state: string) => `Evaluate_${token(state)}`,
  rule: (state: string, reaction: string, rule: RuleKind) => `Rule_${token(state)}_${rtoken(reaction)}_${rule}`,
  arm: (state: string, reaction: string) => `Arm_${token(state)}_${rtoken(reaction)}`,
  lapse: (state: string, reaction: string) => `Lapse_${token(state)}_${rtoken(reaction)}`,
  act: (state: string, reaction: string) => `Act_${token(state)}_${rtoken(reaction)}`,
  action: (state: string, reaction: string, index: number) => `Action_${token(state)}_${rtoken(reaction)}_${index}`,
  exit: (state: string, reaction: string) => `Exit_${token(state)}_${rtoken(reaction)}`,
  wait: (state: string) => `Wait_${token(state)}`,
  gate: (state: string) => `Gate_${token(state)}`,
  message: (state: string) => `Message_${token(state)}`,
  timer: (state: string) => `Timer_${token(state)}`,
  receive: (state: string) => `Receive_${token(state)}`,
  tick: (state: string) => `Tick_${token(state)}`,
  end: 'End_journey',
};

/** What each traced BPMN element stands for, so a run's activity starts can be read as a trace. */
export type BpmnTracePoint =
  | { readonly type: 'enter'; readonly stage: string }
  | { readonly type: 'capture'; readonly stage: string; readonly card: string; readonly field: string; readonly system: string }
  | { readonly type: 'action'; readonly stage: string; readonly action: DefinitionAction }
  | { readonly type: 'exit'; readonly stage: string; readonly reaction: MachineReaction };

export function bpmnTracePoints(input: JourneyDefinition | JourneyMachine): Map<string, BpmnTracePoint> {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const points = new Map<string, BpmnTracePoint>();
  for (const state of machine.states) {
    if (state.stage) points.set(bpmnIds.enter(state.key), { type: 'enter', stage: state.key });
    for (const c of state.captures) points.set(bpmnIds.capture(state.key, c.id), { type: 'capture', stage: state.key, card: c.id, field: c.field, system: c.system });
    for (const r of state.reactions) {
      r.actions.forEach((action, i) => points.set(bpmnIds.action(state.key, r.id, i), { type: 'action', stage: state.key, action }));
      if (r.then.kind === 'exit') points.set(bpmnIds.exit(state.key, r.id), { type: 'exit', stage: state.key, reaction: r });
    }
  }
  return points;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const J = 'var J = environment.variables.journey;';

interface Node {
  readonly id: string;
  readonly tag: string;
  readonly name?: string;
  readonly lane: string;
  readonly body?: string;
  readonly attrs?: string;
  readonly incoming: string[];
  readonly outgoing: string[];
}
interface Edge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly condition?: string;
  readonly name?: string;
}

/** A flow-element container: the process, or one state's sub-process. */
class Container {
  readonly nodes = new Map<string, Node>();
  readonly edges: Edge[] = [];
  readonly defaults = new Map<string, string>();
  private count = 0;
  readonly prefix: string;
  constructor(prefix: string) {
    this.prefix = prefix;
  }

  node(id: string, tag: string, lane: string, extra: Partial<Pick<Node, 'name' | 'body' | 'attrs'>> = {}): string {
    this.nodes.set(id, { id, tag, lane, incoming: [], outgoing: [], ...extra });
    return id;
  }
  script(id: string, name: string, code: string, lane = ENGINE_LANE): string {
    return this.node(id, 'scriptTask', lane, { name, attrs: 'scriptFormat="js"', body: `<script>${xml(`${J} ${code} next();`)}</script>` });
  }
  edge(from: string, to: string, extra: { condition?: string; name?: string; id?: string; isDefault?: boolean } = {}): string {
    const id = extra.id ?? `Flow_${this.prefix}_${++this.count}`;
    this.edges.push({ id, from, to, ...(extra.condition ? { condition: extra.condition } : {}), ...(extra.name ? { name: extra.name } : {}) });
    this.nodes.get(from)!.outgoing.push(id);
    this.nodes.get(to)!.incoming.push(id);
    if (extra.isDefault) this.defaults.set(from, id);
    return id;
  }

  /** The XML of the lanes, elements and flows, indented by `pad`. */
  render(pad: string, laneSetId: string, children: ReadonlyMap<string, string> = new Map()): string[] {
    const out: string[] = [];
    const laneNames: string[] = [ENGINE_LANE];
    for (const n of this.nodes.values()) if (!laneNames.includes(n.lane)) laneNames.push(n.lane);
    out.push(`${pad}<laneSet id="${laneSetId}">`);
    laneNames.forEach((lane, i) => {
      out.push(`${pad}  <lane id="${laneSetId}_lane${i}" name="${xml(lane)}">`);
      for (const n of this.nodes.values()) if (n.lane === lane) out.push(`${pad}    <flowNodeRef>${n.id}</flowNodeRef>`);
      out.push(`${pad}  </lane>`);
    });
    out.push(`${pad}</laneSet>`);
    for (const n of this.nodes.values()) {
      const attrs = [`id="${n.id}"`, n.name !== undefined ? `name="${xml(n.name)}"` : '', n.attrs ?? '', this.defaults.has(n.id) ? `default="${this.defaults.get(n.id)}"` : ''].filter(Boolean).join(' ');
      const refs = [...n.incoming.map((f) => `<incoming>${f}</incoming>`), ...n.outgoing.map((f) => `<outgoing>${f}</outgoing>`)].join('');
      const inner = children.get(n.id);
      if (inner !== undefined) out.push(`${pad}<${n.tag} ${attrs}>${refs}`, inner, `${pad}</${n.tag}>`);
      else out.push(`${pad}<${n.tag} ${attrs}>${refs}${n.body ?? ''}</${n.tag}>`);
    }
    for (const e of this.edges) {
      const attrs = `id="${e.id}"${e.name ? ` name="${xml(e.name)}"` : ''} sourceRef="${e.from}" targetRef="${e.to}"`;
      if (e.condition) out.push(`${pad}<sequenceFlow ${attrs}><conditionExpression xsi:type="tFormalExpression" language="js">${xml(e.condition)}</conditionExpression></sequenceFlow>`);
      else out.push(`${pad}<sequenceFlow ${attrs} />`);
    }
    return out;
  }
}

/**
 * Each state is a sub-process: bpmn-engine propagates "discarded" tokens along every path not
 * taken, so a flat process pays for its whole size at every decision; sub-processes keep that
 * cost to one state. A state's sub-process ends when the customer leaves it, with `J.next` naming
 * where to; the gateway after it routes there.
 */
export function exportBpmn(input: JourneyDefinition | JourneyMachine): string {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const main = new Container('journey');
  const inner = new Map<string, string>();

  main.node('Start_journey', 'startEvent', ENGINE_LANE, { name: 'Start' });
  main.script(
    'Init_journey',
    'Start the journey',
    'var v = environment.variables; environment.variables.journey = { t: typeof v.startAt === "number" ? v.startAt : 0, attrs: JSON.parse(JSON.stringify(v.attributes || {})), cause: { type: "enter" }, state: "", next: "", enteredAt: 0, armed: {}, done: {}, wake: 0, wakeIso: "PT0S" };',
  );
  main.node(bpmnIds.end, 'endEvent', ENGINE_LANE, { name: 'Journey over' });
  main.edge('Start_journey', 'Init_journey');
  for (const state of machine.states) {
    if (state.final) continue;
    main.node(bpmnIds.enter(state.key), 'subProcess', ENGINE_LANE, { name: state.stage ? `Stage: ${state.name}` : state.name });
  }
  main.edge('Init_journey', bpmnIds.enter(machine.initial));
  for (const state of machine.states) {
    if (state.final) continue;
    const sub = stateProcess(state);
    inner.set(bpmnIds.enter(state.key), sub.render('      ', `LaneSet_${token(state.key)}`).join('\n'));
    const targets = [...new Set(state.reactions.flatMap((r) => (r.then.kind === 'goto' ? [r.then.state] : r.then.kind === 'exit' ? [r.then.next] : [])))];
    const nodeOf = (key: string) => (key === DONE ? bpmnIds.end : bpmnIds.enter(key));
    if (targets.length === 1) main.edge(bpmnIds.enter(state.key), nodeOf(targets[0]!));
    else if (targets.length > 1) {
      const gw = main.node(`Next_${token(state.key)}`, 'exclusiveGateway', ENGINE_LANE, { name: 'Where next?' });
      main.edge(bpmnIds.enter(state.key), gw);
      for (const target of targets) {
        main.edge(gw, nodeOf(target), { condition: `next(null, environment.variables.journey.next === ${JSON.stringify(target)});`, name: `to ${machine.byKey.get(target)?.name ?? target}` });
      }
    }
  }

  const title = machine.definition.title || 'Journey';
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_journey" targetNamespace="https://journeyscroll.app/schema/bpmn" exporter="JourneyScroll" exporterVersion="1">',
  );
  out.push(`  <message id="${BPMN_EVENT_MESSAGE}" name="customer event" />`);
  out.push(`  <process id="Process_journey" name="${xml(title)}" isExecutable="true">`);
  out.push(
    `    <documentation>${xml(`${title}: JourneyScroll journey definition v${machine.definition.version}. Start with variables { attributes, startAt }; signal ${BPMN_EVENT_MESSAGE} with { event, at, data } for each customer event.`)}</documentation>`,
  );
  out.push(...main.render('    ', 'LaneSet_journey', inner));
  out.push('  </process>');
  out.push('</definitions>');
  return `${out.join('\n')}\n`;
}

function stateProcess(state: MachineState): Container {
  const k = state.key;
  const c = new Container(token(k));
  const start = c.node(`Begin_${token(k)}`, 'startEvent', ENGINE_LANE, { name: 'Enter' });
  c.script(bpmnIds.init(k), `Enter ${state.name}`, `J.state = ${JSON.stringify(k)}; J.next = ""; J.enteredAt = J.t; J.armed = {}; J.done = {};`);
  for (const capture of state.captures) c.node(bpmnIds.capture(k, capture.id), 'task', capture.owner || ENGINE_LANE, { name: `Capture ${capture.field} into ${capture.system || '(no system)'}` });
  const evaluate = c.node(bpmnIds.evaluate(k), 'exclusiveGateway', ENGINE_LANE, { name: 'Which rule applies?' });
  const leave = c.node(`Leave_${token(k)}`, 'endEvent', ENGINE_LANE, { name: 'Leave the stage' });
  for (const r of state.reactions) {
    if (r.rules.includes('arm')) c.script(bpmnIds.arm(k, r.id), `Start waiting ${r.id}`, `J.armed[${JSON.stringify(r.id)}] = J.t;`);
    if (r.rules.includes('lapse')) c.script(bpmnIds.lapse(k, r.id), `Lapse ${r.id}`, `J.done[${JSON.stringify(r.id)}] = true;`);
    let leaves = '';
    if (r.then.kind === 'goto') {
      const carried = r.trigger.kind === 'event' ? `, event: ${JSON.stringify(r.trigger.event)}` : '';
      leaves = ` J.next = ${JSON.stringify(r.then.state)}; J.cause = { type: "enter"${carried} };`;
    } else if (r.then.kind === 'exit') leaves = ` J.next = ${JSON.stringify(r.then.next)}; J.cause = { type: "enter" };`;
    c.script(bpmnIds.act(k, r.id), `Act: ${r.label}`, `J.done[${JSON.stringify(r.id)}] = true;${leaves}`);
    r.actions.forEach((a, i) => declareAction(c, bpmnIds.action(k, r.id, i), a));
    if (r.then.kind === 'exit') {
      c.script(bpmnIds.exit(k, r.id), `Exit: ${r.then.exit}${r.then.journey ? ` → ${r.then.journey}` : ''}`, `J.exit = ${JSON.stringify({ reason: r.then.exit, journey: r.then.journey ?? null })};`);
    }
  }
  const wait = c.script(bpmnIds.wait(k), 'Arm the next timer', waitScript(state));
  const timed = hasTimers(state);
  if (timed) {
    c.node(bpmnIds.gate(k), 'eventBasedGateway', ENGINE_LANE, { name: 'Wait' });
    c.node(bpmnIds.timer(k), 'intermediateCatchEvent', ENGINE_LANE, {
      name: 'Timer',
      body: `<timerEventDefinition id="${bpmnIds.timer(k)}_def"><timeDuration xsi:type="tFormalExpression">\${environment.variables.journey.wakeIso}</timeDuration></timerEventDefinition>`,
    });
    c.script(bpmnIds.tick(k), 'Timer fired', 'J.t = J.t + J.wake; J.cause = { type: "tick" };');
  }
  c.node(bpmnIds.message(k), 'intermediateCatchEvent', ENGINE_LANE, { name: 'Customer event', body: `<messageEventDefinition id="${bpmnIds.message(k)}_def" messageRef="${BPMN_EVENT_MESSAGE}" />` });
  c.script(
    bpmnIds.receive(k),
    'Receive the event',
    'var m = J.inbox || {}; J.t = Number(m.at); if (m.data) { var d = JSON.parse(JSON.stringify(m.data)); for (var key in d) J.attrs[key] = d[key]; } J.cause = { type: "event", event: String(m.event) };',
  );

  let at = start;
  for (const step of [bpmnIds.init(k), ...state.captures.map((x) => bpmnIds.capture(k, x.id))]) {
    c.edge(at, step);
    at = step;
  }
  c.edge(at, evaluate);
  for (const r of state.reactions) {
    for (const rule of r.rules) {
      const target = rule === 'arm' ? bpmnIds.arm(k, r.id) : rule === 'lapse' ? bpmnIds.lapse(k, r.id) : bpmnIds.act(k, r.id);
      c.edge(evaluate, target, { id: bpmnIds.rule(k, r.id, rule), condition: ruleScript(r, rule), name: `${rule} ${r.id}` });
    }
    if (r.rules.includes('arm')) c.edge(bpmnIds.arm(k, r.id), evaluate);
    if (r.rules.includes('lapse')) c.edge(bpmnIds.lapse(k, r.id), evaluate);
    let from = bpmnIds.act(k, r.id);
    r.actions.forEach((_, i) => {
      c.edge(from, bpmnIds.action(k, r.id, i));
      from = bpmnIds.action(k, r.id, i);
    });
    if (r.then.kind === 'stay') c.edge(from, evaluate);
    else if (r.then.kind === 'goto') c.edge(from, leave);
    else {
      c.edge(from, bpmnIds.exit(k, r.id));
      c.edge(bpmnIds.exit(k, r.id), leave);
    }
  }
  c.edge(evaluate, wait, { isDefault: true, name: 'nothing to do' });
  if (timed) {
    c.edge(wait, bpmnIds.gate(k));
    c.edge(bpmnIds.gate(k), bpmnIds.message(k));
    c.edge(bpmnIds.gate(k), bpmnIds.timer(k));
    c.edge(bpmnIds.timer(k), bpmnIds.tick(k));
    c.edge(bpmnIds.tick(k), evaluate);
  } else {
    c.edge(wait, bpmnIds.message(k));
  }
  // bpmn-engine hands a message's payload only to the flows leaving the catch event: this
  // always-true script condition keeps it for the Receive script.
  c.edge(bpmnIds.message(k), bpmnIds.receive(k), { condition: 'environment.variables.journey.inbox = content.output; next(null, true);', name: 'keep the event' });
  c.edge(bpmnIds.receive(k), evaluate);
  return c;
}

function declareAction(c: Container, id: string, action: DefinitionAction) {
  const lane = action.owner || ENGINE_LANE;
  const name = actionName(action);
  if (action.type === 'set-field' && action.field && action.value !== undefined) {
    const path = JSON.stringify(action.field.split('.'));
    c.script(
      id,
      name,
      `var p = ${path}; var o = J.attrs; for (var i = 0; i < p.length - 1; i++) { if (o[p[i]] === null || typeof o[p[i]] !== "object" || Array.isArray(o[p[i]])) o[p[i]] = {}; o = o[p[i]]; } o[p[p.length - 1]] = ${JSON.stringify(action.value)};`,
      lane,
    );
  } else if (action.type === 'change-classification' && action.classification !== undefined) {
    c.script(id, name, `J.attrs.classification = ${JSON.stringify(action.classification)};`, lane);
  } else {
    c.node(id, 'task', lane, { name });
  }
}

const hasTimers = (state: MachineState) => state.reactions.some((r) => r.afterMs > 0);

function waitScript(state: MachineState): string {
  if (!hasTimers(state)) return 'J.wake = 0; J.wakeIso = "PT0S";';
  const after: Record<string, number> = {};
  for (const r of state.reactions) if (r.afterMs > 0) after[r.id] = r.afterMs;
  return [
    `var A = ${JSON.stringify(after)}; var due;`,
    'for (var id in J.armed) { if (J.done[id] || !(id in A)) continue; var at = J.armed[id] + A[id]; if (due === undefined || at < due) due = at; }',
    `J.wake = due === undefined ? ${MAX_TIMER_MS} : Math.max(0, Math.min(due - J.t, ${MAX_TIMER_MS}));`,
    'J.wakeIso = "PT" + (J.wake / 1000).toFixed(3) + "S";',
  ].join(' ');
}

function ruleScript(r: MachineReaction, rule: RuleKind): string {
  const id = JSON.stringify(r.id);
  const cond = (node: ConditionNode) => conditionToJs(node, 'J.attrs');
  const matches = (trigger: MachineTrigger): string => {
    switch (trigger.kind) {
      case 'enter':
        return 'J.cause.type === "enter"';
      case 'event': {
        const e = JSON.stringify(trigger.event);
        const heard = r.then.kind === 'stay' ? `((J.cause.type === "event" || J.cause.type === "enter") && J.cause.event === ${e})` : `(J.cause.type === "event" && J.cause.event === ${e})`;
        return trigger.condition ? `${heard} && ${cond(trigger.condition)}` : heard;
      }
      case 'condition':
        return cond(trigger.condition);
    }
  };
  const waited = `J.armed[${id}] !== undefined && J.t >= J.armed[${id}] + ${r.afterMs}`;
  let expr: string;
  switch (rule) {
    case 'fire':
      expr = matches(r.trigger);
      break;
    case 'arm':
      expr = `J.armed[${id}] === undefined && ${matches(r.trigger)}`;
      break;
    case 'due':
      expr = r.guard ? `${waited} && ${cond(r.guard)}` : waited;
      break;
    case 'lapse':
      expr = `${waited} && !${cond(r.guard!)}`;
      break;
  }
  return `${J}\n${CONDITION_JS_PRELUDE}\nnext(null, !J.done[${id}] && ${expr});`;
}

function actionName(a: DefinitionAction): string {
  switch (a.type) {
    case 'send':
      return `Send ${a.channel ?? 'message'}${a.content ? `: ${a.content}` : ''}`;
    case 'set-field':
      return `Set ${a.field ?? 'field'}${a.system ? ` in ${a.system}` : ''}`;
    case 'change-classification':
      return `Classify as ${a.classification ?? '?'}`;
    case 'create-task':
      return `Task${a.team ? ` for ${a.team}` : ''}${a.task ? `: ${a.task}` : ''}`;
    case 'notify':
      return `Notify ${a.team ?? 'team'}`;
  }
}
