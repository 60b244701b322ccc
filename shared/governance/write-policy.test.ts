import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  deleteCard,
  initBlueprint,
  moveCard,
  readBlueprint,
  setStatus,
  updateCard,
  updateStage,
} from '../doc/index.ts';
import { readUpdateScope } from '../doc/update-scope.ts';
import { decideWrite, mayWrite, ownershipOf, type Principal } from './write-policy.ts';
import { approveBlueprint, listVersions, saveVersion } from './versions.ts';

function setUp() {
  const server = new Y.Doc();
  initBlueprint(server, { title: 'Policy' });
  const stage = addStage(server, { name: 'Lead' });
  const dataLane = addLane(server, { name: 'Data captured', kind: 'data', owner: 'Data' });
  const emailLane = addLane(server, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
  const dataCard = addCard(server, { stageId: stage, laneId: dataLane, title: 'Lead score' });
  const emailCard = addCard(server, { stageId: stage, laneId: emailLane, title: 'Welcome email' });
  const lent = addCard(server, { stageId: stage, laneId: emailLane, title: 'Consent form', owner: 'Data' });
  const ids = { stage, dataLane, emailLane, dataCard, emailCard, lent };
  /** What `who` may do with the update `fn` makes on a client copy of the server's document. */
  const decide = (who: Principal, fn: (doc: Y.Doc) => void) => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    fn(client);
    return decideWrite(who, readUpdateScope(server, Y.mergeUpdates(updates)), ownershipOf(server));
  };
  return { ids, decide };
}

const dataEditor: Principal = { role: 'editor', team: 'Data', name: 'Maria Ionescu' };
const opsEditor: Principal = { role: 'editor' };
const approver: Principal = { role: 'approver' };
const commenter: Principal = { role: 'commenter' };
const viewer: Principal = { role: 'viewer' };
const ok = { ok: true };

