import type { ConditionNode } from './condition.ts';

/**
 * Compiles a parsed condition into a JavaScript expression for engines that evaluate script
 * conditions (bpmn-engine's `language="js"`). The code is generated from the tree: attribute
 * paths and strings are emitted as JSON literals, numbers as numbers, so no user text ever
 * reaches the script as code. The expression needs the helpers of `CONDITION_JS_PRELUDE` and a
 * variable holding the attributes (its name is a parameter).
 *
 * The helpers implement exactly the semantics of condition-eval.ts (absent attributes, strict
 * equality, typed ordering, only `true` is true); the differential tests hold the two together.
 */
export const CONDITION_JS_PRELUDE = [
  'var $get = function (o, p) { var v = o; for (var i = 0; i < p.length; i++) { if (v === null || typeof v !== "object" || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, p[i])) return undefined; v = v[p[i]]; } return v === null ? undefined : v; };',
  'var $prim = function (v) { return typeof v === "string" || typeof v === "number" || typeof v === "boolean"; };',
  'var $eq = function (a, b) { return $prim(a) && $prim(b) && typeof a === typeof b && a === b; };',
  'var $ord = function (a, b) { return (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string"); };',
].join('\n');

export function conditionToJs(node: ConditionNode, attributes: string): string {
  const operand = (n: ConditionNode): string => {
    if (n.type === 'path') return `$get(${attributes}, ${JSON.stringify(n.path)})`;
    if (n.type === 'literal') return JSON.stringify(n.value);
    return `(${conditionToJs(n, attributes)})`;
  };
  switch (node.type) {
    case 'path':
    case 'literal':
      return `(${operand(node)} === true)`;
    case 'not':
      return `!(${conditionToJs(node.operand, attributes)})`;
    case 'and':
      return `(${conditionToJs(node.left, attributes)} && ${conditionToJs(node.right, attributes)})`;
    case 'or':
      return `(${conditionToJs(node.left, attributes)} || ${conditionToJs(node.right, attributes)})`;
    case 'compare': {
      const a = operand(node.left);
      const b = operand(node.right);
      if (node.op === '==') return `$eq(${a}, ${b})`;
      if (node.op === '!=') return `!$eq(${a}, ${b})`;
      return `(function (a, b) { return $ord(a, b) && a ${node.op} b; })(${a}, ${b})`;
    }
  }
}
