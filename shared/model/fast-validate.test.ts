import { describe, expect, it } from 'vitest';
import { compileValidator } from './fast-validate.ts';
import { generateBlueprint } from './generate.ts';
import { seededRandom } from './random.ts';
import { ENTITY_COLLECTIONS, ENTITY_SCHEMAS, metaSchema } from './schema.ts';

/** Values of every kind, valid and not, to throw at each field. */
const PROBES: unknown[] = [
  '',
  ' ',
  '  padded name  ',
  'x'.repeat(63),
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(201),
  'x'.repeat(501),
  'x'.repeat(20_001),
  'a0',
  'a0~',
  'st_ok',
  'has space',
  '3d',
  '1d12h',
  '3 days',
  'email',
  'webinar',
  'draft',
  'active',
  'touchpoints',
  'awareness',
  'nope',
  0,
  1,
  -5,
  5,
  6,
  -6,
  2.5,
  119,
  120,
  4000,
  4001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  [],
  {},
  { type: 'event', event: 'x' },
  { type: 'send', channel: 'email' },
  { type: 'bogus' },
  { volume: 3, conversionRate: 0.5 },
  { conversionRate: 2 },
];

describe('compiled validators agree with zod', () => {
  for (const name of ENTITY_COLLECTIONS) {
    it(`${name}: same verdict and same data on valid and mutated inputs`, () => {
      const schema = ENTITY_SCHEMAS[name];
      const fast = compileValidator(schema);
      const bp = generateBlueprint({ cards: 300, seed: 12 });
      const valid: Record<string, unknown>[] =
        name === 'annotations'
          ? [{ id: 'shape:1', typeName: 'shape', x: 1, props: { a: [1, 'b'] } }]
          : (bp[name] as unknown as Record<string, unknown>[]);
      const random = seededRandom(99);
      const keys = Object.keys(schema.shape);
      let checked = 0;
      for (let n = 0; checked < 1_000; n++) {
        const base = valid[n % valid.length]!;
        const cases: Record<string, unknown>[] = [base, { ...base, extra: 'stripped' }];
        for (let i = 0; i < 12; i++) {
          const mutated: Record<string, unknown> = { ...base };
          const key = random.pick(keys);
          if (random.chance(0.15)) delete mutated[key];
          else mutated[key] = random.pick(PROBES);
          cases.push(mutated);
        }
        for (const input of cases) {
          const expected = schema.safeParse(input);
          const actual = fast(input);
          expect(actual.success, JSON.stringify(input)).toBe(expected.success);
          if (expected.success && actual.success) expect(actual.data).toEqual(expected.data);
          else if (!actual.success && !expected.success) expect(actual.error.issues).toEqual(expected.error.issues);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(1_000);
    });
  }

  it('meta: every probe in every field', () => {
    const fast = compileValidator(metaSchema);
    const base = { schemaVersion: 2, minAppVersion: '0.1.0', title: 'T', status: 'draft', owner: '', description: '' };
    for (const key of Object.keys(base)) {
      for (const probe of PROBES) {
        const input = { ...base, [key]: probe };
        expect(fast(input).success, `${key}=${JSON.stringify(probe)}`).toBe(metaSchema.safeParse(input).success);
      }
    }
  });
});
