import { afterEach, describe, expect, it } from 'vitest';
import { appLink, type BlueprintEntry } from '../../shared/desktop/contract.ts';
import type { Role } from '../../shared/sync/contract.ts';
import { signToken } from '../../sync-server/auth/token.ts';
import { accessOf, openAppLink, type LinkQuestion } from './app-link.ts';
import { createRig, type Rig } from './test-support.ts';

const SECRET = 'a-workshop-secret-of-32-characters';
const NOW = Date.parse('2026-12-03T10:00:00Z');
const SERVER = 'ws://workshop.example:4321/sync';
const token = (role: Role, options: { team?: string; ttlMs?: number } = {}) =>
  signToken({ room: 'launch', role, ttlMs: options.ttlMs ?? 3_600_000, team: options.team }, SECRET, NOW);

let rigs: Rig[] = [];
afterEach(async () => {
  await Promise.all(rigs.map((r) => r.close()));
  rigs = [];
});
function rig(): Rig {
  const r = createRig({ now: () => NOW });
  rigs.push(r);
  return r;
}

/** A person at the message box: records each question and gives the queued answers. */
function person(...answers: boolean[]) {
  const questions: LinkQuestion[] = [];
  return {
    questions,
    ask: async (question: LinkQuestion) => {
      questions.push(question);
      if (answers.length === 0) throw new Error(`asked more than the test expected: ${question.message}`);
      return answers.shift()!;
    },
  };
}

const open = (r: Rig, link: string, ask: (q: LinkQuestion) => Promise<boolean>) => openAppLink(r.library, link, ask, () => NOW);
const shareOf = (r: Rig, id: string) => r.library.get(id)?.share;

