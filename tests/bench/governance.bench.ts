/**
 * Governance figures (issue 13) on a 5,000-card blueprint with a 100,000-update history: saving a
 * version, diffing two versions (and the compiled journeys), reading a version back, listing and
 * grouping the history from a real SQLite store, and the approval badge's count. Figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { blueprintToDoc, readBlueprint, updateCard } from '../../shared/doc/index.ts';
import { diffBlueprints } from '../../shared/governance/diff.ts';
import { diffJourneys } from '../../shared/governance/journey-diff.ts';
import { groupHistory } from '../../shared/governance/history.ts';
import { randomEdit } from '../../shared/governance/random-edits.ts';
import { approvalState, approveBlueprint, readVersion, saveVersion } from '../../shared/governance/versions.ts';
import { compileBlueprint } from '../../shared/journey/index.ts';
import { generateBlueprint, seededRandom } from '../../shared/model/index.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { median, ms, report, timeRuns, timeSync } from './stats.ts';

const PART = 'governance';

export async function run(): Promise<void> {
  const doc = blueprintToDoc(generateBlueprint({ cards: 5_000, stages: 12, seed: 1 }));
  const save = await timeRuns(9, () => saveVersion(doc, { name: 'bench', by: 'bench' }));
  report(PART, '5,000 cards: save a version (read, hash, gzip, write; median of 9)', ms(median(save)));
  const saved = await saveVersion(doc, { name: 'A', by: 'bench' });
  const random = seededRandom(7);
  for (let i = 0; i < 200; i++) randomEdit(doc, random);
  await approveBlueprint(doc, { by: 'bench' });
  const a = (await readVersion(doc, saved.id)).blueprint;
  const b = readBlueprint(doc);
  const read = await timeRuns(9, () => readVersion(doc, saved.id));
  report(PART, '5,000 cards: open a version (gunzip, parse, validate, verify hash; median of 9)', ms(median(read)));
  const diff = timeSync(9, () => diffBlueprints(a, b));
  const size = diffBlueprints(a, b).entities.length;
  report(
    PART,
    `5,000 cards: diff two versions, ${size} entities differ (median of 9: wall, CPU)`,
    `${ms(median(diff.wall))}, ${ms(median(diff.cpu))}`,
  );
  const ja = compileBlueprint(a);
  const jb = compileBlueprint(b);
  const jdiff = timeSync(9, () => diffJourneys(ja, jb));
  report(PART, '5,000 cards: diff the compiled journeys (median of 9)', ms(median(jdiff.wall)));
  const badge = await timeRuns(5, () => approvalState(doc));
  report(PART, '5,000 cards: "Approved v1 · N changes since" (read version + diff; median of 5)', ms(median(badge)));
  report(PART, '5,000 cards: document size with 11 versions', `${(Y.encodeStateAsUpdate(doc).length / 2 ** 20).toFixed(1)} MiB`);

  // History: 100,000 stored updates by 20 people, each touching one card field.
  const dir = mkdtempSync(join(tmpdir(), 'js-bench-history-'));
  try {
    const store = openStore(join(dir, 'bench.sqlite'), { durability: 'normal', validateUpdates: false });
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const cards = b.cards;
    const fill = performance.now();
    for (let batch = 0; batch < 100; batch++) {
      store.appendUpdates(
        Array.from({ length: 1_000 }, (_, i) => {
          const n = batch * 1_000 + i;
          const person = n % 20;
          return {
            room: 'bench',
            update,
            changes: [{ kind: 'write' as const, root: 'cards', key: cards[n % cards.length]!.id, field: 'title' }],
            by: { author: `Person ${person}`, team: `Team ${person % 5}` },
          };
        }),
      );
    }
    report(PART, '100,000-update history: filled the store in', ms(performance.now() - fill));
    const list = timeSync(5, () => store.listChanges('bench'), 1);
    report(PART, '100,000-update history: list the whole change log (median of 5)', ms(median(list.wall)));
    const rows = store.listChanges('bench');
    const group = timeSync(5, () => groupHistory(rows, b), 1);
    report(PART, '100,000-update history: group it for the panel (median of 5)', ms(median(group.wall)));
    const page = timeSync(9, () => store.listChanges('bench', { since: rows[50_000]!.at, limit: 5_000 }));
    report(PART, '100,000-update history: one page of 5,000 from the middle (median of 9)', ms(median(page.wall)));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await timeTravel(b);
}

/** Time travel: a 5,000-card room and 100,000 real card edits after it, half of them archived by compaction. */
async function timeTravel(blueprint: ReturnType<typeof readBlueprint>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'js-bench-travel-'));
  try {
    let clock = Date.UTC(2026, 0, 1);
    const store = openStore(join(dir, 'bench.sqlite'), { durability: 'normal', validateUpdates: false, now: () => clock });
    const doc = blueprintToDoc({ ...blueprint, history: [] });
    store.appendUpdate('travel', Y.encodeStateAsUpdate(doc));
    const pending: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => pending.push(u));
    const cards = blueprint.cards;
    const fill = performance.now();
    for (let n = 0; n < 100_000; n++) {
      updateCard(doc, cards[n % cards.length]!.id, { title: `Edit ${n}` });
      if (pending.length >= 1_000) {
        clock += 60_000;
        store.appendUpdates(pending.splice(0).map((update) => ({ room: 'travel', update })));
      }
      if (n % 20_000 === 0 && n > 0) store.compact('travel');
    }
    if (pending.length) store.appendUpdates(pending.splice(0).map((update) => ({ room: 'travel', update })));
    report(PART, '100,000-update history: made and stored 100,000 real card edits in', ms(performance.now() - fill));
    const start = Date.UTC(2026, 0, 1);
    for (const [label, at] of [
      ['a moment in the middle', start + 50 * 60_000],
      ['the latest moment', clock],
    ] as const) {
      const travel = timeSync(5, () => store.stateAt('travel', at), 1);
      const past = store.stateAt('travel', at);
      const rebuilt = new Y.Doc();
      if (past.ok) Y.applyUpdate(rebuilt, past.state);
      const read = timeSync(5, () => readBlueprint(rebuilt), 1);
      report(
        PART,
        `100,000-update history: time travel to ${label} (checkpoint at seq ${past.ok ? past.fromSeq : 0} + ${past.ok ? past.updates : 0} updates; rebuild + read, median of 5)`,
        `${ms(median(travel.wall))} + ${ms(median(read.wall))}`,
      );
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
