import { describe, expect, it } from 'vitest';
import { conditionSyntaxError } from './condition-syntax.ts';

describe('conditionSyntaxError', () => {
  it.each([
    'score >= 50',
    'score >= 50 && industry != "Education"',
    'company.size >= 50',
    'optedOut == true',
    '!(healthScore < 50) || plan == "Business"',
    'seatUtilisation >= 0.9',
    'a && (b || !c)',
    '  score>=50&&x<1  ',
    'note == "say \\"hi\\""',
  ])('accepts %s', (text) => {
    expect(conditionSyntaxError(text)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['score >=', /expected a value/],
    ['score = 50', /unexpected character/],
    ['score >= 50 and x', /unexpected/],
    ['(score >= 50', /expected "\)"/],
    ['score >= 50)', /unexpected/],
    ["name == 'single'", /unexpected character/],
    ['3d', /unexpected/],
    ['a < b < c', /unexpected/],
    ['&& a', /expected a value/],
  ])('rejects %j', (text, message) => {
    expect(conditionSyntaxError(text)).toMatch(message);
  });
});
