import { conditionToJs, CONDITION_JS_PRELUDE } from './condition-js.ts';
import type { ConditionNode } from './condition.ts';
import { provenanceLine, type JourneyDefinition } from './definition.ts';
import { buildMachine, MAX_TIMER_MS, type JourneyMachine, type MachineReaction } from './machine.ts';
import { describeAction } from './trace.ts';
import { exportXState } from './xstate.ts';
import { XSTATE_MODULE_RUNTIME } from './xstate-module-runtime.ts';

/**
 * `--format xstate`: a self-contained ES module that runs with only `xstate` installed. It holds
 * the machine config (exportXState), the journey's states and reactions as a table, one function
 * per condition generated from its parsed tree (condition-js.ts: paths and strings are JSON
 * literals, no user text becomes code), the guards and actions over them, and a driver:
 * `startJourney` (live, real timers), `runScript` (a dry run on a virtual clock) and
 * `createJourneyMachine` (the bare machine). docs/journey-definition.md, "Exports".
 */
export function exportXStateModule(input: JourneyDefinition | JourneyMachine): string {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const conditions: string[] = [];
  const named = (node: ConditionNode | undefined): string | undefined => {
    if (!node) return undefined;
    conditions.push(`  c${conditions.length}: (a) => ${conditionToJs(node, 'a')},`);
    return `c${conditions.length - 1}`;
  };
  const reaction = (r: MachineReaction) => ({
    id: r.id,
    trigger:
      r.trigger.kind === 'enter'
        ? { kind: 'enter' }
        : r.trigger.kind === 'event'
          ? { kind: 'event', event: r.trigger.event, ...(r.trigger.condition ? { condition: named(r.trigger.condition) } : {}) }
          : { kind: 'condition', condition: named(r.trigger.condition) },
    afterMs: r.afterMs,
    ...(r.guard ? { guard: named(r.guard) } : {}),
    actions: r.actions.map((a) => ({ ...a, detail: describeAction(a) })),
    then: r.then,
  });
  const states = Object.fromEntries(
    machine.states.map((s) => [
      s.key,
      {
        stage: !!s.stage,
        name: s.name,
        captures: s.captures.map((c) => ({ id: c.id, field: c.field, system: c.system })),
        reactions: s.reactions.map(reaction),
      },
    ]),
  );
  const { title, version, provenance } = machine.definition;
  return [
    `// ${title.replace(/[\r\n]+/g, ' ')} — a JourneyScroll journey (definition v${version}) as an XState v5 machine.`,
    ...(provenance ? [`// Compiled from ${provenanceLine(provenance)}.`] : []),
    '// Needs only `xstate` (npm install xstate). Quick start:',
    "//   import { runScript, startJourney } from './this-file.mjs';",
    "//   runScript({ attributes: {}, events: [{ at: 0, event: 'form.submitted' }], until: 400 * 86400000 }).trace",
    '// Events are { type: "journey.event", event, at, data }; see startJourney and runScript below.',
    "import { assign, createActor, setup } from 'xstate';",
    '',
    '// Conditions, generated from their parsed form: only boolean true is true; an absent attribute is never equal to anything.',
    CONDITION_JS_PRELUDE,
    `const when = {\n${conditions.join('\n')}\n};`,
    '',
    '/** The journey: each state with its captures and its reactions in priority order (the rules the guards run). */',
    `export const journey = ${JSON.stringify({ title, ...(provenance ? { provenance } : {}), states }, null, 2)};`,
    '',
    '/** The XState machine config: behaviour referenced by name (guard journey.rule, actions journey.*, delay journey.wake). */',
    `export const config = ${JSON.stringify(exportXState(machine), null, 2)};`,
    XSTATE_MODULE_RUNTIME.replace('${MAX_TIMER_MS}', String(MAX_TIMER_MS)),
  ].join('\n');
}
