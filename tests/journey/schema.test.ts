/**
 * The committed JSON Schema is what the code generates, and every definition we produce
 * validates against it (checked by a JSON Schema validator, not by zod).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { compileBlueprint, definitionJsonSchemaText, validateDefinition } from '../../shared/journey/index.ts';
import { cleanJourney } from '../../shared/journey/fixtures.ts';
import { generateJourney } from './generate.ts';

const FILE = new URL('../../docs/schema/journey-definition.schema.json', import.meta.url);

describe('published JSON Schema', () => {
  it('matches what the code generates (regenerate: npm run schemas)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(definitionJsonSchemaText());
  });

  it('validates every produced definition, and rejects broken ones', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(FILE, 'utf8')));
    const definitions = [
      ...TEMPLATES.filter((t) => t.id !== 'blank').map((t) => compileBlueprint(t.build())),
      compileBlueprint(cleanJourney()),
      ...Array.from({ length: 24 }, (_, i) => {
        const g = generateJourney(i + 1);
        return compileBlueprint(g.blueprint, { reentry: g.reentry });
      }),
    ];
    for (const d of definitions) {
      expect(validate(d), `${d.title}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validateDefinition(d).ok).toBe(true);
    }
    const broken = structuredClone(definitions[0]!) as unknown as { states: { reactions: { then: unknown }[] }[] };
    broken.states[0]!.reactions[0]!.then = { kind: 'teleport' };
    expect(validate(broken)).toBe(false);
    expect(validateDefinition(broken).ok).toBe(false);
  });
});
