import { conditionToJs, CONDITION_JS_PRELUDE } from './condition-js.ts';
import type { ConditionNode } from './condition.ts';
import { provenanceLine, type DefinitionAction, type JourneyDefinition } from './definition.ts';
import {
  buildMachine,
  DONE,
  MAX_TIMER_MS,
  type JourneyMachine,
  type MachineReaction,
  type MachineState,
  type MachineTrigger,
  type RuleKind,
} from './machine.ts';

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
  /** The milestone passed as the customer enters a stage. */
  enter: (state: string) => `State_${token(state)}`,
  /** The sub-process of one state within a step. */
  stage: (state: string) => `Stage_${token(state)}`,
  init: (state: string) => `Init_${token(state)}`,
  capture: (state: string, card: string) => `Capture_${token(state)}_${rtoken(card)}`,
  evaluate: (state: string) => `Evaluate_${token(state)}`,
  rule: (state: string, reaction: string, rule: RuleKind) => `Rule_${token(state)}_${rtoken(reaction)}_${rule}`,
  arm: (state: string, reaction: string) => `Arm_${token(state)}_${rtoken(reaction)}`,
  lapse: (state: string, reaction: string) => `Lapse_${token(state)}_${rtoken(reaction)}`,
  act: (state: string, reaction: string) => `Act_${token(state)}_${rtoken(reaction)}`,
  /** The sub-process doing a reaction's work (its actions, its exit). */
  work: (state: string, reaction: string) => `Work_${token(state)}_${rtoken(reaction)}`,
  /** The sub-process waiting for an event or a timer. */
  waiting: (state: string) => `Waiting_${token(state)}`,
  action: (state: string, reaction: string, index: number) => `Action_${token(state)}_${rtoken(reaction)}_${index}`,
  exit: (state: string, reaction: string) => `Exit_${token(state)}_${rtoken(reaction)}`,
  wait: (state: string) => `Wait_${token(state)}`,
  gate: (state: string) => `Gate_${token(state)}`,
  pending: (state: string) => `Pending_${token(state)}`,
  idleMessage: (state: string) => `MessageIdle_${token(state)}`,
  idleReceive: (state: string) => `ReceiveIdle_${token(state)}`,
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
    for (const c of state.captures)
      points.set(bpmnIds.capture(state.key, c.id), { type: 'capture', stage: state.key, card: c.id, field: c.field, system: c.system });
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
  /** An expression condition (`${…}`, resolved by the engine) rather than a js script. */
  readonly expression?: boolean;
  readonly name?: string;
}

/** A flow-element container: the process, or one state's sub-process. */
class Container {
  readonly nodes = new Map<string, Node>();
  readonly edges: Edge[] = [];
  readonly defaults = new Map<string, string>();
  /** The sub-processes among the nodes, with their contents. */
  readonly subs = new Map<string, Container>();
  private count = 0;
  readonly prefix: string;
  constructor(prefix: string) {
    this.prefix = prefix;
  }

  node(id: string, tag: string, lane: string, extra: Partial<Pick<Node, 'name' | 'body' | 'attrs'>> = {}): string {
    this.nodes.set(id, { id, tag, lane, incoming: [], outgoing: [], ...extra });
    return id;
  }
  /** A sub-process node; returns its contents, whose element ids start with `prefix`. */
  sub(id: string, name: string, prefix: string, lane = ENGINE_LANE): Container {
    this.node(id, 'subProcess', lane, { name });
    const inner = new Container(prefix);
    this.subs.set(id, inner);
    return inner;
  }
  script(id: string, name: string, code: string, lane = ENGINE_LANE): string {
    return this.node(id, 'scriptTask', lane, { name, attrs: 'scriptFormat="js"', body: `<script>${xml(`${J} ${code} next();`)}</script>` });
  }
  edge(
    from: string,
    to: string,
    extra: { condition?: string; expression?: boolean; name?: string; id?: string; isDefault?: boolean } = {},
  ): string {
    const id = extra.id ?? `Flow_${this.prefix}_${++this.count}`;
    this.edges.push({
      id,
      from,
      to,
      ...(extra.condition ? { condition: extra.condition } : {}),
      ...(extra.expression ? { expression: true } : {}),
      ...(extra.name ? { name: extra.name } : {}),
    });
    this.nodes.get(from)!.outgoing.push(id);
    this.nodes.get(to)!.incoming.push(id);
    if (extra.isDefault) this.defaults.set(from, id);
    return id;
  }

