/**
 * `npm run schemas`: writes the published JSON Schemas generated from the code (the blueprint
 * interchange JSON and Journey Definition v1). Tests fail when a committed schema differs from what
 * the code generates, so run this after changing a schema.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { blueprintJsonSchema } from '../shared/model/index.ts';
import { definitionJsonSchemaText } from '../shared/journey/index.ts';

const dir = new URL('../docs/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
const files: ReadonlyArray<readonly [string, string]> = [
  ['blueprint.schema.json', `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`],
  ['journey-definition.schema.json', definitionJsonSchemaText()],
];
for (const [name, text] of files) {
  const out = new URL(name, dir);
  writeFileSync(out, text);
  console.log(`wrote ${out.pathname}`);
}