describe('a journeyscroll:// link', () => {
  it('to a server not seen before asks first, naming the host and the room; declining changes nothing', async () => {
    const r = rig();
    const before = JSON.stringify(r.library.list());
    const link = appLink({ server: SERVER, room: 'launch', token: await token('editor') });
    const declining = person(false);
    expect(await open(r, link, declining.ask)).toEqual({ entry: null, asked: ['new-server'] });
    expect(declining.questions).toHaveLength(1);
    const [question] = declining.questions;
    expect(question).toMatchObject({ kind: 'new-server', host: 'workshop.example:4321', room: 'launch', confirm: 'Join' });
    expect(question!.message).toBe('Join the blueprint "launch" on workshop.example:4321?');
    expect(question!.detail).toMatch(/not used before: workshop\.example:4321/);
    expect(JSON.stringify(r.library.list())).toBe(before);

    const joining = person(true);
    const joined = await open(r, link, joining.ask);
    expect(joined.asked).toEqual(['new-server']);
    expect(joined.entry?.share).toEqual({ server: SERVER, room: 'launch', token: expect.any(String) });
    expect(r.library.list()).toHaveLength(1);
  });

  it('to a server already used (a shared blueprint there, or one in Settings) opens without asking', async () => {
    const r = rig();
    const first = await open(r, appLink({ server: SERVER, room: 'launch' }), person(true).ask);
    const silent = person();
    const other = await open(r, appLink({ server: 'http://workshop.example:4321', room: 'renewal' }), silent.ask);
    expect(other.asked).toEqual([]);
    expect(other.entry?.share).toEqual({ server: SERVER, room: 'renewal' });
    // The same room again is the same entry.
    expect((await open(r, appLink({ server: SERVER, room: 'launch' }), silent.ask)).entry?.id).toBe(first.entry?.id);

    r.library.updateSettings({ servers: [{ url: 'wss://sync.acme.example' }] });
    const fromSettings = await open(r, appLink({ server: 'wss://sync.acme.example/sync', room: 'q4' }), silent.ask);
    expect(fromSettings.asked).toEqual([]);
    expect(fromSettings.entry?.share?.server).toBe('wss://sync.acme.example/sync');
    expect(silent.questions).toEqual([]);
  });

  it('never lowers a stored role silently: a viewer link for an editor asks, and declining keeps the editor token', async () => {
    const r = rig();
    const editor = await token('editor');
    const { entry } = await open(r, appLink({ server: SERVER, room: 'launch', token: editor }), person(true).ask);
    const id = (entry as BlueprintEntry).id;

    const viewer = await token('viewer');
    const keeping = person(false);
    const kept = await open(r, appLink({ server: SERVER, room: 'launch', token: viewer }), keeping.ask);
    expect(kept).toMatchObject({ asked: ['lower-role'], entry: { id } });
    expect(keeping.questions[0]).toMatchObject({
      kind: 'lower-role',
      host: 'workshop.example:4321',
      room: 'launch',
      cancel: 'Keep my access',
    });
    expect(keeping.questions[0]!.detail).toMatch(
      /^You are an editor of "launch" on workshop\.example:4321; this link makes you a viewer\./,
    );
    expect(shareOf(r, id)?.token).toBe(editor);

    const switching = person(true);
    expect((await open(r, appLink({ server: SERVER, room: 'launch', token: viewer }), switching.ask)).entry?.share?.token).toBe(viewer);
    expect(shareOf(r, id)?.token).toBe(viewer);
    expect(r.library.list()).toHaveLength(1);
  });

  it('takes an equal or higher token, an expired one’s replacement, and a token-less link without asking', async () => {
    const r = rig();
    const teamEditor = await token('editor', { team: 'Email' });
    const { entry } = await open(r, appLink({ server: SERVER, room: 'launch', token: teamEditor }), person(true).ask);
    const id = (entry as BlueprintEntry).id;
    const silent = person();
    // A link without a token keeps the stored one.
    await open(r, appLink({ server: SERVER, room: 'launch' }), silent.ask);
    expect(shareOf(r, id)?.token).toBe(teamEditor);
    // Editor of every card > editor of one team's; approver > editor.
    const editor = await token('editor');
    await open(r, appLink({ server: SERVER, room: 'launch', token: editor }), silent.ask);
    expect(shareOf(r, id)?.token).toBe(editor);
    const approver = await token('approver');
    await open(r, appLink({ server: SERVER, room: 'launch', token: approver }), silent.ask);
    expect(shareOf(r, id)?.token).toBe(approver);
    expect(silent.questions).toEqual([]);

    // An approver token that has expired grants nothing: a viewer link replaces it.
    const expired = await signToken({ room: 'launch', role: 'approver', ttlMs: 1000 }, SECRET, NOW - 3_600_000);
    r.library.setShare(id, { server: SERVER, room: 'launch', token: expired });
    const viewer = await token('viewer');
    expect((await open(r, appLink({ server: SERVER, room: 'launch', token: viewer }), silent.ask)).asked).toEqual([]);
    expect(shareOf(r, id)?.token).toBe(viewer);
  });

  it('an editor of every card offered one team asks, and so does one team offered another (different, not more)', async () => {
    const r = rig();
    const { entry } = await open(r, appLink({ server: SERVER, room: 'launch', token: await token('editor') }), person(true).ask);
    const asking = person(false);
    await open(r, appLink({ server: SERVER, room: 'launch', token: await token('editor', { team: 'Data' }) }), asking.ask);
    expect(asking.questions[0]!.detail).toMatch(/^You are an editor of "launch" .*this link makes you an editor of the Data team's cards/);
    expect(accessOf(shareOf(r, entry!.id)!.token!)).toMatchObject({ role: 'editor', team: null });

    r.library.setShare(entry!.id, { server: SERVER, room: 'launch', token: await token('editor', { team: 'Email' }) });
    const again = person(false);
    await open(r, appLink({ server: SERVER, room: 'launch', token: await token('editor', { team: 'Data' }) }), again.ask);
    expect(again.questions[0]!.detail).toMatch(/^You are an editor of the Email team's cards of "launch"/);
    expect(accessOf(shareOf(r, entry!.id)!.token!)).toMatchObject({ role: 'editor', team: 'Email' });
    // The same team again is not asked about.
    const silent = person();
    await open(
      r,
      appLink({ server: SERVER, room: 'launch', token: await token('editor', { team: 'Email', ttlMs: 7_200_000 }) }),
      silent.ask,
    );
    expect(silent.questions).toEqual([]);
  });

  it('refuses something that is not a JourneyScroll link, changing nothing', async () => {
    const r = rig();
    await expect(open(r, 'journeyscroll://x/../../etc', person().ask)).rejects.toThrow(/not a JourneyScroll link/);
    expect(r.library.list()).toEqual([]);
  });
});
