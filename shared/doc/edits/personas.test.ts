import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBlueprint } from '../read.ts';
import { blueprintToDoc } from '../write.ts';
import { addCard, addLane, addPersona, addStage, deletePersona, EditError, initBlueprint, setCardPersona, updatePersona } from './index.ts';

const ME = { user: 'me' };

function blueprintWithCards() {
  const doc = new Y.Doc();
  initBlueprint(doc, { title: 'Personas' }, ME);
  const stage = addStage(doc, { name: 'Lead' }, ME);
  const lane = addLane(doc, { name: 'Feelings', kind: 'thinking-feeling' }, ME);
  const a = addCard(doc, { stageId: stage, laneId: lane, title: 'Curious', emotion: 2 }, ME);
  const b = addCard(doc, { stageId: stage, laneId: lane, title: 'Wary', emotion: -3 }, ME);
  return { doc, a, b };
}
const card = (doc: Y.Doc, id: string) => readBlueprint(doc).cards.find((c) => c.id === id)!;

describe('personas and card tags', () => {
  it('creates, edits and reads a persona with its colour', () => {
    const { doc } = blueprintWithCards();
    const p = addPersona(doc, { name: 'IT buyer', color: '#2563eb' }, ME);
    updatePersona(doc, p, { description: 'Signs the contract', color: '#dc2626' }, ME);
    expect(readBlueprint(doc).personas).toEqual([{ id: p, name: 'IT buyer', description: 'Signs the contract', color: '#dc2626' }]);
  });

  it('refuses a colour that is not #rrggbb and changes nothing', () => {
    const { doc } = blueprintWithCards();
    const p = addPersona(doc, { name: 'IT buyer', color: '#2563eb' }, ME);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => updatePersona(doc, p, { color: 'blue' }, ME)).toThrow(/colour is #rrggbb/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('tags and untags a card, one transaction each, and drops the field when no tag is left', () => {
    const { doc, a } = blueprintWithCards();
    const p = addPersona(doc, { name: 'IT buyer' }, ME);
    const q = addPersona(doc, { name: 'End user' }, ME);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => tr.changed.size > 0 && origins.push(tr.origin));
    expect(setCardPersona(doc, a, p, true, ME)).toBe(true);
    setCardPersona(doc, a, q, true, ME);
    setCardPersona(doc, a, p, true, ME); // already tagged: nothing changes
    expect(card(doc, a).personas).toEqual([p, q]);
    setCardPersona(doc, a, p, false, ME);
    setCardPersona(doc, a, q, false, ME);
    expect('personas' in card(doc, a)).toBe(false);
    expect(origins).toEqual([ME, ME, ME, ME]);
  });

  it('refuses a tag for a persona that does not exist, and tagging a deleted card is a no-op', () => {
    const { doc, a } = blueprintWithCards();
    expect(() => setCardPersona(doc, a, 'pe_nobody', true, ME)).toThrow(EditError);
    expect(card(doc, a).personas).toBeUndefined();
    const p = addPersona(doc, { name: 'IT buyer' }, ME);
    expect(setCardPersona(doc, 'cd_gone', p, true, ME)).toBe(false);
  });

  it('deleting a persona takes its tag off every card in the same transaction', () => {
    const { doc, a, b } = blueprintWithCards();
    const p = addPersona(doc, { name: 'IT buyer' }, ME);
    const q = addPersona(doc, { name: 'End user' }, ME);
    setCardPersona(doc, a, p, true, ME);
    setCardPersona(doc, b, p, true, ME);
    setCardPersona(doc, b, q, true, ME);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(deletePersona(doc, p, ME)).toBe(true);
    expect(transactions).toBe(1);
    expect(card(doc, a).personas).toBeUndefined();
    expect(card(doc, b).personas).toEqual([q]);
    expect(readBlueprint(doc).personas.map((x) => x.id)).toEqual([q]);
  });

  it('a tag naming a persona that is gone still reads (readers ignore it) and survives JSON → doc → JSON', () => {
    const { doc, a } = blueprintWithCards();
    const p = addPersona(doc, { name: 'IT buyer' }, ME);
    setCardPersona(doc, a, p, true, ME);
    // A concurrent peer deletes the persona without seeing the tag.
    (doc.getMap('personas') as Y.Map<unknown>).delete(p);
    const json = readBlueprint(doc);
    expect(json.cards.find((c) => c.id === a)!.personas).toEqual([p]);
    expect(readBlueprint(blueprintToDoc(json))).toEqual(json);
  });

  it('a card stored before personas existed (no field) reads as tagged with none', () => {
    const { doc, b } = blueprintWithCards();
    expect(card(doc, b).personas).toBeUndefined();
  });
});
