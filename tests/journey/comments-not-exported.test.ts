/**
 * Comments are part of the document (the .journey file keeps them) but never of the executable
 * export: the journey CLI, run as a real process, writes byte-identical definition, XState and
 * BPMN exports from a .journey with comments on every card and from the same one without — and
 * no comment text appears in any of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReply, addThread, readComments } from '../../shared/comments/index.ts';
import { blueprintToDoc, decodeJourneyFile, encodeJourneyFile } from '../../shared/doc/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';

const BIN = new URL('../../bin/journeyscroll.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-comments-'));
const MARK = 'SECRET-REVIEW-NOTE';
const FORMATS = ['definition', 'xstate', 'xstate-json', 'bpmn'] as const;

function exportAll(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const format of FORMATS) {
    const r = spawnSync(process.execPath, [BIN, 'export', file, '--format', format], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `${format}: ${r.stderr}`).toBe(0);
    out[format] = r.stdout;
  }
  return out;
}

describe('comments and the executable export', () => {
  it('the .journey keeps the comments; definition, XState and BPMN exports are the same with or without them', { timeout: 120_000 }, () => {
    const blueprint = getTemplate('b2b-lead-to-renewal')!.build();
    const plain = blueprintToDoc(blueprint);
    const commented = new Y.Doc();
    Y.applyUpdate(commented, Y.encodeStateAsUpdate(plain));
    for (const card of blueprint.cards) {
      const thread = addThread(commented, { name: 'Ana' }, { target: { kind: 'card', id: card.id }, body: `${MARK} on ${card.title}` });
      addReply(commented, { name: 'Bo' }, thread, { body: `${MARK} reply` });
    }
    for (const flow of blueprint.flows) addThread(commented, { name: 'Ana' }, { target: { kind: 'flow', id: flow.id }, body: MARK });
    const savedAt = new Date('2026-12-03T12:00:00.000Z');
    writeFileSync(join(dir, 'plain.journey'), encodeJourneyFile(plain, savedAt));
    writeFileSync(join(dir, 'commented.journey'), encodeJourneyFile(commented, savedAt));
    const reopened = decodeJourneyFile(readFileSync(join(dir, 'commented.journey')));
    expect(readComments(reopened).threads).toHaveLength(blueprint.cards.length + blueprint.flows.length);

    const withComments = exportAll('commented.journey');
    const without = exportAll('plain.journey');
    for (const format of FORMATS) {
      expect(withComments[format]!.length, format).toBeGreaterThan(500);
      expect(withComments[format], format).toBe(without[format]);
      expect(withComments[format], format).not.toContain(MARK);
    }
  });
});
