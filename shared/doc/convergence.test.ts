import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { seededRandom, type Random, CARD_STATUSES, CHANNELS } from '../model/index.ts';
import { layoutBlueprint } from '../layout/index.ts';
import { readBlueprint } from './read.ts';
import {
  addCard,
  addFlow,
  addLane,
  addStage,
  deleteCard,
  deleteFlow,
  deleteStage,
  initBlueprint,
  moveCard,
  moveLane,
  moveStage,
  updateCard,
  updateFlow,
  updateStage,
} from './edits/index.ts';

/**
 * Seeded convergence property test (issue 2): PEERS separate Y.Docs apply random edits while the
 * network splits them into random partitions that sync only internally, then heal. After a full
 * exchange every peer must read the same blueprint, no card may be lost unless someone deleted it,
 * and concurrent edits of different fields of one card must both survive.
 */
const PEERS = 5;
const OPERATIONS = 2_000;

interface World {
  readonly peers: Y.Doc[];
  partition: number[][];
  readonly created: Set<string>;
  readonly deleted: Set<string>;
  readonly random: Random;
  operations: number;
}

const keysOf = (doc: Y.Doc, name: string) => [...doc.getMap(name).keys()];
const cardField = (doc: Y.Doc, id: string, field: string) => (doc.getMap('cards').get(id) as Y.Map<unknown> | undefined)?.get(field);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function syncGroup(world: World, group: readonly number[]): void {
  for (let i = 1; i < group.length; i++) sync(world.peers[group[0]!]!, world.peers[group[i]!]!);
  for (let i = 1; i < group.length; i++) sync(world.peers[group[0]!]!, world.peers[group[i]!]!);
}

function randomPartition(random: Random): number[][] {
  const groups: number[][] = [];
  const count = 1 + random.int(3);
  for (let p = 0; p < PEERS; p++) {
    const g = random.int(count);
    (groups[g] ??= []).push(p);
  }
  return groups.filter(Boolean);
}

/** One random edit by one peer, chosen from what that peer can see. */
function randomEdit(world: World, peer: number): void {
  const { random } = world;
  const doc = world.peers[peer]!;
  const origin = { peer };
  const stages = keysOf(doc, 'stages');
  const lanes = keysOf(doc, 'lanes');
  const cards = keysOf(doc, 'cards');
  const flows = keysOf(doc, 'flows');
  const roll = random.int(100);
  world.operations++;

  if (roll < 5 || stages.length < 2) {
    addStage(doc, { name: `Stage ${world.operations}`, index: random.int(stages.length + 1) }, origin);
  } else if (roll < 8 || lanes.length < 2) {
    addLane(
      doc,
      {
        name: `Lane ${world.operations}`,
        kind: random.pick(['touchpoints', 'data', 'automation', 'customer-actions'] as const),
        index: random.int(lanes.length + 1),
      },
      origin,
    );
  } else if (roll < 30) {
    const id = addCard(
      doc,
      { stageId: random.pick(stages), laneId: random.pick(lanes), title: `Card ${world.operations}`, index: random.int(4) },
      origin,
    );
    world.created.add(id);
  } else if (roll < 50 && cards.length > 0) {
    const id = random.pick(cards);
    const field = random.int(5);
    if (field === 0) updateCard(doc, id, { title: `Title ${world.operations}` }, origin);
    else if (field === 1) updateCard(doc, id, { notes: `Notes ${world.operations}` }, origin);
    else if (field === 2) updateCard(doc, id, { owner: random.pick(['Marketing', 'Sales', 'CX']) }, origin);
    else if (field === 3) updateCard(doc, id, { status: random.pick(CARD_STATUSES) }, origin);
    else updateCard(doc, id, { channel: random.pick(CHANNELS), emotion: random.int(11) - 5 }, origin);
  } else if (roll < 62 && cards.length > 0) {
    moveCard(doc, random.pick(cards), { stageId: random.pick(stages), laneId: random.pick(lanes), index: random.int(5) }, origin);
  } else if (roll < 68) {
    moveStage(doc, random.pick(stages), random.int(stages.length), origin);
  } else if (roll < 71) {
    moveLane(doc, random.pick(lanes), random.int(lanes.length), origin);
  } else if (roll < 74) {
    updateStage(doc, random.pick(stages), { name: `Renamed ${world.operations}`, customerGoal: `Goal ${world.operations}` }, origin);
  } else if (roll < 78 && cards.length > 0) {
    const id = random.pick(cards);
    deleteCard(doc, id, origin);
    world.deleted.add(id);
  } else if (roll < 81 && stages.length > 3) {
    const stageId = random.pick(stages);
    const withCards = random.chance(0.4);
    if (withCards) for (const id of cards) if (cardField(doc, id, 'stageId') === stageId) world.deleted.add(id);
    deleteStage(doc, stageId, { withCards }, origin);
  } else if (roll < 90 && cards.length > 1) {
    addFlow(
      doc,
      { from: random.pick(cards), to: random.pick(cards), event: `e.${world.operations}`, ...(random.chance(0.3) ? { delay: '3d' } : {}) },
      origin,
    );
  } else if (roll < 95 && flows.length > 0) {
    updateFlow(doc, random.pick(flows), { label: `Label ${world.operations}`, condition: 'score >= 50' }, origin);
  } else if (flows.length > 0) {
    deleteFlow(doc, random.pick(flows), origin);
  } else {
    world.operations--;
  }
}

