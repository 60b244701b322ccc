import { z } from 'zod';
import { blueprintSchema } from './schema.ts';

export const BLUEPRINT_SCHEMA_ID = 'https://journeyscroll.dev/schema/blueprint.schema.json';

/**
 * The JSON Schema of the interchange form (docs/schema/blueprint.schema.json), generated from the
 * zod schema so the two can never disagree. It describes what a writer may send: fields with a
 * default may be omitted.
 */
export function blueprintJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(blueprintSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: BLUEPRINT_SCHEMA_ID,
    title: 'JourneyScroll blueprint',
    description:
      'A customer-journey blueprint in JourneyScroll’s interchange form (see docs/document-layout.md). Durations are like 3d, 12h, 1d12h; order keys are fractional-index keys compared as strings.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
