/** shared/journey: blueprint → Journey Definition v1, lint, simulator, XState and BPMN exports. */
export {
  parseCondition,
  printCondition,
  normalizeCondition,
  conditionError,
  conditionPaths,
  ConditionSyntaxError,
  type ConditionNode,
  type CompareOp,
} from './condition.ts';
export { evaluateCondition, readPath, type Attributes } from './condition-eval.ts';
export { conditionToJs, CONDITION_JS_PRELUDE } from './condition-js.ts';
export {
  definitionSchema,
  validateDefinition,
  DEFINITION_FORMAT,
  DEFINITION_VERSION,
  type JourneyDefinition,
  type StateDefinition,
  type Reaction,
  type Trigger,
  type Then,
  type Capture,
  type DefinitionAction,
  type Entry,
  type Reentry,
  type DefinitionIssue,
} from './definition.ts';
export { compileBlueprint, compileContext, CompileError, SEGMENT_EVENT, type CompileOptions, type CompileProblem } from './compile.ts';
export {
  buildMachine,
  reactionKey,
  MAX_TIMER_MS,
  IDLE,
  COOLDOWN,
  DONE,
  type JourneyMachine,
  type MachineState,
  type MachineReaction,
  type RuleKind,
} from './machine.ts';
export { simulate, JourneyLoopError, type SimulationResult } from './simulate.ts';
export {
  parseEventScript,
  eventScriptSchema,
  DEFAULT_RUN_ON_MS,
  type EventScript,
  type ScriptEvent,
  type EventScriptInput,
} from './events.ts';
export { describeAction, formatTrace, type TraceEntry } from './trace.ts';
export { exportXState, xstateTarget, XSTATE_EVENT, type XStateConfig } from './xstate.ts';
export { createXStateImplementations, type XStateContext, type XStateRuntimeOptions } from './xstate-runtime.ts';
export { definitionJsonSchema, definitionJsonSchemaText } from './json-schema.ts';
export { lintBlueprint, hasErrors, LINT_RULES, type Finding, type Severity, type LintRule } from './lint.ts';
export { exportBpmn, bpmnTracePoints, bpmnIds, BPMN_EVENT_MESSAGE, type BpmnTracePoint } from './bpmn.ts';
export { findingsByStage } from './findings-by-stage.ts';
export { exportXStateModule } from './xstate-module.ts';
