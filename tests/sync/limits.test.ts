import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, connect, getJson, rawSocket, startServerProcess, tempDir, waitFor } from './harness.ts';

afterEach(cleanUp);

async function server(args: string[] = []) {
  const dir = tempDir();
  return startServerProcess(dir, { args: ['--log-level', 'error', ...args] });
}

describe('limits close the offending connection only', () => {
  it('an oversized message: 1009 for its sender, the others keep syncing', async () => {
    const s = await server(['--max-message-bytes', '16k']);
    const big = connect(s.syncUrl, 'room');
    const other = connect(s.syncUrl, 'room');
    const third = connect(s.syncUrl, 'room');
    await Promise.all([big.synced(), other.synced(), third.synced()]);
    big.doc.getText('notes').insert(0, 'x'.repeat(20_000));
    await waitFor(() => big.closes.length > 0, 'the oversized sender to be closed');
    expect(big.closes[0]!.code).toBe(1009);
    other.doc.getMap('cards').set('still', 'syncing');
    await waitFor(() => third.doc.getMap('cards').get('still') === 'syncing', 'the others to keep syncing');
    expect(third.doc.getText('notes').length).toBe(0);
    expect(other.closes).toEqual([]);
    expect(third.closes).toEqual([]);
  });

  it('a document past the maximum size: 4413 for the writer, nothing of the write stored', async () => {
    const s = await server(['--max-message-bytes', '64k', '--max-document-bytes', '30k']);
    const writer = connect(s.syncUrl, 'room');
    const other = connect(s.syncUrl, 'room');
    await Promise.all([writer.synced(), other.synced()]);
    writer.doc.getText('notes').insert(0, 'a'.repeat(20_000));
    await waitFor(() => other.doc.getText('notes').length === 20_000, 'the first write');
    const stopped = new Promise<{ code: number; reason: string }>((resolve) => writer.provider.once('closed', resolve));
    writer.doc.getText('notes').insert(0, 'b'.repeat(20_000));
    expect(await stopped).toEqual({ code: 4413, reason: 'document too large (limit 30720 bytes)' });
    other.doc.getMap('cards').set('after', 1);
    const late = connect(s.syncUrl, 'room');
    await late.synced();
    await waitFor(() => late.doc.getMap('cards').get('after') === 1, 'later edits');
    expect(late.doc.getText('notes').toString()).toBe('a'.repeat(20_000));
    expect(other.closes).toEqual([]);
  });

  it('too many messages per second: 1008 for the flooder, the others keep syncing', async () => {
    const s = await server(['--max-messages-per-second', '100']);
    const a = connect(s.syncUrl, 'room');
    const b = connect(s.syncUrl, 'room');
    await Promise.all([a.synced(), b.synced()]);
    const flood = rawSocket(`${s.syncUrl}/room`);
    expect(await flood.opened).toBe(true);
    for (let i = 0; i < 3000; i++) flood.ws.send(new Uint8Array([3]));
    expect(await flood.closed).toEqual({ code: 1008, reason: 'rate limit exceeded' });
    a.doc.getMap('cards').set('ok', true);
    await waitFor(() => b.doc.getMap('cards').get('ok') === true, 'the others to keep syncing');
    expect(a.closes).toEqual([]);
  });
});

describe('HTTP endpoints', () => {
  it('/healthz, /metrics, and / without a web edition', async () => {
    const s = await server();
    expect(await getJson(`${s.httpUrl}/healthz`)).toEqual({ ok: true, rooms: 0, connections: 0 });
    const a = connect(s.syncUrl, 'one');
    const b = connect(s.syncUrl, 'two');
    const c = connect(s.syncUrl, 'one');
    await Promise.all([a.synced(), b.synced(), c.synced()]);
    a.doc.getText('notes').insert(0, 'hello');
    await waitFor(() => c.doc.getText('notes').toString() === 'hello', 'the edit to be committed and relayed');
    expect(await getJson(`${s.httpUrl}/healthz`)).toEqual({ ok: true, rooms: 2, connections: 3 });

    const metrics = await (await fetch(`${s.httpUrl}/metrics`)).text();
    for (const name of [
      'journeyscroll_rooms 2',
      'journeyscroll_connections 3',
      'journeyscroll_messages_received_total{type="sync-step1"}',
      'journeyscroll_messages_sent_total',
      'journeyscroll_received_bytes_total',
      'journeyscroll_sent_bytes_total',
      'journeyscroll_updates_committed_total 1',
      '# TYPE journeyscroll_commit_duration_seconds histogram',
      'journeyscroll_commit_duration_seconds_bucket{le="+Inf"} 1',
      'journeyscroll_commit_duration_seconds_count 1',
      'process_resident_memory_bytes',
    ]) {
      expect(metrics).toContain(name);
    }

    const root = await fetch(`${s.httpUrl}/`);
    expect(root.status).toBe(404);
    expect(await root.text()).toMatch(/--static/);
    expect((await fetch(`${s.httpUrl}/sync/one`)).status).toBe(426);
    expect((await fetch(`${s.httpUrl}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the web edition from --static at /', async () => {
    const site = tempDir('js-site-');
    mkdirSync(join(site, 'assets'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>JourneyScroll</title>');
    writeFileSync(join(site, 'assets', 'app.js'), 'export {}');
    const s = await server(['--static', site]);
    const index = await fetch(`${s.httpUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>JourneyScroll</title>');
    expect((await fetch(`${s.httpUrl}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${s.httpUrl}/healthz`)).status).toBe(200);
  });
});
