import type * as Y from 'yjs';
import { readBlueprint } from '../doc/read.ts';
import {
  addCard,
  addFlow,
  addLane,
  addPersona,
  addStage,
  deleteCard,
  deleteFlow,
  deleteLane,
  deleteStage,
  moveCard,
  moveStage,
  putAnnotation,
  setMeta,
  updateCard,
  updateFlow,
  updateLane,
  updateStage,
} from '../doc/edits/index.ts';
import type { Random } from '../model/random.ts';

/**
 * One random edit of every kind people make (add, change, move, delete of stages, lanes, cards,
 * flows; details; personas; canvas notes) — for the property tests of diff, restore and history.
 */
export function randomEdit(doc: Y.Doc, random: Random, origin: unknown = null): void {
  const bp = readBlueprint(doc);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length ? random.pick(items) : undefined);
  const stage = pick(bp.stages);
  const lane = pick(bp.lanes);
  const card = pick(bp.cards);
  const flow = pick(bp.flows);
  const word = () => `w${random.int(1000)}`;
  switch (random.int(16)) {
    case 0:
      addStage(doc, { name: `Stage ${word()}`, index: random.int(bp.stages.length + 1) }, origin);
      break;
    case 1:
      if (stage) updateStage(doc, stage.id, { name: `Renamed ${word()}`, customerGoal: word() }, origin);
      break;
    case 2:
      if (stage && bp.stages.length > 1) moveStage(doc, stage.id, random.int(bp.stages.length), origin);
      break;
    case 3:
      if (stage && bp.stages.length > 2) deleteStage(doc, stage.id, { withCards: random.chance(0.5) }, origin);
      break;
    case 4:
      addLane(doc, { name: `Lane ${word()}`, kind: 'custom' }, origin);
      break;
    case 5:
      if (lane) updateLane(doc, lane.id, { owner: random.pick(['', 'Data', 'Email', 'Sales']) }, origin);
      break;
    case 6:
      if (lane && bp.lanes.length > 2) deleteLane(doc, lane.id, { withCards: random.chance(0.5) }, origin);
      break;
    case 7:
    case 8:
      if (stage && lane) addCard(doc, { stageId: stage.id, laneId: lane.id, title: `Card ${word()}` }, origin);
      break;
    case 9:
      if (card) updateCard(doc, card.id, random.chance(0.5) ? { title: `Title ${word()}` } : { notes: word(), owner: 'Data' }, origin);
      break;
    case 10:
      if (card && stage && lane) moveCard(doc, card.id, { stageId: stage.id, laneId: lane.id }, origin);
      break;
    case 11:
      if (card) deleteCard(doc, card.id, origin);
      break;
    case 12: {
      const to = pick(bp.cards);
      if (card && to && to.id !== card.id) addFlow(doc, { from: card.id, to: to.id, label: word() }, origin);
      break;
    }
    case 13:
      if (flow) {
        if (random.chance(0.5)) updateFlow(doc, flow.id, { event: 'email.opened', delay: '3d' }, origin);
        else deleteFlow(doc, flow.id, origin);
      }
      break;
    case 14:
      if (random.chance(0.5)) setMeta(doc, { title: `Journey ${word()}` }, origin);
      else addPersona(doc, { name: `Persona ${word()}` }, origin);
      break;
    case 15:
      putAnnotation(doc, { id: `shape:${word()}`, typeName: 'shape', type: 'note', x: random.int(500), y: random.int(500) }, origin);
      break;
  }
}
