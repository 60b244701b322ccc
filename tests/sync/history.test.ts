/**
 * Who changed what, when (issue 13): three named people edit one room through a real server; the
 * change log the server keeps (`GET /history/<room>`) attributes every change to the right person
 * and time, survives compaction and a restart, and is refused to anyone without a token for the
 * room. Grouped for people by shared/governance/history.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { applyUpdate, Doc as YDoc } from 'yjs';
import { addCard, addLane, addStage, initBlueprint, readBlueprint, updateCard, updateStage } from '../../shared/doc/index.ts';
import { groupHistory, personLabel, type ChangeRow } from '../../shared/governance/history.ts';
import { cleanUp, connect, handMadeToken, restartCompacted, startServerProcess, tempDir, waitFor, type ServerProcess } from './harness.ts';

const SECRET = 'history-suite-secret-0123456789';
const ROOM = 'history';
const SERVER_OPTIONS = { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] };
const token = (claims: { role: string; team?: string; name?: string }, room = ROOM) => handMadeToken(SECRET, { room, ...claims });

let server: ServerProcess;
let dataDir: string;
const marks: Array<{ who: string; key: string; field: string; before: number; after: number }> = [];

async function history(query = '', auth: string | null = token({ role: 'viewer' })) {
  const res = await fetch(`${server.httpUrl}/history/${ROOM}${query}`, auth ? { headers: { Authorization: `Bearer ${auth}` } } : {});
  return { status: res.status, body: (await res.json()) as { changes: ChangeRow[]; truncated: boolean; error?: string } };
}

describe('the change log: every change attributed to its author and time', () => {
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startServerProcess(dataDir, SERVER_OPTIONS);
  });
  afterAll(cleanUp);

  it('three named people in one room: each change carries its author, team and commit time', async () => {
    const ana = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'approver', name: 'Ana Ops' }) } });
    await ana.synced();
    initBlueprint(ana.doc, { title: 'Attributed' });
    const stage = addStage(ana.doc, { name: 'Lead' });
    const data = addLane(ana.doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const email = addLane(ana.doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    const score = addCard(ana.doc, { stageId: stage, laneId: data, title: 'Lead score' });
    const welcome = addCard(ana.doc, { stageId: stage, laneId: email, title: 'Welcome' });
    const maria = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'editor', team: 'Data', name: 'Maria Ionescu' }) } });
    const tom = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'editor', team: 'Email', name: 'Tom Baker' }) } });
    await Promise.all([maria.synced(), tom.synced()]);
    const cardTitle = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('cards').get(id)?.get('title');
    await waitFor(() => cardTitle(maria.doc, welcome) === 'Welcome' && cardTitle(tom.doc, welcome) === 'Welcome', 'the layout everywhere');
    const edit = async (who: string, doc: Y.Doc, key: string, field: string, write: () => void, seen: () => boolean) => {
      const before = Date.now();
      write();
      await waitFor(seen, `${who}'s edit at Ana`);
      marks.push({ who, key, field, before, after: Date.now() });
    };
    for (let i = 1; i <= 3; i++) {
      await edit(
        'Maria Ionescu',
        maria.doc,
        score,
        'title',
        () => updateCard(maria.doc, score, { title: `Lead score ${i}` }),
        () => cardTitle(ana.doc, score) === `Lead score ${i}`,
      );
      await edit(
        'Tom Baker',
        tom.doc,
        welcome,
        'title',
        () => updateCard(tom.doc, welcome, { title: `Welcome ${i}` }),
        () => cardTitle(ana.doc, welcome) === `Welcome ${i}`,
      );
    }
    await edit(
      'Ana Ops',
      ana.doc,
      stage,
      'name',
      () => updateStage(ana.doc, stage, { name: 'Leads' }),
      () => true,
    );
    await waitFor(() => readBlueprint(maria.doc).stages[0]?.name === 'Leads', "Ana's edit at Maria");

    const { status, body } = await history();
    expect(status).toBe(200);
    for (const mark of marks) {
      const rows = body.changes.filter((r) => r.key === mark.key && r.field === mark.field && r.author === mark.who);
      expect(rows.length, `${mark.who} ${mark.field}`).toBeGreaterThan(0);
      // The commit time lies between the edit and its arrival at another client.
      expect(
        rows.some((r) => r.at >= mark.before - 5 && r.at <= mark.after + 5),
        `${mark.who} at ${mark.before}`,
      ).toBe(true);
    }
    for (const row of body.changes.filter((r) => r.key === score && r.field === 'title' && r.at >= marks[0]!.before))
      expect(row.author).toBe('Maria Ionescu');
    expect(body.changes.filter((r) => r.author === 'Maria Ionescu').every((r) => r.team === 'Data')).toBe(true);
    expect(body.changes.filter((r) => r.author === 'Tom Baker').every((r) => r.key === welcome)).toBe(true);

    // Grouped for people: each person's run of edits, in words.
    const groups = groupHistory(body.changes, readBlueprint(ana.doc), 0);
    expect(groups.map((g) => personLabel(g))).toContain('Maria Ionescu (Data)');
    expect(groups.find((g) => g.author === 'Tom Baker')!.summary).toBe('1 card in Touchpoints');
    for (const c of [ana, maria, tom]) c.destroy();
  });

  it('survives compaction and a restart; since/until/limit select; no token, a wrong room or a bad query is refused', async () => {
    const before = (await history()).body.changes;
    const restarted = await restartCompacted(server, dataDir, ROOM, SERVER_OPTIONS);
    server = restarted.server;
    expect(restarted.compacted).toBe(true);
    expect((await history()).body.changes).toEqual(before);
    const first = marks[0]!;
    const since = (await history(`?since=${first.before - 5}&limit=2`)).body;
    expect(since.changes).toHaveLength(2);
    expect(since.truncated).toBe(true);
    expect(since.changes.every((r) => r.at >= first.before - 5)).toBe(true);
    expect((await history('', null)).status).toBe(401);
    expect((await history('', token({ role: 'viewer' }, 'another-room'))).status).toBe(403);
    expect((await history('?limit=abc')).status).toBe(400);
  });

  it('time travel: the room as it was at each moment, exactly, across compactions and restarts', { timeout: 60_000 }, async () => {
    const room = 'time-travel';
    const t = (claims: { role: string; name?: string }) => token(claims, room);
    const compactStored = async () => {
      server = (await restartCompacted(server, dataDir, room, SERVER_OPTIONS)).server;
    };
    const moments: Array<{ at: number; blueprint: ReturnType<typeof readBlueprint> }> = [];
    const session = async (edits: (doc: Y.Doc) => void) => {
      const writer = connect(server.syncUrl, room, { params: { token: t({ role: 'approver', name: 'Ana Ops' }) } });
      const observer = connect(server.syncUrl, room, { params: { token: t({ role: 'viewer' }) } });
      await Promise.all([writer.synced(), observer.synced()]);
      await new Promise((r) => setTimeout(r, 20));
      const before = JSON.stringify(readBlueprint(observer.doc));
      edits(writer.doc);
      await waitFor(() => JSON.stringify(readBlueprint(observer.doc)) !== before, 'the edit at the observer');
      await new Promise((r) => setTimeout(r, 30));
      moments.push({ at: Date.now(), blueprint: readBlueprint(observer.doc) });
      await new Promise((r) => setTimeout(r, 30));
      writer.destroy();
      observer.destroy();
    };
    const started = Date.now();
    let card = '';
    await session((doc) => {
      initBlueprint(doc, { title: 'Then' });
      const stage = addStage(doc, { name: 'Lead' });
      const lane = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
      card = addCard(doc, { stageId: stage, laneId: lane, title: 'Welcome v1' });
    });
    await session((doc) => updateCard(doc, card, { title: 'Welcome v2' }));
    await compactStored();
    await session((doc) => updateCard(doc, card, { title: 'Welcome v3', notes: 'after a compaction' }));
    await compactStored();
    await session((doc) => updateCard(doc, card, { title: 'Welcome v4' }));
    const at = async (ms: number) => {
      const res = await fetch(`${server.httpUrl}/history/${room}/at?t=${ms}`, {
        headers: { Authorization: `Bearer ${t({ role: 'viewer' })}` },
      });
      return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    for (const moment of moments) {
      const { status, bytes } = await at(moment.at);
      expect(status).toBe(200);
      const doc = new YDoc();
      applyUpdate(doc, bytes);
      expect(readBlueprint(doc), new Date(moment.at).toISOString()).toEqual(moment.blueprint);
    }
    expect((await at(started - 60_000)).status).toBe(409);
    expect((await fetch(`${server.httpUrl}/history/${room}/at?t=${Date.now()}`)).status).toBe(401);
  });
});
