import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model/index.ts';
import { conditionError, normalizeCondition, parseCondition, printCondition, type ConditionNode } from './condition.ts';
import { evaluateCondition, type Attributes } from './condition-eval.ts';
import { CONDITION_JS_PRELUDE, conditionToJs } from './condition-js.ts';

const holds = (text: string, attributes: Attributes) => evaluateCondition(parseCondition(text), attributes);

describe('condition language: parsing', () => {
  it('parses and prints the documented forms canonically', () => {
    expect(normalizeCondition('score>=50&&industry!="Education"')).toBe('score >= 50 && industry != "Education"');
    expect(normalizeCondition('(a || b) && c')).toBe('(a || b) && c');
    expect(normalizeCondition('a || (b && c)')).toBe('a || b && c');
    expect(normalizeCondition('!(company.size < 10)')).toBe('!(company.size < 10)');
    expect(normalizeCondition('emotion >= -2')).toBe('emotion >= -2');
    expect(normalizeCondition('name == "say \\"hi\\""')).toBe('name == "say \\"hi\\""');
    expect(normalizeCondition('optedOut == true')).toBe('optedOut == true');
  });

  it('gives !, && and || their precedence', () => {
    expect(parseCondition('!a == b')).toEqual({
      type: 'not',
      operand: { type: 'compare', op: '==', left: { type: 'path', path: ['a'] }, right: { type: 'path', path: ['b'] } },
    });
    const node = parseCondition('a || b && c');
    expect(node.type).toBe('or');
  });

  it.each([
    ['', 'empty'],
    ['score >=', 'expected a value'],
    ['score >= 50 &&', 'expected a value'],
    ['(score >= 50', 'expected ")"'],
    ['score >= 50)', 'expected "&&", "||" or the end'],
    ['score = 50', 'unexpected character "="'],
    ["name == 'x'", `unexpected character "'"`],
    ['name == "unterminated', 'unterminated'],
    ['a == b == c', 'expected "&&", "||" or the end'],
    ['process.exit()', 'unexpected character "("'.replace('unexpected character "("', 'expected "&&", "||" or the end')],
    ['score >= 50; x', 'unexpected character ";"'],
  ])('rejects %j clearly', (text, message) => {
    expect(conditionError(text)).toContain(message);
  });

  it('limits nesting and length', () => {
    expect(conditionError('('.repeat(70) + 'a' + ')'.repeat(70))).toContain('nest');
    expect(conditionError('a'.repeat(1001))).toContain('at most');
  });

  it('round-trips random trees through text', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const node = randomNode(random, 3);
      expect(parseCondition(printCondition(node))).toEqual(node);
    }
  });
});

describe('condition language: evaluation', () => {
  const customer = { score: 60, industry: 'Retail', company: { size: 250, name: 'Acme' }, optedOut: false, tags: ['a'], nothing: null };

  it.each([
    ['score >= 50', true],
    ['score > 60', false],
    ['score >= 50 && industry != "Education"', true],
    ['company.size < 10', false],
    ['!(company.size < 10)', true],
    ['company.name == "Acme"', true],
    ['optedOut == true', false],
    ['optedOut', false],
    ['!optedOut', true],
    ['score == "60"', false],
    ['(score > 1) == true', true],
    ['industry > "Aardvark"', true],
    ['industry > 5', false],
  ])('%s → %s', (text, expected) => {
    expect(holds(text, customer)).toBe(expected);
  });

  it('treats missing attributes as absent', () => {
    expect(holds('missing == 1', customer)).toBe(false);
    expect(holds('missing != 1', customer)).toBe(true);
    expect(holds('missing < 1', customer)).toBe(false);
    expect(holds('missing >= 1', customer)).toBe(false);
    expect(holds('!missing', customer)).toBe(true);
    expect(holds('company.size.value == 1', customer)).toBe(false);
    expect(holds('nothing == 1', customer)).toBe(false);
    expect(holds('tags.length == 1', customer)).toBe(false);
    expect(holds('score.toString == 1', customer)).toBe(false);
    expect(holds('constructor == 1', customer)).toBe(false);
    expect(holds('missing == missing', customer)).toBe(false);
  });
});

describe('condition language: generated JavaScript', () => {
  it('agrees with the evaluator on random conditions and customers', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 400; i++) {
      const node = randomNode(random, 3);
      const attributes = randomAttributes(random);
      // The generated code is evaluated the way bpmn-engine evaluates a script condition.
      const run = new Function('attrs', `${CONDITION_JS_PRELUDE}\nreturn ${conditionToJs(node, 'attrs')};`) as (a: unknown) => unknown;
      expect(run(attributes), `${printCondition(node)} with ${JSON.stringify(attributes)}`).toBe(evaluateCondition(node, attributes));
    }
  });

  it('never pastes user text as code', () => {
    const js = conditionToJs(parseCondition('name == "\\"); process.exit(1); (\\""'), 'attrs');
    expect(js).toContain(JSON.stringify('"); process.exit(1); ("'));
  });
});

const PATHS = [['score'], ['industry'], ['company', 'size'], ['flag'], ['missing']];
const LITERALS = [0, 50, -3, 2.5, 'Retail', 'Education', '', true, false];
const OPS = ['==', '!=', '<', '<=', '>', '>='] as const;

function randomNode(random: ReturnType<typeof seededRandom>, depth: number): ConditionNode {
  const leaf = (): ConditionNode =>
    random.chance(0.5) ? { type: 'path', path: random.pick(PATHS) } : { type: 'literal', value: random.pick(LITERALS) };
  const roll = depth <= 0 ? 0 : random.int(5);
  if (roll === 0) return { type: 'compare', op: random.pick(OPS), left: leaf(), right: leaf() };
  if (roll === 1) return leaf();
  if (roll === 2) return { type: 'not', operand: randomNode(random, depth - 1) };
  return { type: roll === 3 ? 'and' : 'or', left: randomNode(random, depth - 1), right: randomNode(random, depth - 1) };
}

function randomAttributes(random: ReturnType<typeof seededRandom>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (random.chance(0.7)) out.score = random.pick([0, 50, 60, -3, '50']);
  if (random.chance(0.7)) out.industry = random.pick(['Retail', 'Education', '', 5]);
  if (random.chance(0.6)) out.company = random.pick([{ size: 250 }, { size: 2.5 }, null, 'x', { size: null }]);
  if (random.chance(0.6)) out.flag = random.pick([true, false, 'true', 1]);
  return out;
}
