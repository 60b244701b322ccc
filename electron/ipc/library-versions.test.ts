import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeJourneyFile, readBlueprint, updateCard, writeBlueprint } from '../../shared/doc/index.ts';
import { listVersions, readVersion, restoreVersion, saveVersion } from '../../shared/governance/versions.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { importJourneyFile } from './handlers.ts';
import { openLibrary, type Library } from './library.ts';

/**
 * Issue 13 on the desktop: versions of a blueprint kept only on this device. They live in the
 * blueprint's document, so the library (a real SQLite file) keeps them as it keeps every edit, and
 * a .journey file saved from it carries them. Here the renderer's side is played by a Y.Doc that
 * loads the blueprint and appends its updates, as the desktop session does through IPC.
 */
const open: Library[] = [];
afterEach(() => {
  for (const library of open.splice(0)) library.close();
});
const openAt = (file: string) => {
  const library = openLibrary(file, { durability: 'normal' });
  open.push(library);
  return library;
};

/** A renderer-like session: the document loaded from the library, each update appended to it. */
function session(library: Library, id: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, library.load(id), 'library');
  doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'library' && library.append(id, [update]));
  return doc;
}

describe('versions of a blueprint kept only on the desktop', () => {
  it('saves, lists and restores a version in the library file; it survives reopening and travels in .journey files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-library-versions-'));
    const file = join(dir, 'library.sqlite');
    let library = openAt(file);
    const entry = library.create((doc) => writeBlueprint(doc, getTemplate('b2b-lead-to-renewal')!.build()));
    let doc = session(library, entry.id);
    const card = readBlueprint(doc).cards.find((c) => c.title)!;
    const saved = await saveVersion(doc, { name: 'Workshop 12 Nov', note: 'before the edits', by: 'Maria' });
    updateCard(doc, card.id, { title: 'Edited after the workshop' });
    expect(listVersions(doc).map((v) => v.name)).toEqual(['Workshop 12 Nov']);
    doc.destroy();

    // Reopened: the version is listed and reads back; restoring it writes the old title back.
    library.close();
    open.splice(0);
    library = openAt(file);
    doc = session(library, entry.id);
    expect(listVersions(doc)).toEqual([saved]);
    expect((await readVersion(doc, 'Workshop 12 Nov')).blueprint.cards.find((c) => c.id === card.id)?.title).toBe(card.title);
    expect(readBlueprint(doc).cards.find((c) => c.id === card.id)?.title).toBe('Edited after the workshop');
    await restoreVersion(doc, saved.id, { by: 'Maria' });
    doc.destroy();

    library.close();
    open.splice(0);
    library = openAt(file);
    const reopened = library.readDoc(entry.id);
    expect(readBlueprint(reopened).cards.find((c) => c.id === card.id)?.title).toBe(card.title);
    expect(listVersions(reopened).map((v) => `${v.kind}:${v.name}`)).toEqual([
      'named:Workshop 12 Nov',
      "safety:Before restoring 'Workshop 12 Nov'",
    ]);

    // Saved as a .journey file and opened again (a new library entry), the versions come along.
    writeFileSync(join(dir, 'plan.journey'), encodeJourneyFile(reopened));
    reopened.destroy();
    const imported = await importJourneyFile(library, join(dir, 'plan.journey'));
    const copy = library.readDoc(imported.id);
    expect(listVersions(copy).map((v) => v.name)).toEqual(['Workshop 12 Nov', "Before restoring 'Workshop 12 Nov'"]);
    expect((await readVersion(copy, 'Workshop 12 Nov')).info.hash).toBe(saved.hash);
    copy.destroy();
  });
});