  /** The XML of the lanes, elements and flows, indented by `pad`. */
  render(pad: string, laneSetId: string): string[] {
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
      const attrs = [
        `id="${n.id}"`,
        n.name !== undefined ? `name="${xml(n.name)}"` : '',
        n.attrs ?? '',
        this.defaults.has(n.id) ? `default="${this.defaults.get(n.id)}"` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const refs = [...n.incoming.map((f) => `<incoming>${f}</incoming>`), ...n.outgoing.map((f) => `<outgoing>${f}</outgoing>`)].join('');
      const inner = this.subs.get(n.id);
      if (inner !== undefined)
        out.push(`${pad}<${n.tag} ${attrs}>${refs}`, ...inner.render(`${pad}  `, `LaneSet_${inner.prefix}`), `${pad}</${n.tag}>`);
      else out.push(`${pad}<${n.tag} ${attrs}>${refs}${n.body ?? ''}</${n.tag}>`);
    }
    for (const e of this.edges) {
      const attrs = `id="${e.id}"${e.name ? ` name="${xml(e.name)}"` : ''} sourceRef="${e.from}" targetRef="${e.to}"`;
      if (e.condition) {
        const language = e.expression ? '' : ' language="js"';
        out.push(
          `${pad}<sequenceFlow ${attrs}><conditionExpression xsi:type="tFormalExpression"${language}>${xml(e.condition)}</conditionExpression></sequenceFlow>`,
        );
      } else out.push(`${pad}<sequenceFlow ${attrs} />`);
    }
    return out;
  }
}

/**
 * One token per journey, and no cycle inside any execution. The process is a loop through a
 * single gateway: `Step_journey` (a sub-process) carries the customer one step — enter a state,
 * apply one rule, or wait for one event or timer — and ends; `Continue_journey` either ends the
 * journey or starts the next step. Inside a step every path is acyclic and ends at its own end
 * event, so the "discard" tokens bpmn-engine sends down untaken paths always terminate inside
 * the step that made the decision, and no element is ever entered again while an earlier
 * execution of it is still running (re-entering a stage is a fresh step, after the previous
 * step has completed). Decisions stay cheap: the step routes to the current state's
 * sub-process (the others are discarded whole), and only that state's rules are evaluated.
 */
export function exportBpmn(input: JourneyDefinition | JourneyMachine): string {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const live = machine.states.filter((s) => !s.final);
  const slot = new Map(live.map((s, i) => [s.key, `s${i}`]));
  const moveTo = (key: string): string =>
    key === DONE
      ? `J.state = ${JSON.stringify(DONE)}; J.at = {}; J.entering = false; J.over = true;`
      : `J.state = ${JSON.stringify(key)}; J.at = { ${slot.get(key)!}: true }; J.entering = true;`;

  const main = new Container('journey');
  main.node('Start_journey', 'startEvent', ENGINE_LANE, { name: 'Start' });
  main.script(
    'Init_journey',
    'Start the journey',
    `var v = environment.variables; environment.variables.journey = { t: typeof v.startAt === "number" ? v.startAt : 0, attrs: JSON.parse(JSON.stringify(v.attributes || {})), cause: { type: "enter" }, state: "", at: {}, entering: false, over: false, enteredAt: 0, armed: {}, done: {}, wake: 0, wakeIso: "PT0S" }; J = environment.variables.journey; ${moveTo(machine.initial)}`,
  );
  const step = main.sub(STEP, 'Next step', 'step');
  main.node(CONTINUE, 'exclusiveGateway', ENGINE_LANE, { name: 'Journey over?' });
  main.node(bpmnIds.end, 'endEvent', ENGINE_LANE, { name: 'Journey over' });
  main.edge('Start_journey', 'Init_journey');
  main.edge('Init_journey', STEP);
  main.edge(STEP, CONTINUE);
  main.edge(CONTINUE, bpmnIds.end, { condition: '${environment.variables.journey.over}', expression: true, name: 'yes' });
  main.edge(CONTINUE, STEP, { isDefault: true, name: 'no: next step' });

  step.node('Begin_step', 'startEvent', ENGINE_LANE, { name: 'Step' });
  step.node(ROUTE, 'exclusiveGateway', ENGINE_LANE, { name: 'Which state?' });
  step.edge('Begin_step', ROUTE);
  for (const state of live) {
    const id = bpmnIds.stage(state.key);
    stateProcess(step.sub(id, state.stage ? `Stage: ${state.name}` : state.name, token(state.key)), state, moveTo);
    step.edge(ROUTE, id, {
      condition: `\${environment.variables.journey.at.${slot.get(state.key)!}}`,
      expression: true,
      name: `in ${state.name}`,
    });
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
    `    <documentation>${xml(`${title}: JourneyScroll journey definition v${machine.definition.version}${machine.definition.provenance ? `, compiled from ${provenanceLine(machine.definition.provenance)}` : ''}. Start with variables { attributes, startAt }; signal ${BPMN_EVENT_MESSAGE} with { event, at, data } for each customer event.`)}</documentation>`,
  );
  out.push(...main.render('    ', 'LaneSet_journey'));
  out.push('  </process>');
  out.push('</definitions>');
  return `${out.join('\n')}\n`;
}

