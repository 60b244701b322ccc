import * as Y from 'yjs';
import { blueprintSchema, ENTITY_COLLECTIONS, type Blueprint, type BlueprintInput } from '../model/index.ts';
import { collection, historyArray, metaMap } from './keys.ts';
import { newEntityMap, writeFields } from './fields.ts';

/**
 * Writes a whole blueprint (the interchange JSON, validated first) into a document, in one
 * transaction. Entities already present are updated field by field; entities of the document
 * that the blueprint lacks are left alone (use it on an empty document for an exact copy).
 */
export function writeBlueprint(doc: Y.Doc, input: BlueprintInput, origin: unknown = null): Blueprint {
  const blueprint = blueprintSchema.parse(input);
  doc.transact(() => {
    writeFields(metaMap(doc), blueprint.meta);
    for (const name of ENTITY_COLLECTIONS) {
      const map = collection(doc, name);
      for (const entity of blueprint[name]) {
        const existing = map.get(entity.id);
        if (existing instanceof Y.Map) writeFields(existing, entity);
        else map.set(entity.id, newEntityMap(entity));
      }
    }
    const history = historyArray(doc);
    if (history.length === 0 && blueprint.history.length > 0) history.push(blueprint.history);
  }, origin);
  return blueprint;
}

/** A new document holding exactly `blueprint`. */
export function blueprintToDoc(input: BlueprintInput, options?: { guid?: string }): Y.Doc {
  const doc = new Y.Doc(options?.guid ? { guid: options.guid } : undefined);
  writeBlueprint(doc, input);
  return doc;
}
