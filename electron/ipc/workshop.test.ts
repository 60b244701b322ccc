import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseAppLink, type BlueprintEntry, type WorkshopStatus } from '../../shared/desktop/contract.ts';
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

    expect(await r.call('workshop.stop')).toEqual({ stopped: true });
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
