import { readFileSync } from 'node:fs';
import type * as Y from 'yjs';
import { extname, resolve } from 'node:path';
import { blueprintToDoc, decodeJourneyFile, encodeJourneyFile, readBlueprint } from '../../shared/doc/index.ts';
import { BLUEPRINT_FORMAT, blueprintSchema, type Blueprint } from '../../shared/model/index.ts';
import { DEFINITION_FORMAT, validateDefinition, type JourneyDefinition } from '../../shared/journey/index.ts';
import { getTemplate, TEMPLATES } from '../../shared/templates/index.ts';

/**
 * What the journey commands read: a `.journey` file, a blueprint JSON (`journeyscroll.blueprint`),
 * a built-in template (`--template NAME`), or — where a definition is enough — a Journey
 * Definition v1 JSON. Every failure is an Error with a message fit for the terminal.
 */
export type Input =
  | { kind: 'blueprint'; blueprint: Blueprint; source: string; /** A .journey file's document: its versions, history. */ doc?: Y.Doc }
  | { kind: 'definition'; definition: JourneyDefinition; source: string };

export class InputError extends Error {}

export function templateNames(): string {
  return TEMPLATES.map((t) => t.id).join(', ');
}

export function loadInput(cwd: string, file: string | undefined, template: string | undefined, allowDefinition = false): Input {
  if (template !== undefined) {
    if (file !== undefined) throw new InputError('give either FILE or --template, not both');
    const found = getTemplate(template);
    if (!found) throw new InputError(`unknown template "${template}" (templates: ${templateNames()})`);
    return { kind: 'blueprint', blueprint: found.build(), source: `template ${template}` };
  }
  if (file === undefined) throw new InputError('missing FILE (a .journey file or a blueprint JSON), or --template NAME');
  const path = resolve(cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.journey') {
    try {
      const doc = decodeJourneyFile(bytes);
      return { kind: 'blueprint', blueprint: readBlueprint(doc), source: file, doc };
    } catch (error) {
      throw new InputError(`${file} is not a readable .journey file: ${(error as Error).message}`);
    }
  }
  if (ext !== '.json') throw new InputError(`${file}: unknown file type "${ext || '(none)'}" — expected .journey or .json`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const format = json && typeof json === 'object' ? (json as { format?: unknown }).format : undefined;
  if (format === DEFINITION_FORMAT) {
    if (!allowDefinition)
      throw new InputError(`${file} is a journey definition; this command needs a blueprint (.journey or blueprint JSON)`);
    const result = validateDefinition(json);
    if (!result.ok)
      throw new InputError(
        `${file} fails the journey definition schema:\n${result.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      );
    return { kind: 'definition', definition: result.definition, source: file };
  }
  if (format !== BLUEPRINT_FORMAT) {
    throw new InputError(
      `${file}: unknown JSON format ${JSON.stringify(format ?? null)} — expected "${BLUEPRINT_FORMAT}"${allowDefinition ? ` or "${DEFINITION_FORMAT}"` : ''}`,
    );
  }
  const parsed = blueprintSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `${file} is not a valid blueprint:\n${parsed.error.issues
        .slice(0, 20)
        .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n')}`,
    );
  }
  return { kind: 'blueprint', blueprint: parsed.data, source: file };
}

export function encodeBlueprintFile(blueprint: Blueprint): Uint8Array {
  return encodeJourneyFile(blueprintToDoc(blueprint));
}
