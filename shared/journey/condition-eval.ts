import type { ConditionNode } from './condition.ts';

/**
 * Evaluation of a parsed condition against a customer's attributes (a JSON object).
 *
 * Semantics, shared by every engine (condition-js.ts generates the same rules in JavaScript):
 * - A path reads nested own properties of plain objects; a missing key, a non-object on the way,
 *   an array or a JSON `null` make the attribute **absent**.
 * - `a == b` is true only when both sides are present primitives of the same type and equal;
 *   `a != b` is its negation, so `industry != "Education"` holds when `industry` is absent.
 * - `< <= > >=` are true only when both sides are numbers, or both strings (compared by UTF-16
 *   code units); an absent or mismatched side makes them false.
 * - Where a truth value is needed (`&&`, `||`, `!`, the whole condition), only boolean `true`
 *   counts as true: an absent attribute, a number or a string is false.
 */
export type Attributes = Readonly<Record<string, unknown>>;
type Value = string | number | boolean | undefined | object;

export function readPath(attributes: Attributes, path: readonly string[]): Value {
  let value: unknown = attributes;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value === null ? undefined : (value as Value);
}

const primitive = (v: Value): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const orderable = (a: Value, b: Value): boolean =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');

function value(node: ConditionNode, attributes: Attributes): Value {
  switch (node.type) {
    case 'path':
      return readPath(attributes, node.path);
    case 'literal':
      return node.value;
    default:
      return evaluateCondition(node, attributes);
  }
}

export function evaluateCondition(node: ConditionNode, attributes: Attributes): boolean {
  switch (node.type) {
    case 'path':
    case 'literal':
      return value(node, attributes) === true;
    case 'not':
      return !evaluateCondition(node.operand, attributes);
    case 'and':
      return evaluateCondition(node.left, attributes) && evaluateCondition(node.right, attributes);
    case 'or':
      return evaluateCondition(node.left, attributes) || evaluateCondition(node.right, attributes);
    case 'compare': {
      const a = value(node.left, attributes);
      const b = value(node.right, attributes);
      switch (node.op) {
        case '==':
          return primitive(a) && primitive(b) && typeof a === typeof b && a === b;
        case '!=':
          return !(primitive(a) && primitive(b) && typeof a === typeof b && a === b);
        case '<':
          return orderable(a, b) && (a as number) < (b as number);
        case '<=':
          return orderable(a, b) && (a as number) <= (b as number);
        case '>':
          return orderable(a, b) && (a as number) > (b as number);
        case '>=':
          return orderable(a, b) && (a as number) >= (b as number);
      }
    }
  }
}
