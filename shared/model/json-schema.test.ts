import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from './generate.ts';
import { blueprintJsonSchema } from './json-schema.ts';

describe('blueprint JSON Schema', () => {
  it('is the committed docs/schema/blueprint.schema.json (run `npm run schemas` after a change)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/schema/blueprint.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(blueprintJsonSchema())));
  });

  it('describes every entity collection and the closed vocabularies', () => {
    const schema = blueprintJsonSchema() as {
      properties: Record<string, { items?: { properties?: Record<string, { enum?: string[] }> } }>;
      required: string[];
    };
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'meta', 'stages', 'lanes', 'cards', 'flows']));
    expect(schema.properties.lanes?.items?.properties?.kind?.enum).toContain('thinking-feeling');
    expect(schema.properties.cards?.items?.properties?.channel?.enum).toContain('direct-mail');
    expect(JSON.stringify(generateBlueprint({ cards: 3 }))).toBeTruthy();
  });
});

describe('blueprint JSON Schema, checked by an independent validator', () => {
  it('accepts what the code writes and refuses what the code refuses', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(blueprintJsonSchema());
    const good = generateBlueprint({ cards: 200, seed: 4 });
    expect(validate(JSON.parse(JSON.stringify(good))), JSON.stringify(validate.errors)).toBe(true);
    const badLane = { ...good, lanes: [{ ...good.lanes[0], kind: 'spaceship' }] };
    expect(validate(badLane)).toBe(false);
    const badCard = { ...good, cards: [{ ...good.cards[0], emotion: 11 }] };
    expect(validate(badCard)).toBe(false);
  });
});
