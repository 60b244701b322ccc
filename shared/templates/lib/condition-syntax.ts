/**
 * A recogniser for the small condition language that flows, score triggers and exits use:
 * attribute paths (`score`, `company.size`), numbers, double-quoted strings, true/false,
 * `== != < <= > >=`, `&& || !` and parentheses.
 *
 * It only answers "is this well-formed?" so that template tests catch a typo long before the
 * journey compiler (shared/journey, which owns evaluation) meets it. It is deliberately strict:
 * a template should use only what every engine can run.
 */

type Token =
  | { kind: 'path' | 'number' | 'string' | 'bool' | 'op' | 'logic' | 'not' | 'open' | 'close'; text: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|(==|!=|<=|>=|<|>)|(&&|\|\|)|(!)|(\()|(\))|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*))/y;

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) return `unexpected character at ${at}: "${text.slice(at).trimStart().slice(0, 10)}"`;
    const [, num, str, op, logic, not, open, close, path] = m;
    if (num !== undefined) tokens.push({ kind: 'number', text: num });
    else if (str !== undefined) tokens.push({ kind: 'string', text: str });
    else if (op !== undefined) tokens.push({ kind: 'op', text: op });
    else if (logic !== undefined) tokens.push({ kind: 'logic', text: logic });
    else if (not !== undefined) tokens.push({ kind: 'not', text: not });
    else if (open !== undefined) tokens.push({ kind: 'open', text: open });
    else if (close !== undefined) tokens.push({ kind: 'close', text: close });
    else if (path === 'true' || path === 'false') tokens.push({ kind: 'bool', text: path });
    else tokens.push({ kind: 'path', text: path! });
  }
  return tokens;
}

/** `null` when `text` is a well-formed condition, otherwise what is wrong with it. */
export function conditionSyntaxError(text: string): string | null {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'empty condition';
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string) => {
    throw new Error(`${what} at token ${i + 1}${peek() ? ` ("${peek()!.text}")` : ' (end)'}`);
  };

  // or := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '!' unary | comparison
  // comparison := operand (op operand)? ; operand := '(' or ')' | path | number | string | bool
  const or = (): void => {
    and();
    while (peek()?.text === '||') {
      i++;
      and();
    }
  };
  const and = (): void => {
    unary();
    while (peek()?.text === '&&') {
      i++;
      unary();
    }
  };
  const unary = (): void => {
    if (peek()?.kind !== 'not') return comparison();
    i++;
    unary();
  };
  const comparison = (): void => {
    operand();
    if (peek()?.kind !== 'op') return;
    i++;
    operand();
  };
  const operand = (): void => {
    const token = peek();
    if (!token) return fail('expected a value');
    if (token.kind === 'open') {
      i++;
      or();
      if (peek()?.kind !== 'close') fail('expected ")"');
      i++;
      return;
    }
    if (token.kind === 'path' || token.kind === 'number' || token.kind === 'string' || token.kind === 'bool') {
      i++;
      return;
    }
    fail('expected a value');
  };

  try {
    or();
    if (i < tokens.length) fail('unexpected');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
