/**
 * Taking a refused change back (docs/governance.md): a team editor's y-websocket client, with the
 * app's own take-back (renderer/host/take-back.ts) and connection watcher, against a real
 * `journeyscroll serve`. Its allowed and forbidden edits interleave — a foreign card renamed, a
 * foreign card deleted (which Yjs cannot un-delete), and typing into a card whose creation was
 * refused; the rebuilt document has every allowed edit and none of the refused ones, it matches
 * what another client sees, and the person's next edit from it goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, addLane, addStage, deleteCard, initBlueprint, readBlueprint, updateCard } from '../../shared/doc/index.ts';
import { rebuildDocument, type RefusedShape } from '../../shared/governance/refused-update.ts';
import { watchProviderConnection } from '../../renderer/host/provider-connection.ts';
import { TakeBack } from '../../renderer/host/take-back.ts';
import { cleanUp, connect, handMadeToken, startServerProcess, tempDir, waitFor, type Client, type ServerProcess } from './harness.ts';

const SECRET = 'take-back-suite-secret-0123456789';
const ROOM = 'taken-back';
const token = (claims: { role: string; team?: string; name?: string }) => handMadeToken(SECRET, { room: ROOM, ...claims });

let server: ServerProcess;
let observer: Client;
let ids: { stage: string; dataLane: string; emailLane: string; dataCard: string; emailCard: string };

const cardsOf = (doc: Y.Doc) =>
  Object.fromEntries(readBlueprint(doc).cards.map((c) => [c.id, { title: c.title, notes: c.notes, laneId: c.laneId }]));

describe('a refused change is taken back in the refusing client, nothing else of its is lost', () => {
  beforeAll(async () => {
    server = await startServerProcess(tempDir(), { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    const ops = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'approver' }) } });
    await ops.synced();
    initBlueprint(ops.doc, { title: 'Governed' });
    const stage = addStage(ops.doc, { name: 'Lead' });
    const dataLane = addLane(ops.doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const emailLane = addLane(ops.doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    const dataCard = addCard(ops.doc, { stageId: stage, laneId: dataLane, title: 'Lead score' });
    const emailCard = addCard(ops.doc, { stageId: stage, laneId: emailLane, title: 'Welcome email', notes: 'kept' });
    ids = { stage, dataLane, emailLane, dataCard, emailCard };
    observer = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    await waitFor(() => cardsOf(observer.doc)[emailCard]?.title === 'Welcome email', 'the layout at the observer');
    ops.destroy();
  });
  afterAll(cleanUp);

  it('rebuilds from the server state plus its own unrefused changes', async () => {
    const maria = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'editor', team: 'Data', name: 'Maria' }) } });
    const reasons: string[] = [];
    const shapes: RefusedShape[] = [];
    let serverState: Uint8Array | null = null;
    const takeBack = new TakeBack((state) => (serverState = state));
    takeBack.attach(maria.doc, maria.provider);
    watchProviderConnection(maria.provider, {
      connected: () => undefined,
      state: () => undefined,
      refused(message, shape) {
        reasons.push(message);
        if (shape) {
          shapes.push(shape);
          takeBack.refused(shape);
        }
      },
    });
    await maria.synced();
    const d = maria.doc;
    // Allowed, forbidden, allowed, forbidden (a deletion), forbidden-then-typed-into, allowed: one transaction each.
    updateCard(d, ids.dataCard, { title: 'Lead score (v2)' });
    updateCard(d, ids.emailCard, { title: 'FORBIDDEN title' });
    updateCard(d, ids.dataCard, { notes: 'weights agreed' });
    deleteCard(d, ids.emailCard);
    const foreign = addCard(d, { stageId: ids.stage, laneId: ids.emailLane, title: 'FORBIDDEN card' });
    updateCard(d, foreign, { notes: 'typed into the refused card' });
    const own = addCard(d, { stageId: ids.stage, laneId: ids.dataLane, title: 'Consent flag' });
    await waitFor(() => serverState !== null, 'the server state after the refusals', 15_000);
    expect(reasons[0]).toBe("The Email team owns 'Touchpoints': your change to 'Welcome email' was not saved");
    expect(shapes.length).toBeGreaterThanOrEqual(1);

    const rebuilt = rebuildDocument(serverState!, takeBack.journal);
    const cards = cardsOf(rebuilt);
    // The deletion and the rename are gone, the refused card and what was typed into it too…
    expect(cards[ids.emailCard]).toEqual({ title: 'Welcome email', notes: 'kept', laneId: ids.emailLane });
    expect(cards[foreign]).toBeUndefined();
    // …and every allowed change is there, including the one sent after the refusals.
    expect(cards[ids.dataCard]).toMatchObject({ title: 'Lead score (v2)', notes: 'weights agreed' });
    expect(cards[own]).toMatchObject({ title: 'Consent flag', laneId: ids.dataLane });
    // The old document cannot: Yjs cannot bring the deleted card back there.
    expect(cardsOf(d)[ids.emailCard]).toBeUndefined();

    // The rebuilt document, connected afresh, converges with the observer and its next edit goes through.
    maria.destroy();
    const again = connect(server.syncUrl, ROOM, {
      doc: rebuilt,
      params: { token: token({ role: 'editor', team: 'Data', name: 'Maria' }) },
    });
    await again.synced();
    updateCard(rebuilt, ids.dataCard, { notes: 'after the take-back' });
    await waitFor(() => cardsOf(observer.doc)[ids.dataCard]?.notes === 'after the take-back', 'the next edit at the observer');
    await waitFor(() => cardsOf(observer.doc)[own] !== undefined, 'the own card at the observer');
    expect(cardsOf(observer.doc)).toEqual(cardsOf(rebuilt));
    expect(JSON.stringify(cardsOf(observer.doc))).not.toMatch(/FORBIDDEN|typed into/);
  });

  it('offline changes are decided one by one on reconnect: a refused one does not take the allowed ones with it', async () => {
    const maria = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'editor', team: 'Data', name: 'Maria' }) } });
    let serverState: Uint8Array | null = null;
    const reasons: string[] = [];
    const takeBack = new TakeBack((state) => (serverState = state));
    takeBack.attach(maria.doc, maria.provider);
    watchProviderConnection(maria.provider, {
      connected: () => undefined,
      state: () => undefined,
      refused(message, shape) {
        reasons.push(message);
        if (shape) takeBack.refused(shape);
      },
    });
    await maria.synced();
    maria.provider.disconnect();
    const d = maria.doc;
    updateCard(d, ids.dataCard, { notes: 'written offline' });
    deleteCard(d, ids.emailCard);
    const own = addCard(d, { stageId: ids.stage, laneId: ids.dataLane, title: 'Offline card' });
    maria.provider.connect();
    await waitFor(() => serverState !== null, 'the server state after the refusal', 15_000);
    expect(reasons[0]).toMatch(/The Email team owns 'Touchpoints'/);
    const rebuilt = rebuildDocument(serverState!, takeBack.journal);
    expect(cardsOf(rebuilt)[ids.emailCard]).toMatchObject({ title: 'Welcome email' });
    expect(cardsOf(rebuilt)[ids.dataCard]).toMatchObject({ notes: 'written offline' });
    expect(cardsOf(rebuilt)[own]).toMatchObject({ title: 'Offline card' });
    await waitFor(() => cardsOf(observer.doc)[own] !== undefined, 'the offline card at the observer');
    expect(cardsOf(observer.doc)[ids.dataCard]).toMatchObject({ notes: 'written offline' });
    expect(cardsOf(observer.doc)[ids.emailCard]).toMatchObject({ title: 'Welcome email' });
    maria.destroy();
  });
});
