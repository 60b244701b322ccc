/**
 * Model figures (issue 2): readBlueprint and layout of a 5,000-card blueprint. Budget: both
 * medians under 50 ms on the 2-core reference machine.
 */
import * as Y from 'yjs';
import { generateBlueprint } from '../../shared/model/index.ts';
import { blueprintToDoc, readBlueprint, encodeJourneyFile, decodeJourneyFile, updateCard } from '../../shared/doc/index.ts';
import { layoutBlueprint } from '../../shared/layout/index.ts';
import { median, ms, report, timeRuns, timeSync } from './stats.ts';

export async function run(): Promise<void> {
  for (const cards of [1_000, 5_000]) {
    const blueprint = generateBlueprint({ cards, stages: 12, seed: 1 });
    const doc = blueprintToDoc(blueprint);
    const bytes = Y.encodeStateAsUpdate(doc).length;
    const part = 'model';
    report(part, `${cards} cards: Y.Doc state size`, `${(bytes / 1024).toFixed(0)} KiB`);

    // Cold: a freshly decoded document, nothing cached — what opening a blueprint costs.
    const state = Y.encodeStateAsUpdate(doc);
    const fresh = Array.from({ length: 15 }, () => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      return copy;
    });
    const cold = timeSync(13, (i) => readBlueprint(fresh[i < 0 ? -1 - i : i + 2]!));
    report(part, `${cards} cards: readBlueprint, cold (median of 13: wall, CPU)`, `${ms(median(cold.wall))}, ${ms(median(cold.cpu))}`);

    // Warm: re-read after a remote edit of one card — what the canvas pays per remote change.
    readBlueprint(doc);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, state);
    const target = blueprint.cards[0]!.id;
    const warm = timeSync(
      21,
      (i) => {
        updateCard(remote, target, { title: `Edit ${i}` });
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
        return readBlueprint(doc);
      },
      3,
    );
    report(
      part,
      `${cards} cards: 1 remote card edit + readBlueprint (median of 21: wall, CPU)`,
      `${ms(median(warm.wall))}, ${ms(median(warm.cpu))}`,
    );

    const read = readBlueprint(doc);
    const layouts = timeSync(21, () => layoutBlueprint(read), 3);
    report(part, `${cards} cards: layoutBlueprint (median of 21: wall, CPU)`, `${ms(median(layouts.wall))}, ${ms(median(layouts.cpu))}`);

    const loads = await timeRuns(11, () => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return readBlueprint(copy);
    });
    report(part, `${cards} cards: decode state + readBlueprint (median of 11)`, ms(median(loads)));

    const file = encodeJourneyFile(doc);
    const saves = await timeRuns(11, () => encodeJourneyFile(doc));
    const opens = await timeRuns(11, () => decodeJourneyFile(file));
    report(
      part,
      `${cards} cards: .journey save / open (median of 11)`,
      `${ms(median(saves))} / ${ms(median(opens))} (${(file.length / 1024).toFixed(0)} KiB)`,
    );
  }
}
