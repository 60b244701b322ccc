import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { cleanUp, connect, destroyAllClients, rawSocket, sleep, startServerProcess, tempDir, waitFor } from './harness.ts';

const SECRET = 'integration-test-secret-0123456789';
afterEach(cleanUp);

const token = (room: string, role: 'editor' | 'viewer', now = Date.now(), ttlMs = 3600_000, secret = SECRET) =>
  signToken({ room, role, ttlMs }, secret, now);

async function securedServer() {
  const dir = tempDir();
  return startServerProcess(dir, { env: { JOURNEYSCROLL_SECRET: SECRET } });
}

describe('roles', () => {
  it("drops a viewer's document writes (relayed to nobody, never stored) while its cursor is seen", async () => {
    const server = await securedServer();
    const editor = connect(server.syncUrl, 'board', { params: { token: await token('board', 'editor') } });
    const viewer = connect(server.syncUrl, 'board', { params: { token: await token('board', 'viewer') } });
    await Promise.all([editor.synced(), viewer.synced()]);

    editor.doc.getText('notes').insert(0, 'by the editor. ');
    await waitFor(() => viewer.doc.getText('notes').toString() === 'by the editor. ', 'the viewer to receive edits');

    viewer.doc.getText('notes').insert(0, 'VIEWER WAS HERE ');
    viewer.doc.getMap('cards').set('viewer-card', 'nope');
    // Sent after the edits on the same socket: once the editor sees this cursor, the server has
    // already handled (and dropped) the viewer's edits.
    viewer.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 });
    const viewerId = viewer.doc.clientID;
    await waitFor(
      () => JSON.stringify((editor.provider.awareness.getStates().get(viewerId) as { cursor?: unknown })?.cursor) === '{"x":3,"y":4}',
      "the viewer's cursor at the editor",
    );
    editor.doc.getMap('cards').set('editor-card', 'yes');
    await waitFor(() => viewer.doc.getMap('cards').get('editor-card') === 'yes', 'a later edit to reach the viewer');

    expect(editor.doc.getText('notes').toString()).toBe('by the editor. ');
    expect(editor.doc.getMap('cards').toJSON()).toEqual({ 'editor-card': 'yes' });
    const late = connect(server.syncUrl, 'board', { params: { token: await token('*', 'editor') } });
    await late.synced();
    expect(late.doc.getText('notes').toString()).toBe('by the editor. ');
    expect(late.doc.getMap('cards').toJSON()).toEqual({ 'editor-card': 'yes' });

    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/journeyscroll_viewer_writes_dropped_total [1-9]/);
    destroyAllClients();
    expect((await server.stop()).code).toBe(0);
    const store = openStore(join(server.dataDir, 'journeyscroll.sqlite'));
    const stored = store.loadDoc('board').doc;
    expect(stored.getText('notes').toString()).toBe('by the editor. ');
    expect(stored.getMap('cards').toJSON()).toEqual({ 'editor-card': 'yes' });
    store.close();
  });
});

describe('tokens', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('refuses missing, expired, forged, tampered, alg:none and wrong-room tokens with a close code and reason', async () => {
    const server = await securedServer();
    const valid = await token('board', 'viewer');
    const [h, , s] = valid.split('.');
    const cases: Array<[string, string | null, number, RegExp]> = [
      ['missing', null, 4401, /token required/],
      ['expired', await token('board', 'editor', Date.now() - 2 * 3600_000), 4401, /expired/],
      ['forged (other secret)', await token('board', 'editor', Date.now(), 3600_000, 'not-the-server-secret-at-all'), 4401, /signature/],
      ['tampered (viewer made editor)', `${h}.${b64({ room: 'board', role: 'editor', exp: 4102444800 })}.${s}`, 4401, /signature/],
      ['alg none', `${b64({ alg: 'none' })}.${b64({ room: '*', role: 'editor', exp: 4102444800 })}.`, 4401, /HS256/],
      ['garbage', 'not-a-token', 4401, /not a JWT/],
      ['wrong room', await token('other-room', 'editor'), 4403, /another room/],
    ];
    for (const [name, t, code, reason] of cases) {
      const url = `${server.syncUrl}/board${t === null ? '' : `?token=${encodeURIComponent(t)}`}`;
      const socket = rawSocket(url);
      const closed = await socket.closed;
      expect(closed.code, name).toBe(code);
      expect(closed.reason, name).toMatch(reason);
      // Refused before joining: not one byte of the room was sent.
      expect(socket.messages, name).toEqual([]);
    }

    // The unmodified WebsocketProvider sees the code and reason, and stops reconnecting (44xx).
    const refused = connect(server.syncUrl, 'board', { params: { token: await token('board', 'editor', Date.now() - 7200_000) } });
    const closedEvent = await new Promise<{ code: number; reason: string }>((resolve) => refused.provider.once('closed', resolve));
    expect(closedEvent).toEqual({ code: 4401, reason: 'token expired' });
    await sleep(400);
    expect(refused.closes).toHaveLength(1);
    expect(refused.provider.shouldConnect).toBe(false);

    const accepted = connect(server.syncUrl, 'board', { params: { token: await token('board', 'editor') } });
    await accepted.synced();
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toContain('journeyscroll_connections_refused_total{code="4401"} 7');
    expect(metrics).toContain('journeyscroll_connections_refused_total{code="4403"} 1');
  });

  it('refuses an invalid room name and paths that are not sync endpoints', async () => {
    const server = await securedServer();
    const bad = rawSocket(`${server.syncUrl}/${'x'.repeat(129)}?token=${await token('*', 'editor')}`);
    expect(await bad.closed).toMatchObject({ code: 4400 });
    const dots = rawSocket(`${server.syncUrl}/a.b?token=${await token('*', 'editor')}`);
    expect(await dots.closed).toMatchObject({ code: 4400 });
    const elsewhere = rawSocket(`ws://127.0.0.1:${server.port}/other/room`);
    expect(await elsewhere.opened).toBe(false);
  });
});

describe('without a secret', () => {
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it.skipIf(!lanAddress)(`accepts loopback clients only, unless --open (through ${lanAddress ?? 'no LAN address: skipped'})`, async () => {
    const dir = tempDir();
    const closedServer = await startServerProcess(dir, { host: '0.0.0.0' });
    const local = rawSocket(`ws://127.0.0.1:${closedServer.port}/sync/room`);
    expect(await local.opened).toBe(true);
    await waitFor(() => local.messages.length > 0, 'the server handshake');
    local.ws.close();
    const remote = rawSocket(`ws://${lanAddress}:${closedServer.port}/sync/room`);
    expect(await remote.closed).toEqual({ code: 4403, reason: 'this server accepts local connections only' });
    expect((await fetch(`http://${lanAddress}:${closedServer.port}/healthz`)).status).toBe(403);
    await closedServer.stop();

    const dir2 = tempDir();
    const openServer = await startServerProcess(dir2, { host: '0.0.0.0', args: ['--open'] });
    const client = connect(`ws://${lanAddress}:${openServer.port}/sync`, 'room');
    await client.synced();
  });
});
