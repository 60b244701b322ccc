/**
 * `npm run schemas`: writes the published JSON Schemas generated from the code. Tests fail when a
 * committed schema differs from what the code generates, so run this after changing a schema.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { blueprintJsonSchema } from '../shared/model/index.ts';

const dir = new URL('../docs/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
const out = new URL('blueprint.schema.json', dir);
writeFileSync(out, `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
