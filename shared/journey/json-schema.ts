import { z } from 'zod';
import { definitionSchema } from './definition.ts';

/**
 * The published JSON Schema of Journey Definition v1 (docs/schema/journey-definition.schema.json),
 * generated from the zod schema. Refinements that JSON Schema cannot say (condition syntax, the
 * cross-references checked by `validateDefinition`) are described in the docs.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'https://journeyscroll.app/schema/journey-definition.schema.json',
    title: 'JourneyScroll Journey Definition v1',
    ...schema,
  };
}

export const definitionJsonSchemaText = (): string => `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