/** Scenario: a stage deleted on one side while the other adds a card to it. */
function deleteStageVersusAddCard(world: World): void {
  const [a, b] = [world.peers[0]!, world.peers[1]!];
  syncGroup(world, [0, 1]);
  const stageId = keysOf(a, 'stages')[0];
  const laneId = keysOf(a, 'lanes')[0];
  if (!stageId || !laneId) return;
  deleteStage(a, stageId, { withCards: true }, 'a');
  for (const id of keysOf(b, 'cards')) if (cardField(b, id, 'stageId') === stageId) world.deleted.add(id);
  const added = addCard(b, { stageId, laneId, title: 'Added while the stage was deleted' }, 'b');
  world.created.add(added);
  world.operations += 2;
}

/** Scenario: both sides reorder the same stages and cards concurrently. */
function concurrentReorders(world: World): void {
  const [a, b] = [world.peers[2]!, world.peers[3]!];
  syncGroup(world, [2, 3]);
  const stages = keysOf(a, 'stages');
  if (stages.length < 3 || keysOf(a, 'lanes').length < 2) return;
  moveStage(a, stages[0]!, stages.length - 1, 'a');
  moveStage(b, stages[0]!, 0, 'b');
  moveStage(b, stages[1]!, stages.length - 1, 'b');
  const card = keysOf(a, 'cards').find((id) => !world.deleted.has(id));
  if (card) {
    moveCard(a, card, { stageId: stages[1]!, laneId: keysOf(a, 'lanes')[0]! }, 'a');
    moveCard(b, card, { stageId: stages[2]!, laneId: keysOf(b, 'lanes')[1]! }, 'b');
  }
  world.operations += 5;
}

function runWorld(seed: number) {
  const random = seededRandom(seed);
  const peers = Array.from({ length: PEERS }, () => new Y.Doc());
  const world: World = { peers, partition: [[0, 1, 2, 3, 4]], created: new Set(), deleted: new Set(), random, operations: 0 };
  initBlueprint(peers[0]!, { title: 'Convergence' });
  for (const peer of peers.slice(1)) sync(peers[0]!, peer);

  while (world.operations < OPERATIONS) {
    const roll = random.int(100);
    if (roll < 4) world.partition = randomPartition(random);
    else if (roll < 12) syncGroup(world, random.pick(world.partition));
    else if (roll < 13) deleteStageVersusAddCard(world);
    else if (roll < 14) concurrentReorders(world);
    else {
      const group = random.pick(world.partition);
      randomEdit(world, random.pick(group));
    }
  }

  // Concurrent edits of different fields of the same cards, made on opposite sides of a partition.
  syncGroup(world, [0, 1, 2, 3, 4]);
  const shared = keysOf(peers[0]!, 'cards').slice(0, 20);
  shared.forEach((id, i) => {
    updateCard(peers[0]!, id, { title: `Title from A ${i}` }, 'a');
    updateCard(peers[4]!, id, { notes: `Notes from B ${i}` }, 'b');
    updateCard(peers[2]!, id, { owner: `Owner from C ${i}` }, 'c');
  });
  world.operations += shared.length * 3;

  // Heal: full exchange.
  for (let round = 0; round < 2; round++) for (let p = 1; p < PEERS; p++) sync(peers[0]!, peers[p]!);
  return { world, shared };
}

function check(seed: number): void {
  const { world, shared } = runWorld(seed);
  const reads = world.peers.map((doc) => readBlueprint(doc));
  const first = reads[0]!;
  for (const [i, read] of reads.entries()) expect(read, `peer ${i} differs from peer 0`).toEqual(first);
  expect(world.operations).toBeGreaterThanOrEqual(OPERATIONS);

  const alive = new Set(first.cards.map((c) => c.id));
  const lost = [...world.created].filter((id) => !world.deleted.has(id) && !alive.has(id));
  expect(lost, 'cards lost without being deleted').toEqual([]);
  for (const id of alive) expect(world.created.has(id)).toBe(true);

  shared.forEach((id, i) => {
    const card = first.cards.find((c) => c.id === id);
    expect(card, `card ${id} edited concurrently`).toBeDefined();
    expect(card).toMatchObject({ title: `Title from A ${i}`, notes: `Notes from B ${i}`, owner: `Owner from C ${i}` });
  });

  // Every peer draws the same scroll, and every live card is on it (in a cell or the Unplaced tray).
  const layouts = reads.map((bp) => JSON.stringify(layoutBlueprint(bp)));
  for (const layout of layouts) expect(layout).toBe(layouts[0]);
  expect(layoutBlueprint(first).cards).toHaveLength(first.cards.length);
}

describe('convergence under partitions (property test)', () => {
  const seeds = [20261122, 7, Number(process.env.CONVERGENCE_SEED ?? Date.now() % 2 ** 31)];
  for (const seed of seeds) {
    it(`converges for seed ${seed} (reproduce: CONVERGENCE_SEED=${seed})`, () => {
      try {
        check(seed);
      } catch (error) {
        if (error instanceof Error) error.message = `[convergence seed ${seed}] ${error.message}`;
        throw error;
      }
    });
  }
});
