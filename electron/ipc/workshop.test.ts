import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseAppLink, type BlueprintEntry, type WorkshopRoleInvite, type WorkshopStatus } from '../../shared/desktop/contract.ts';
import { readBlueprint } from '../../shared/doc/index.ts';
import { createRig, type Rig } from './test-support.ts';
import { lanAddressesOf } from './workshop.ts';

const rigs: Rig[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const rig of rigs.splice(0)) await rig.close();
});

function join(server: string, room: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(server, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    maxBackoffTime: 300,
  });
  providers.push(provider);
  const closes: number[] = [];
  provider.on('connection-close', (event) => event && closes.push(event.code));
  return { doc, provider, closes };
}

async function until(what: string, check: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('hosting a workshop', () => {
  it('starts the sync server with a fresh secret: the editor token joins and edits, a wrong token is refused, stop closes it', async () => {
    const r = createRig();
    rigs.push(r);
    const { id } = await r.call<BlueprintEntry>('library.create', { template: 'b2b-lead-to-renewal' });
    const status = await r.call<WorkshopStatus & { running: true }>('workshop.start', { id, port: 0, host: '127.0.0.1' });
    expect(status).toMatchObject({
      running: true,
      id,
      host: '127.0.0.1',
      webNote: expect.stringMatching(/web edition is not part of this build/),
    });
    expect(await r.call('workshop.status')).toEqual(status);
    // Starting again for the same blueprint is the same workshop; for another, a clear refusal.
    expect(await r.call('workshop.start', { id, port: 0, host: '127.0.0.1' })).toEqual(status);
    const other = await r.call<BlueprintEntry>('library.create', {});
    await expect(r.call('workshop.start', { id: other.id })).rejects.toThrow(
      'A workshop is already being hosted for another blueprint. Stop it first.',
    );

    const [invite] = status.invites;
    const link = parseAppLink(invite!.appEditor)!;
    expect(link).toEqual({ server: `ws://127.0.0.1:${status.port}/sync`, room: id, token: status.editorToken });
    expect(parseAppLink(invite!.appViewer)!.token).toBe(status.viewerToken);

    // The host's window seeds the room from its local copy, as the desktop session does.
    const hostDoc = r.library.readDoc(id);
    const host = join(status.local.server, id, status.local.token, hostDoc);
    const guest = join(link.server, link.room, link.token!);
    await until(
      'the guest has the blueprint',
      () => readBlueprint(guest.doc).cards.length === readBlueprint(hostDoc).cards.length && readBlueprint(hostDoc).cards.length > 0,
    );
    guest.doc.getMap('meta').set('title', 'Edited by a guest');
    await until('the host sees the guest edit', () => hostDoc.getMap('meta').get('title') === 'Edited by a guest');

    const forged = join(link.server, link.room, `${status.editorToken.slice(0, -4)}AAAA`);
    const otherSecret = join(
      link.server,
      link.room,
      'eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoiKiIsInJvbGUiOiJlZGl0b3IiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl',
    );
    await until('both wrong tokens refused', () => forged.closes.includes(4401) && otherSecret.closes.includes(4401));
    expect(readBlueprint(forged.doc).cards).toHaveLength(0);
    void host;

    // Links per role and team, minted with the person's name: a Data editor joins, and the
    // server holds it to its team (the blueprint's title is the journey-operations team's).
    const maria = await r.call<WorkshopRoleInvite>('workshop.invite', { role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    expect(maria).toMatchObject({ role: 'editor', team: 'Data', links: [{ address: '127.0.0.1', web: null }] });
    const claims = JSON.parse(Buffer.from(maria.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ room: id, role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    // Ends with the workshop's other links (to the second: JWT times are whole seconds).
    expect(Math.abs((claims.exp as number) * 1000 - status.expiresAt)).toBeLessThanOrEqual(1000);
    const mariaLink = parseAppLink(maria.links[0]!.app)!;
    const dataEditor = join(mariaLink.server, mariaLink.room, mariaLink.token!);
    await until(
      'the Data editor has the blueprint',
      () => readBlueprint(dataEditor.doc).cards.length === readBlueprint(hostDoc).cards.length,
    );
    dataEditor.doc.getMap('meta').set('title', 'FORBIDDEN title');
    guest.doc.getMap('meta').set('description', 'after the refused title');
    await until('the host sees the later edit', () => hostDoc.getMap('meta').get('description') === 'after the refused title');
    expect(hostDoc.getMap('meta').get('title')).toBe('Edited by a guest');
    // The host's own window holds every role; only an editor is scoped to a team.
    expect(JSON.parse(Buffer.from(status.local.token.split('.')[1]!, 'base64url').toString())).toMatchObject({ role: 'approver' });
    await expect(r.call('workshop.invite', { role: 'viewer', team: 'Data' })).rejects.toThrow('Only an editor is scoped to a team.');

    expect(await r.call('workshop.stop')).toEqual({ stopped: true });
    await expect(r.call('workshop.invite', { role: 'viewer' })).rejects.toThrow(/start hosting first/);
    expect(await r.call('workshop.status')).toEqual({ running: false });
    expect(await r.call('workshop.stop')).toEqual({ stopped: false });
    await until('the guest is disconnected', () => !guest.provider.wsconnected);
  });

  it('says so plainly when the port is taken', async () => {
    const r = createRig();
    rigs.push(r);
    const { id } = await r.call<BlueprintEntry>('library.create', {});
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(r.call('workshop.start', { id, port, host: '127.0.0.1' })).rejects.toThrow(
        `The workshop server could not start: port ${port} is already in use — choose another port.`,
      );
      expect(await r.call('workshop.status')).toEqual({ running: false });
    } finally {
      blocker.close();
    }
  });

  it('lists LAN IPv4 addresses, not loopback or IPv6', () => {
    expect(
      lanAddressesOf({
        lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
        eth0: [
          { address: '192.168.1.20', family: 'IPv4', internal: false },
          { address: 'fe80::1', family: 'IPv6', internal: false },
        ],
        wlan0: [{ address: '10.0.0.7', family: 4, internal: false }],
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7']);
  });
});
