import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { blueprintToDoc, decodeJourneyFile, encodeJourneyFile, readBlueprint, updateCard } from '../doc/index.ts';
import { generateBlueprint } from '../model/index.ts';
import { compileBlueprint } from '../journey/index.ts';
import { getTemplate } from '../templates/index.ts';
import {
  approvalState,
  approveBlueprint,
  contentHash,
  findVersion,
  listVersions,
  readVersion,
  restoreVersion,
  saveVersion,
  VersionError,
} from './versions.ts';

const MARIA = { by: 'Maria Ionescu' };

describe('versions', () => {
  it('saves, lists and reads a named version; .journey files keep it', async () => {
    const doc = blueprintToDoc(generateBlueprint({ seed: 2, cards: 30 }));
    const before = readBlueprint(doc);
    const info = await saveVersion(doc, { name: 'Workshop 12 Nov', note: 'after the workshop', ...MARIA });
    updateCard(doc, before.cards[0]!.id, { title: 'Changed after the version' });
    expect(listVersions(doc)).toEqual([info]);
    expect(info).toMatchObject({ kind: 'named', name: 'Workshop 12 Nov', by: 'Maria Ionescu', hash: contentHash(before) });
    const read = await readVersion(doc, 'Workshop 12 Nov');
    expect(read.blueprint.cards).toEqual(before.cards);
    const reopened = decodeJourneyFile(encodeJourneyFile(doc));
    expect((await readVersion(reopened, info.id)).blueprint.cards[0]!.title).toBe(before.cards[0]!.title);
  });

  it('approval makes v1, v2… with the status and a history entry; approvalState counts the changes since', async () => {
    const doc = blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
    const v1 = await approveBlueprint(doc, { ...MARIA, note: 'Q4 launch' });
    expect(v1).toMatchObject({ kind: 'approved', number: 1, name: 'v1' });
    const at = readBlueprint(doc);
    expect(at.meta.status).toBe('approved');
    expect(at.history.at(-1)).toMatchObject({ kind: 'approval', by: 'Maria Ionescu', version: 'v1', note: 'Q4 launch', to: 'approved' });
    const compiledAtApproval = compileBlueprint(at);
    const cards = at.cards.slice(0, 3);
    for (const card of cards) updateCard(doc, card.id, { title: `${card.title} (edited)` });
    expect(await approvalState(doc)).toMatchObject({ approved: { name: 'v1' }, changesSince: 3 });
    // The approved version compiles to exactly what was compiled at approval, though the copy moved on.
    const approved = await readVersion(doc, 'approved');
    expect(compileBlueprint(approved.blueprint)).toEqual(compiledAtApproval);
    const v2 = await approveBlueprint(doc, MARIA);
    expect(v2.number).toBe(2);
    expect(findVersion(doc, 'approved').id).toBe(v2.id);
    expect(findVersion(doc, 'v1').id).toBe(v1.id);
  });

  it('restore writes the version back as one new change after a safety version, keeping the status and history', async () => {
    const doc = blueprintToDoc(generateBlueprint({ seed: 5, cards: 20 }));
    const original = readBlueprint(doc);
    const saved = await saveVersion(doc, { name: 'Before edits', ...MARIA });
    const changed = original.cards[0]!;
    updateCard(doc, changed.id, { title: 'Edited' });
    doc.getMap<Y.Map<unknown>>('cards').delete(original.cards[1]!.id);
    const edited = readBlueprint(doc);
    const { safety, diff } = await restoreVersion(doc, saved.id, { by: 'Ana' });
    expect(diff.counts.added + diff.counts.changed).toBeGreaterThanOrEqual(2);
    expect(readBlueprint(doc).cards).toEqual(original.cards);
    expect(safety).toMatchObject({ kind: 'safety', by: 'Ana', hash: contentHash(edited) });
    expect((await readVersion(doc, safety.id)).blueprint.cards).toEqual(edited.cards);
    expect(readBlueprint(doc).history.at(-1)).toMatchObject({ kind: 'note', by: 'Ana', note: "Restored version 'Before edits'" });
  });

  it('says clearly what is wrong: unknown version, no approved version, damaged content, bad names', async () => {
    const doc = blueprintToDoc(generateBlueprint({ seed: 6, cards: 5 }));
    expect(() => findVersion(doc, 'approved')).toThrow('This blueprint has no approved version yet.');
    await saveVersion(doc, { name: 'One', ...MARIA });
    expect(() => findVersion(doc, 'Two')).toThrow("There is no version 'Two' (versions: 'One').");
    await expect(saveVersion(doc, { name: '  ', ...MARIA })).rejects.toThrow(VersionError);
    const [one] = listVersions(doc);
    // Opened once, then kept (a version never changes): the second read is the same object…
    const first = await readVersion(doc, 'One');
    expect((await readVersion(doc, 'One')).blueprint).toBe(first.blueprint);
    // …but what is kept never hides damage done to the stored bytes afterwards.
    const entry = doc.getMap<Y.Map<unknown>>('versions').get(one!.id)!;
    const content = entry.get('content') as Uint8Array;
    const damaged = content.slice();
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
    entry.set('content', damaged);
    await expect(readVersion(doc, 'One')).rejects.toThrow("Version 'One' is damaged");
    entry.set('content', 'not bytes');
    await expect(readVersion(doc, 'One')).rejects.toThrow("Version 'One' has no content");
  });
});
