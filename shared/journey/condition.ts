/**
 * The condition language of flows, score triggers and exits — small enough to read, safe to
 * evaluate (it is parsed, never `eval`ed):
 *
 *   score >= 50 && industry != "Education"
 *   !(company.size < 10) || plan == "enterprise"
 *
 * Attribute paths (`score`, `company.size`), numbers (`50`, `-2`, `0.5`), double-quoted strings
 * (JSON escapes), `true`/`false`, comparisons `== != < <= > >=`, `&& || !` and parentheses.
 * Precedence, loosest first: `||`, `&&`, `!`, comparison. `!a == b` reads `!(a == b)`.
 *
 * This file parses and prints; `condition-eval.ts` evaluates (simulator, XState guards) and
 * `condition-js.ts` compiles to a JavaScript expression (BPMN script conditions). All three walk
 * the same tree, so every engine runs the same semantics.
 */

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ConditionNode =
  | { readonly type: 'path'; readonly path: readonly string[] }
  | { readonly type: 'literal'; readonly value: string | number | boolean }
  | { readonly type: 'compare'; readonly op: CompareOp; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly type: 'and' | 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly type: 'not'; readonly operand: ConditionNode };

export class ConditionSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'ConditionSyntaxError';
    this.position = position;
  }
}

type TokenKind = 'number' | 'string' | 'op' | 'and' | 'or' | 'not' | 'open' | 'close' | 'word';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const MAX_LENGTH = 1000;
const MAX_DEPTH = 64;
const SEGMENT = '[A-Za-z_][A-Za-z0-9_]*';
const TOKEN = new RegExp(
  [
    '(-?\\d+(?:\\.\\d+)?)', // number
    '("(?:[^"\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*")', // JSON string
    '(==|!=|<=|>=|<|>)',
    '(&&)',
    '(\\|\\|)',
    '(!)',
    '(\\()',
    '(\\))',
    `(${SEGMENT}(?:\\.${SEGMENT})*)`,
  ].join('|'),
  'y',
);
const KINDS: readonly TokenKind[] = ['number', 'string', 'op', 'and', 'or', 'not', 'open', 'close', 'word'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) {
      const what = ch === '"' ? 'an unterminated or badly escaped string' : `unexpected character "${ch}"`;
      throw new ConditionSyntaxError(`${what} at position ${i + 1}`, i);
    }
    const group = m.slice(1).findIndex((g) => g !== undefined);
    tokens.push({ kind: KINDS[group]!, text: m[0], at: i });
    i += m[0].length;
  }
  return tokens;
}

/** Parses a condition; throws `ConditionSyntaxError` saying what is wrong and where. */
export function parseCondition(text: string): ConditionNode {
  if (text.length > MAX_LENGTH) throw new ConditionSyntaxError(`a condition is at most ${MAX_LENGTH} characters`, MAX_LENGTH);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ConditionSyntaxError('the condition is empty', 0);
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    const token = peek();
    const where = token ? `"${token.text}" at position ${token.at + 1}` : 'the end';
    throw new ConditionSyntaxError(`${what}, found ${where}`, token?.at ?? text.length);
  };

  const or = (): ConditionNode => {
    let left = and();
    while (peek()?.kind === 'or') {
      i++;
      left = { type: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): ConditionNode => {
    let left = unary();
    while (peek()?.kind === 'and') {
      i++;
      left = { type: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): ConditionNode => {
    if (peek()?.kind !== 'not') return comparison();
    i++;
    return { type: 'not', operand: unary() };
  };
  const comparison = (): ConditionNode => {
    const left = primary();
    const token = peek();
    if (token?.kind !== 'op') return left;
    i++;
    return { type: 'compare', op: token.text as CompareOp, left, right: primary() };
  };
  const primary = (): ConditionNode => {
    const token = peek();
    if (!token) return fail('expected a value');
    switch (token.kind) {
      case 'open': {
        if (++depth > MAX_DEPTH) fail(`parentheses nest at most ${MAX_DEPTH} deep`);
        i++;
        const inner = or();
        if (peek()?.kind !== 'close') fail('expected ")"');
        i++;
        depth--;
        return inner;
      }
      case 'number':
        i++;
        return { type: 'literal', value: Number(token.text) };
      case 'string':
        i++;
        return { type: 'literal', value: JSON.parse(token.text) as string };
      case 'word':
        i++;
        if (token.text === 'true' || token.text === 'false') return { type: 'literal', value: token.text === 'true' };
        return { type: 'path', path: token.text.split('.') };
      default:
        return fail('expected a value');
    }
  };

  const node = or();
  if (i < tokens.length) fail('expected "&&", "||" or the end');
  return node;
}

/** `null` when `text` is a well-formed condition, otherwise the reason it is not. */
export function conditionError(text: string): string | null {
  try {
    parseCondition(text);
    return null;
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return error.message;
    throw error;
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3, compare: 4, path: 5, literal: 5 } as const;

/** The canonical text of a condition: single spaces, parentheses only where needed. */
export function printCondition(node: ConditionNode): string {
  const wrap = (child: ConditionNode, min: number) => {
    const text = printCondition(child);
    return PRECEDENCE[child.type] < min ? `(${text})` : text;
  };
  switch (node.type) {
    case 'path':
      return node.path.join('.');
    case 'literal':
      return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    case 'compare':
      // Operands of a comparison are primaries: anything looser is parenthesised.
      return `${wrap(node.left, 5)} ${node.op} ${wrap(node.right, 5)}`;
    case 'not':
      // `!a < b` already means `!(a < b)`; the parentheses are printed for the reader.
      return `!${wrap(node.operand, 5)}`;
    case 'and':
      return `${wrap(node.left, 2)} && ${wrap(node.right, 3)}`;
    case 'or':
      return `${wrap(node.left, 1)} || ${wrap(node.right, 2)}`;
  }
}

/** The canonical form of a condition's text; throws on a malformed one. */
export function normalizeCondition(text: string): string {
  return printCondition(parseCondition(text));
}

/** Every attribute path a condition reads. */
export function conditionPaths(node: ConditionNode, out: string[] = []): string[] {
  switch (node.type) {
    case 'path':
      out.push(node.path.join('.'));
      break;
    case 'literal':
      break;
    case 'not':
      conditionPaths(node.operand, out);
      break;
    default:
      conditionPaths(node.left, out);
      conditionPaths(node.right, out);
  }
  return out;
}