describe('write policy: roles and team scopes', () => {
  it('a team editor changes the cards of its lanes and the cards its team owns', () => {
    const { ids, decide } = setUp();
    expect(decide(dataEditor, (d) => updateCard(d, ids.dataCard, { title: 'Lead score (v2)' }))).toEqual(ok);
    expect(decide(dataEditor, (d) => updateCard(d, ids.lent, { notes: 'owned by Data, lives in Touchpoints' }))).toEqual(ok);
    expect(decide(dataEditor, (d) => addCard(d, { stageId: ids.stage, laneId: ids.dataLane, title: 'Email address' }))).toEqual(ok);
    expect(decide(dataEditor, (d) => deleteCard(d, ids.dataCard))).toEqual(ok);
    expect(decide(dataEditor, (d) => moveCard(d, ids.lent, { stageId: ids.stage, laneId: ids.dataLane }))).toEqual(ok);
  });

  it("a team editor may not touch another team's cards, in any way, and is told in words", () => {
    const { ids, decide } = setUp();
    const refusal = { ok: false, reason: "The Email team owns 'Touchpoints': your change to 'Welcome email' was not saved" };
    expect(decide(dataEditor, (d) => updateCard(d, ids.emailCard, { title: 'Hacked' }))).toEqual(refusal);
    expect(decide(dataEditor, (d) => deleteCard(d, ids.emailCard))).toEqual(refusal);
    expect(decide(dataEditor, (d) => moveCard(d, ids.emailCard, { stageId: ids.stage, laneId: ids.dataLane }))).toEqual(refusal);
    expect(decide(dataEditor, (d) => addCard(d, { stageId: ids.stage, laneId: ids.emailLane, title: 'Sneaky' }))).toEqual({
      ok: false,
      reason: "The Email team owns 'Touchpoints': your change to 'Sneaky' was not saved",
    });
    // Moving its own card into a foreign lane, or giving a lent card away, takes it out of reach.
    expect(decide(dataEditor, (d) => moveCard(d, ids.dataCard, { stageId: ids.stage, laneId: ids.emailLane }))).toMatchObject({
      ok: false,
    });
    expect(decide(dataEditor, (d) => updateCard(d, ids.lent, { owner: 'Email' }))).toMatchObject({ ok: false });
  });

  it('a change that mixes allowed and forbidden parts is refused whole', () => {
    const { ids, decide } = setUp();
    const mixed = decide(dataEditor, (d) =>
      d.transact(() => {
        updateCard(d, ids.dataCard, { title: 'fine' });
        updateCard(d, ids.emailCard, { title: 'not fine' });
      }),
    );
    expect(mixed).toMatchObject({ ok: false, reason: expect.stringMatching(/Welcome email/) });
  });

  it('stages, lanes and the blueprint belong to the journey-operations team', () => {
    const { ids, decide } = setUp();
    expect(decide(dataEditor, (d) => updateStage(d, ids.stage, { name: 'Leads' }))).toEqual({
      ok: false,
      reason: 'Stages can only be changed by the journey-operations team',
    });
    expect(decide(dataEditor, (d) => addLane(d, { name: 'Mine', kind: 'custom' }))).toMatchObject({ ok: false, reason: /^Lanes/ });
    expect(decide(opsEditor, (d) => updateStage(d, ids.stage, { name: 'Leads' }))).toEqual(ok);
    expect(decide(opsEditor, (d) => updateCard(d, ids.emailCard, { title: 'Any card' }))).toEqual(ok);
  });

  it('only an approver approves or retires', () => {
    const { decide } = setUp();
    expect(decide(opsEditor, (d) => setStatus(d, 'in-review', { by: 'Ops' }))).toEqual(ok);
    expect(decide(opsEditor, (d) => setStatus(d, 'approved', { by: 'Ops' }))).toEqual({
      ok: false,
      reason: 'Only an approver may set the status to approved',
    });
    expect(decide(opsEditor, (d) => setStatus(d, 'retired', { by: 'Ops' }))).toMatchObject({ ok: false });
    expect(decide(dataEditor, (d) => setStatus(d, 'approved', { by: 'Maria' }))).toMatchObject({ ok: false });
    expect(decide(approver, (d) => setStatus(d, 'approved', { by: 'Ann' }))).toEqual(ok);
  });

  it('moving to in review names the reviewers, under the same rule as the status', () => {
    const { decide } = setUp();
    const toReview = (d: Y.Doc) => setStatus(d, 'in-review', { by: 'Ops', reviewers: [' Ana Approver', 'Ben Legal', 'Ana Approver', ''] });
    expect(decide(opsEditor, toReview)).toEqual(ok);
    expect(decide(approver, toReview)).toEqual(ok);
    expect(decide(dataEditor, toReview)).toMatchObject({ ok: false });
    expect(decide(commenter, toReview)).toEqual({ ok: false, reason: 'Commenters can only add comments' });
    expect(decide(viewer, toReview)).toMatchObject({ ok: false });
    // Renaming the reviewers of a blueprint already in review is a status write like any other.
    const doc = new Y.Doc();
    initBlueprint(doc, { title: 'Plan' });
    toReview(doc);
    const read = readBlueprint(doc);
    expect(read.meta).toMatchObject({ status: 'in-review', reviewers: ['Ana Approver', 'Ben Legal'] });
    expect(read.history.at(-1)).toMatchObject({ kind: 'status', by: 'Ops', to: 'in-review', reviewers: ['Ana Approver', 'Ben Legal'] });
    setStatus(doc, 'in-review', { by: 'Ops', reviewers: ['Cleo Data'] });
    expect(readBlueprint(doc).meta.reviewers).toEqual(['Cleo Data']);
    setStatus(doc, 'draft', { by: 'Ops' });
    expect(readBlueprint(doc).meta.reviewers).toBeUndefined();
  });

  it('commenters comment, viewers do nothing', () => {
    const { ids, decide } = setUp();
    const comment = (d: Y.Doc) => {
      const thread = new Y.Map<unknown>();
      thread.set('text', 'Is this field needed?');
      d.getMap('comments').set('cm_1', thread);
    };
    // A named person comments in their own name (comment-policy.test.ts); this commenter has none.
    const signed = (d: Y.Doc) => {
      comment(d);
      d.getMap<Y.Map<unknown>>('comments').get('cm_1')!.set('author', 'Maria Ionescu');
    };
    expect(decide(commenter, comment)).toEqual(ok);
    expect(decide(dataEditor, signed)).toEqual(ok);
    expect(decide(commenter, (d) => updateCard(d, ids.dataCard, { title: 'x' }))).toEqual({
      ok: false,
      reason: 'Commenters can only add comments',
    });
    expect(decide(viewer, comment)).toMatchObject({ ok: false });
  });
});

