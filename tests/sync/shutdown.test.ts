import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanUp,
  connect,
  destroyAllClients,
  firstMissing,
  prng,
  randomEdit,
  sleep,
  startServerProcess,
  tempDir,
  waitFor,
} from './harness.ts';

afterEach(cleanUp);

describe('SIGTERM', () => {
  it('with clients connected and editing: exits 0 within 5 s, closes them with 1001, loses nothing', async () => {
    const dir = tempDir();
    const args = ['--max-messages-per-second', '5000'];
    let server = await startServerProcess(dir, { args });
    const clients = Array.from({ length: 6 }, () => connect(server.syncUrl, 'workshop'));
    await Promise.all(clients.map((c) => c.synced()));
    let editing = true;
    const loops = clients.map(async (client, i) => {
      const rand = prng(i + 7);
      while (editing) {
        randomEdit(client.doc, rand, `s${i}`);
        await sleep(2);
      }
    });
    await waitFor(
      () => clients.every((c) => c.received.length > 20) && clients.reduce((n, c) => n + c.sent.length, 0) > 300,
      'edits flowing',
    );

    const start = Date.now();
    server.proc.kill('SIGTERM');
    const exit = await server.exited;
    const took = Date.now() - start;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(5000);
    expect(server.logs.some((l) => l.msg === 'stopped')).toBe(true);
    await waitFor(() => clients.every((c) => c.closes.length > 0), 'every client to see the close');
    for (const c of clients) expect(c.closes[0]).toEqual({ code: 1001, reason: 'server shutting down' });

    editing = false;
    await Promise.all(loops);
    const sent = clients.flatMap((c) => c.sent);
    const received = clients.flatMap((c) => c.received);
    destroyAllClients();
    expect(sent.length).toBeGreaterThan(300);

    server = await startServerProcess(dir, { args });
    const probe = connect(server.syncUrl, 'workshop');
    await probe.synced();
    // Everything any client put on the wire before the close reached it was committed.
    const missingSent = firstMissing(probe.doc, sent);
    expect(missingSent, `sent update ${missingSent} of ${sent.length} lost`).toBe(-1);
    expect(firstMissing(probe.doc, received)).toBe(-1);
  });

  it('exits at once when idle, on SIGINT too', async () => {
    const dir = tempDir();
    const server = await startServerProcess(dir);
    const start = Date.now();
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
