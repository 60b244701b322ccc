/**
 * The runtime of the standalone XState module (xstate-module.ts), as JavaScript source: the step
 * semantics of runtime.ts restated over the module's `journey` table and its generated `when`
 * conditions, plus the driver. It is text because it is written into the exported file; the
 * tests run that file in plain `xstate` and hold its traces equal to the simulator's.
 */
export const XSTATE_MODULE_RUNTIME = String.raw`
const DONE = '$done';
/** The longest timer ever armed (20 days): JavaScript timers overflow at ~24.8 days. */
export const MAX_TIMER_MS = ${'${MAX_TIMER_MS}'};

const reactionOf = (p) => {
  const r = journey.states[p.state] && journey.states[p.state].reactions.find((x) => x.id === p.reaction);
  if (!r) throw new Error('unknown reaction ' + p.reaction + ' in ' + p.state);
  return r;
};
const holds = (name, attributes) => when[name](attributes) === true;

function matches(trigger, reaction, s) {
  if (trigger.kind === 'enter') return s.cause.type === 'enter';
  if (trigger.kind === 'event') {
    const heard =
      (s.cause.type === 'event' && s.cause.event === trigger.event) ||
      (s.cause.type === 'enter' && s.cause.event === trigger.event && reaction.then.kind === 'stay');
    return heard && (!trigger.condition || holds(trigger.condition, s.attributes));
  }
  return holds(trigger.condition, s.attributes);
}

function ruleEnabled(reaction, rule, s) {
  if (s.done[reaction.id]) return false;
  const armedAt = s.armed[reaction.id];
  const due = armedAt !== undefined && s.t >= armedAt + reaction.afterMs;
  if (rule === 'fire') return matches(reaction.trigger, reaction, s);
  if (rule === 'arm') return armedAt === undefined && matches(reaction.trigger, reaction, s);
  if (rule === 'due') return due && (!reaction.guard || holds(reaction.guard, s.attributes));
  return due && !!reaction.guard && !holds(reaction.guard, s.attributes);
}

function setPath(target, path, value) {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      const child = node[key];
      if (child === null || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
      node = node[key];
    }
  });
}

function readField(attributes, field) {
  let value = attributes;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value === null ? undefined : structuredClone(value);
}

function applyRule(s, reaction, rule) {
  if (rule === 'arm') return { state: { ...s, armed: { ...s.armed, [reaction.id]: s.t } }, trace: [] };
  const done = { ...s.done, [reaction.id]: true };
  if (rule === 'lapse') return { state: { ...s, done }, trace: [] };
  const stage = s.state;
  const trace = [];
  let attributes = s.attributes;
  for (const a of reaction.actions) {
    trace.push({ at: s.t, type: 'action', stage, card: a.id, action: a.type, detail: a.detail });
    if (a.type === 'set-field' && a.field && a.value !== undefined) {
      attributes = structuredClone(attributes);
      setPath(attributes, a.field.split('.'), a.value);
    } else if (a.type === 'change-classification' && a.classification !== undefined) {
      attributes = { ...attributes, classification: a.classification };
    }
  }
  const state = { ...s, done, attributes };
  const then = reaction.then;
  if (then.kind === 'stay') return { state, trace };
  if (then.kind === 'goto') {
    const carried = reaction.trigger.kind === 'event' ? reaction.trigger.event : undefined;
    return { state, trace, cause: carried ? { type: 'enter', event: carried } : { type: 'enter' } };
  }
  trace.push({ at: s.t, type: 'exit', stage, card: reaction.id, reason: then.exit, ...(then.journey ? { journey: then.journey } : {}) });
  return { state, trace, cause: { type: 'enter' } };
}

function enterState(s, key) {
  const target = journey.states[key];
  const state = { ...s, state: key, enteredAt: s.t, armed: {}, done: {} };
  const trace = [];
  if (target.stage) {
    trace.push({ at: s.t, type: 'enter', stage: key });
    for (const c of target.captures) {
      const value = readField(s.attributes, c.field);
      trace.push({ at: s.t, type: 'capture', stage: key, card: c.id, field: c.field, system: c.system, ...(value === undefined ? {} : { value }) });
    }
  }
  return { state, trace };
}

function wakeAfter(s) {
  let best;
  for (const [id, at] of Object.entries(s.armed)) {
    if (s.done[id]) continue;
    const r = journey.states[s.state].reactions.find((x) => x.id === id);
    if (!r) continue;
    if (best === undefined || at + r.afterMs < best) best = at + r.afterMs;
  }
  return best === undefined ? MAX_TIMER_MS : Math.max(0, Math.min(best - s.t, MAX_TIMER_MS));
}

/**
 * The machine with its guards, actions and delays. onTrace(entry) is called for every stage
 * entered ({type:'enter'}), field captured ('capture'), action to perform ('action') and exit
 * ('exit'); perform the actions there.
 */
export function createJourneyMachine({ onTrace = () => {} } = {}) {
  const emit = (entries) => entries.forEach((e) => onTrace(e));
  return setup({
    guards: {
      'journey.rule': ({ context }, p) => context.state === p.state && ruleEnabled(reactionOf(p), p.rule, context),
    },
    actions: {
      'journey.enter': assign(({ context }, p) => {
        const step = enterState(context, p.state);
        emit(step.trace);
        return step.state;
      }),
      'journey.apply': assign(({ context }, p) => {
        const step = applyRule(context, reactionOf(p), p.rule);
        emit(step.trace);
        return step.cause ? { ...step.state, cause: step.cause } : step.state;
      }),
      'journey.receive': assign(({ context, event }) => ({
        t: Math.max(context.t, Number(event.at)),
        attributes: event.data ? { ...context.attributes, ...structuredClone(event.data) } : context.attributes,
        cause: { type: 'event', event: String(event.event) },
      })),
      'journey.arm': assign(({ context }) => ({ wake: wakeAfter(context) })),
      'journey.tick': assign(({ context }) => ({ t: context.t + (context.wake || 0), cause: { type: 'tick' } })),
    },
    delays: { 'journey.wake': ({ context }) => context.wake || 0 },
  }).createMachine({
    ...config,
    context: ({ input }) => ({
      ...config.context,
      attributes: structuredClone((input && input.attributes) || {}),
      t: (input && input.start) || 0,
      enteredAt: (input && input.start) || 0,
    }),
  });
}

/**
 * The driver, for live use: starts one customer's journey on real timers.
 *   const j = startJourney({ attributes: { score: 10 }, onTrace: (e) => console.log(e) });
 *   j.send('email.opened', { score: 60 });   // a customer event, now
 *   j.stop();
 * Times are milliseconds on the journey's clock (default: Date.now()). Waits of any length work:
 * no timer is armed for more than MAX_TIMER_MS; the machine re-arms until the absolute deadline.
 * A process that must survive restarts should persist actor.getPersistedSnapshot() and restore
 * it, as the deadlines are stored as absolute times in the context.
 */
export function startJourney({ attributes = {}, onTrace, now = () => Date.now(), clock, snapshot } = {}) {
  const actor = createActor(createJourneyMachine({ onTrace }), {
    input: { attributes, start: now() },
    ...(clock ? { clock } : {}),
    ...(snapshot ? { snapshot } : {}),
  });
  actor.start();
  return {
    actor,
    send: (event, data, at = now()) => actor.send({ type: 'journey.event', event, at, ...(data ? { data } : {}) }),
    get state() {
      return actor.getSnapshot().context.state;
    },
    stop: () => actor.stop(),
  };
}

/**
 * A dry run on a virtual clock (nothing waits for real; a 365-day wait costs nothing):
 *   runScript({ attributes, events: [{ at: 0, event: 'form.submitted', data }], until: 400 * 86400000 })
 * returns { trace, state, timers } — timers: every timer length armed, in ms. A timer due at or
 * before an event's time fires before the event.
 */
export function runScript({ attributes = {}, events = [], until }) {
  let now = 0;
  let seq = 0;
  const queue = [];
  const timers = [];
  const clock = {
    setTimeout: (fn, ms) => {
      timers.push(ms);
      const entry = { at: now + Math.max(0, ms), seq: seq++, fn };
      queue.push(entry);
      return entry;
    },
    clearTimeout: (entry) => {
      const i = queue.indexOf(entry);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  const advanceTo = (time) => {
    for (;;) {
      let next;
      for (const q of queue) if (!next || q.at < next.at || (q.at === next.at && q.seq < next.seq)) next = q;
      if (!next || next.at > time) break;
      queue.splice(queue.indexOf(next), 1);
      now = next.at;
      next.fn();
    }
    now = Math.max(now, time);
  };
  const trace = [];
  const end = until === undefined ? (events.length ? events[events.length - 1].at : 0) + 365 * 86400000 : until;
  const journeyRun = startJourney({ attributes, onTrace: (e) => trace.push(e), now: () => now, clock });
  for (const e of events) {
    if (e.at > end) break;
    advanceTo(e.at);
    if (journeyRun.actor.getSnapshot().status !== 'active') break;
    journeyRun.send(e.event, e.data, e.at);
  }
  advanceTo(end);
  const state = journeyRun.state;
  journeyRun.stop();
  return { trace, state, timers };
}
`;