const STEP = 'Step_journey';
const CONTINUE = 'Continue_journey';
const ROUTE = 'Route_step';

/**
 * One step in one state: enter it (milestone and captures), or apply its first enabled rule, or
 * — when none is enabled — wait for a customer event or a timer. Each of these is a path without
 * cycles; a rule's work and the wait are sub-processes of their own, so the paths not taken are
 * discarded in one move each. An activity without outgoing flows ends its path.
 */
function stateProcess(c: Container, state: MachineState, moveTo: (key: string) => string): void {
  const k = state.key;
  const start = c.node(`Begin_${token(k)}`, 'startEvent', ENGINE_LANE, { name: 'Step' });
  const evaluate = c.node(bpmnIds.evaluate(k), 'exclusiveGateway', ENGINE_LANE, { name: 'Which rule applies?' });
  c.edge(start, evaluate);

  // Entering: reset the visit, the milestone, the captures.
  c.script(bpmnIds.init(k), `Enter ${state.name}`, 'J.entering = false; J.enteredAt = J.t; J.armed = {}; J.done = {};');
  c.edge(evaluate, bpmnIds.init(k), { condition: '${environment.variables.journey.entering}', expression: true, name: 'entering' });
  let at = bpmnIds.init(k);
  const entered = [
    ...(state.stage ? [c.node(bpmnIds.enter(k), 'intermediateThrowEvent', ENGINE_LANE, { name: `Entered ${state.name}` })] : []),
    ...state.captures.map((capture) =>
      c.node(bpmnIds.capture(k, capture.id), 'task', capture.owner || ENGINE_LANE, {
        name: `Capture ${capture.field} into ${capture.system || '(no system)'}`,
      }),
    ),
  ];
  for (const node of entered) {
    c.edge(at, node);
    at = node;
  }

  // The rules, in priority order: the first enabled one is applied.
  for (const r of state.reactions) {
    for (const rule of r.rules) {
      const edge = { id: bpmnIds.rule(k, r.id, rule), condition: ruleScript(r, rule), name: `${rule} ${r.id}` };
      if (rule === 'arm') {
        c.edge(evaluate, c.script(bpmnIds.arm(k, r.id), `Start waiting ${r.id}`, `J.armed[${JSON.stringify(r.id)}] = J.t;`), edge);
      } else if (rule === 'lapse') {
        c.edge(evaluate, c.script(bpmnIds.lapse(k, r.id), `Lapse ${r.id}`, `J.done[${JSON.stringify(r.id)}] = true;`), edge);
      } else {
        // 'fire' or 'due' (a reaction has one of them): one Act path per reaction.
        let leaves = '';
        if (r.then.kind === 'goto') {
          const carried = r.trigger.kind === 'event' ? `, event: ${JSON.stringify(r.trigger.event)}` : '';
          leaves = ` ${moveTo(r.then.state)} J.cause = { type: "enter"${carried} };`;
        } else if (r.then.kind === 'exit') leaves = ` ${moveTo(r.then.next)} J.cause = { type: "enter" };`;
        const act = `J.done[${JSON.stringify(r.id)}] = true;${leaves}`;
        if (r.actions.length === 0 && r.then.kind !== 'exit') {
          c.edge(evaluate, c.script(bpmnIds.act(k, r.id), `Act: ${r.label}`, act), edge);
          continue;
        }
        const work = c.sub(bpmnIds.work(k, r.id), `Act: ${r.label}`, `${token(k)}__r_${rtoken(r.id)}`);
        c.edge(evaluate, bpmnIds.work(k, r.id), edge);
        let from = work.node(`Begin_${work.prefix}`, 'startEvent', ENGINE_LANE, { name: 'Act' });
        const chain = [work.script(bpmnIds.act(k, r.id), `Act: ${r.label}`, act)];
        r.actions.forEach((a, i) => chain.push(declareAction(work, bpmnIds.action(k, r.id, i), a)));
        if (r.then.kind === 'exit') {
          chain.push(
            work.script(
              bpmnIds.exit(k, r.id),
              `Exit: ${r.then.exit}${r.then.journey ? ` → ${r.then.journey}` : ''}`,
              `J.exit = ${JSON.stringify({ reason: r.then.exit, journey: r.then.journey ?? null })};`,
            ),
          );
        }
        for (const node of chain) {
          work.edge(from, node);
          from = node;
        }
      }
    }
  }

  // Nothing to do: wait for the next customer event, or the next timer (at most MAX_TIMER_MS).
  const w = c.sub(bpmnIds.waiting(k), 'Wait', `${token(k)}__wait`);
  c.edge(evaluate, bpmnIds.waiting(k), { isDefault: true, name: 'nothing to do' });
  const wait = w.script(bpmnIds.wait(k), 'Arm the next timer', waitScript(state));
  w.edge(w.node(`Begin_${w.prefix}`, 'startEvent', ENGINE_LANE, { name: 'Wait' }), wait);
  const receive = (catchId: string, receiveId: string) => {
    w.script(
      receiveId,
      'Receive the event',
      'var m = J.inbox || {}; J.inbox = null; J.t = Number(m.at); if (m.data) { var d = JSON.parse(JSON.stringify(m.data)); for (var key in d) J.attrs[key] = d[key]; } J.cause = { type: "event", event: String(m.event) };',
    );
    // bpmn-engine hands a message's payload only to the flows leaving the catch event: this
    // always-true script condition keeps it for the Receive script.
    w.edge(catchId, receiveId, {
      condition: 'environment.variables.journey.inbox = content.output; next(null, true);',
      name: 'keep the event',
    });
  };
  const message = (id: string) =>
    w.node(id, 'intermediateCatchEvent', ENGINE_LANE, {
      name: 'Customer event',
      body: `<messageEventDefinition id="${id}_def" messageRef="${BPMN_EVENT_MESSAGE}" />`,
    });
  if (hasTimers(state)) {
    // A timer only while a wait is pending: between two causes nothing else can change.
    const pending = w.node(bpmnIds.pending(k), 'exclusiveGateway', ENGINE_LANE, { name: 'A wait pending?' });
    w.edge(wait, pending);
    w.node(bpmnIds.gate(k), 'eventBasedGateway', ENGINE_LANE, { name: 'Wait' });
    w.node(bpmnIds.timer(k), 'intermediateCatchEvent', ENGINE_LANE, {
      name: 'Timer',
      body: `<timerEventDefinition id="${bpmnIds.timer(k)}_def"><timeDuration xsi:type="tFormalExpression">\${environment.variables.journey.wakeIso}</timeDuration></timerEventDefinition>`,
    });
    w.script(bpmnIds.tick(k), 'Timer fired', 'J.t = J.t + J.wake; J.cause = { type: "tick" };');
    w.edge(pending, bpmnIds.gate(k), { condition: '${environment.variables.journey.timed}', expression: true, name: 'yes' });
    w.edge(bpmnIds.gate(k), message(bpmnIds.message(k)));
    w.edge(bpmnIds.gate(k), bpmnIds.timer(k));
    w.edge(bpmnIds.timer(k), bpmnIds.tick(k));
    receive(bpmnIds.message(k), bpmnIds.receive(k));
    w.edge(pending, message(bpmnIds.idleMessage(k)), { isDefault: true, name: 'no' });
    receive(bpmnIds.idleMessage(k), bpmnIds.idleReceive(k));
  } else {
    w.edge(wait, message(bpmnIds.message(k)));
    receive(bpmnIds.message(k), bpmnIds.receive(k));
  }
}

function declareAction(c: Container, id: string, action: DefinitionAction): string {
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
  return id;
}

const hasTimers = (state: MachineState) => state.reactions.some((r) => r.afterMs > 0);

function waitScript(state: MachineState): string {
  if (!hasTimers(state)) return 'J.timed = false; J.wake = 0; J.wakeIso = "PT0S";';
  const after: Record<string, number> = {};
  for (const r of state.reactions) if (r.afterMs > 0) after[r.id] = r.afterMs;
  return [
    `var A = ${JSON.stringify(after)}; var due;`,
    'for (var id in J.armed) { if (J.done[id] || !(id in A)) continue; var at = J.armed[id] + A[id]; if (due === undefined || at < due) due = at; }',
    `J.timed = due !== undefined; J.wake = due === undefined ? 0 : Math.max(0, Math.min(due - J.t, ${MAX_TIMER_MS}));`,
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
        const heard =
          r.then.kind === 'stay'
            ? `((J.cause.type === "event" || J.cause.type === "enter") && J.cause.event === ${e})`
            : `(J.cause.type === "event" && J.cause.event === ${e})`;
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
