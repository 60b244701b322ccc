/**
 * `journeyscroll serve --tls-cert FILE --tls-key FILE`: https and wss on the one port, with a
 * self-signed certificate made here by openssl. An unmodified WebsocketProvider syncs over wss
 * when it trusts the certificate, and a client that does not trust it gets nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cleanUp, startServerProcess, tempDir, waitFor } from './harness.ts';

afterEach(cleanUp);

function selfSigned(dir: string): { cert: string; key: string; ca: Buffer } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
  return { cert, key, ca: readFileSync(cert) };
}

function httpsGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, ca ? { ca } : {}, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('TLS', () => {
  it('serves https and wss; providers that trust the certificate sync over wss', async () => {
    const dir = tempDir();
    const { cert, key, ca } = selfSigned(dir);
    const server = await startServerProcess(join(dir, 'data'), { args: ['--tls-cert', cert, '--tls-key', key] });
    const listening = server.logs.find((l) => l.msg === 'listening')!;
    expect(listening).toMatchObject({ tls: true, url: `wss://127.0.0.1:${server.port}/sync` });

    expect(await httpsGet(`https://localhost:${server.port}/healthz`, ca)).toMatchObject({
      status: 200,
      body: expect.stringContaining('"ok":true'),
    });
    await expect(httpsGet(`https://localhost:${server.port}/healthz`)).rejects.toThrow(/self-signed|certificate/);

    // The provider's WebSocket: ws, trusting this certificate (as NODE_EXTRA_CA_CERTS would).
    class TrustingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca });
      }
    }
    const docs = [new Y.Doc(), new Y.Doc()];
    const providers = docs.map(
      (doc) =>
        new WebsocketProvider(`wss://localhost:${server.port}/sync`, 'secure-room', doc, {
          WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        }),
    );
    try {
      docs[0]!.getText('notes').insert(0, 'over wss');
      await waitFor(() => docs[1]!.getText('notes').toString() === 'over wss', 'the edit to cross over wss');
      docs[1]!.getMap('cards').set('c', 'back');
      await waitFor(() => docs[0]!.getMap('cards').get('c') === 'back', 'the reply to cross over wss');
    } finally {
      for (const p of providers) p.destroy();
    }

    // Plain ws to the TLS port, or wss without trusting the certificate: no connection at all.
    const plain = new WebSocket(`ws://127.0.0.1:${server.port}/sync/secure-room`);
    const untrusting = new WebSocket(`wss://localhost:${server.port}/sync/secure-room`);
    const outcome = (ws: WebSocket) =>
      new Promise<string>((resolve) => {
        ws.once('open', () => resolve('open'));
        ws.once('error', (error) => resolve(error.message));
      });
    expect(await outcome(plain)).not.toBe('open');
    expect(await outcome(untrusting)).toMatch(/self-signed|certificate/);
  });
});