describe('mayWrite: what the app offers, decided by the same policy', () => {
  it('locks foreign cards, foreign lanes and structure for a team editor, nothing for an approver', () => {
    const doc = new Y.Doc();
    initBlueprint(doc, { title: 'Policy' });
    const stage = addStage(doc, { name: 'Lead' });
    const dataLane = addLane(doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const emailLane = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    const dataCard = addCard(doc, { stageId: stage, laneId: dataLane, title: 'Lead score' });
    const emailCard = addCard(doc, { stageId: stage, laneId: emailLane, title: 'Welcome email' });
    const owners = ownershipOf(doc);
    expect(mayWrite(dataEditor, { kind: 'card', id: dataCard }, owners)).toEqual(ok);
    expect(mayWrite(dataEditor, { kind: 'card', id: emailCard }, owners)).toEqual({
      ok: false,
      reason: "The Email team owns 'Touchpoints': your change to 'Welcome email' was not saved",
    });
    expect(mayWrite(dataEditor, { kind: 'card-move', id: dataCard, laneId: emailLane }, owners).ok).toBe(false);
    expect(mayWrite(dataEditor, { kind: 'new-card', laneId: dataLane }, owners)).toEqual(ok);
    expect(mayWrite(dataEditor, { kind: 'new-card', laneId: emailLane }, owners)).toEqual({
      ok: false,
      reason: "The Email team owns 'Touchpoints': you cannot add cards there",
    });
    expect(mayWrite(dataEditor, { kind: 'root', root: 'stages' }, owners).ok).toBe(false);
    expect(mayWrite(opsEditor, { kind: 'root', root: 'stages' }, owners)).toEqual(ok);
    expect(mayWrite(opsEditor, { kind: 'status', status: 'in-review' }, owners)).toEqual(ok);
    expect(mayWrite(opsEditor, { kind: 'status', status: 'approved' }, owners).ok).toBe(false);
    expect(mayWrite(approver, { kind: 'status', status: 'retired' }, owners)).toEqual(ok);
    expect(mayWrite(commenter, { kind: 'card', id: dataCard }, owners).ok).toBe(false);
    expect(mayWrite(viewer, { kind: 'card', id: dataCard }, owners).ok).toBe(false);
  });
});

describe('write policy: versions', () => {
  /** The scope of what `fn` writes on a copy of `server`, decided for `who`. */
  async function decideAsync(server: Y.Doc, who: Principal, fn: (doc: Y.Doc) => Promise<unknown>) {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    await fn(client);
    return { decision: decideWrite(who, readUpdateScope(server, Y.mergeUpdates(updates)), ownershipOf(server)), updates };
  }

  it('an unscoped editor saves a named version; only an approver approves; nobody below approver changes a saved one', async () => {
    const server = new Y.Doc();
    initBlueprint(server, { title: 'Versions' });
    const named = await decideAsync(server, opsEditor, (d) => saveVersion(d, { name: 'Workshop', by: 'Ops' }));
    expect(named.decision).toEqual(ok);
    expect((await decideAsync(server, dataEditor, (d) => saveVersion(d, { name: 'Mine', by: 'Maria' }))).decision).toMatchObject({
      ok: false,
      reason: "The blueprint's versions can only be changed by the journey-operations team",
    });
    expect((await decideAsync(server, opsEditor, (d) => approveBlueprint(d, { by: 'Ops' }))).decision).toMatchObject({ ok: false });
    expect((await decideAsync(server, approver, (d) => approveBlueprint(d, { by: 'Ana' }))).decision).toEqual(ok);
    // A crafted approved version without the status change is refused just the same.
    const crafted = await decideAsync(server, opsEditor, async (d) => {
      const entry = new Y.Map<unknown>();
      entry.set('kind', 'approved');
      entry.set('name', 'v9');
      d.getMap('versions').set('vr_crafted', entry);
    });
    expect(crafted.decision).toEqual({ ok: false, reason: 'Only an approver may approve a version' });
    for (const update of named.updates) Y.applyUpdate(server, update);
    const [saved] = listVersions(server);
    const rename = await decideAsync(server, opsEditor, async (d) => d.getMap<Y.Map<unknown>>('versions').get(saved!.id)!.set('name', 'X'));
    expect(rename.decision).toEqual({
      ok: false,
      reason: "Saved versions cannot be changed or deleted: your change to version 'Workshop' was not saved",
    });
    const drop = await decideAsync(server, opsEditor, async (d) => d.getMap('versions').delete(saved!.id));
    expect(drop.decision).toMatchObject({ ok: false });
  });
});
