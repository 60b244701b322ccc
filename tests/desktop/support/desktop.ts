import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { getTemplate } from '../../../shared/templates/index.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security.ts';
import { fromWire, toWire } from './wire.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** The test builds (with the test hook): tests/desktop/run.ts builds them beside the production ones. */
export const RENDERER_DIR = join(repo, 'out/renderer-test');
export const WEB_DIR = join(repo, 'out/web-test');
/**
 * Where the tests serve the desktop renderer (Playwright answers every request to it from
 * out/renderer-test; nothing listens on the port). app://journeyscroll cannot be routed by Playwright;
 * the handler table is told to accept this origin (its `allowedOrigins`), exactly as the main
 * process tells it to accept app://journeyscroll — no bypass in the table itself. A loopback
 * address, not `*.localhost`: tldraw counts `*.localhost` as production and, with no license key,
 * takes the canvas away as soon as a second person is in the room; on loopback it runs as in
 * development (with its watermark), like the web edition's tests.
 */
export const ORIGIN = 'http://127.0.0.1:47913';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The handler table in a child process (support/handler-host.ts) on a SQLite file that outlives
 * it: `kill9()` and `start()` again, as the desktop app's main process could die and come back.
 * It records what it acknowledged: every update of every `doc.append` that answered ok, applied to
 * `acknowledged` (a Y.Doc), so a test can check that nothing acknowledged was lost.
 */
export class HandlerProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'journeyscroll-desktop-'));
  readonly file = join(this.dir, 'library.sqlite');
  readonly acknowledged = new Y.Doc();
  calls = 0;
  failures = 0;
  private child: ChildProcess | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending & { channel: string; args: unknown }>();

  /** `origin`: the page origin the handler table accepts (the dev server's for a development run). */
  readonly origin: string;
  constructor(origin: string = ORIGIN) {
    this.origin = origin;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [join(repo, 'tests/desktop/support/handler-host.ts'), this.file, this.dir, WEB_DIR, this.origin],
      {
        cwd: repo,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`handler host did not start: ${stderr}`)), 20_000);
      child.once('exit', (code) => reject(new Error(`handler host exited (${code}): ${stderr}`)));
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { ready?: boolean; id?: number; result?: unknown };
        if (message.ready) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const call = this.pending.get(message.id!);
        if (!call) return;
        this.pending.delete(message.id!);
        const result = fromWire(message.result) as { ok: boolean };
        if (result.ok && call.channel === 'doc.append') {
          for (const update of (call.args as { updates: Uint8Array[] }).updates) Y.applyUpdate(this.acknowledged, update);
        }
        call.resolve(result);
      });
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      for (const call of this.pending.values()) call.reject(new Error('the handler process exited'));
      this.pending.clear();
    });
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** One IPC call as the main process would receive it; rejects when the process is gone. */
  call(channel: string, sender: string, wireArgs: unknown): Promise<unknown> {
    this.calls++;
    const child = this.child;
    if (!child) {
      this.failures++;
      return Promise.reject(new Error('the handler process is not running'));
    }
    const id = this.nextId++;
    const args = fromWire(wireArgs);
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        channel,
        args,
        resolve,
        reject: (error) => {
          this.failures++;
          reject(error);
        },
      });
      child.stdin!.write(`${JSON.stringify({ id, channel, sender, args: toWire(args) })}\n`);
    });
  }

  /** The path the next file dialog returns (null: the person cancelled). */
  answer(path: string | null): void {
    this.child?.stdin!.write(`${JSON.stringify({ answer: path })}\n`);
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Graceful stop (stdin closed): the workshop stops, the library closes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * What the preload does, in the page: `window.journeyscrollDesktop` (read-only, as contextBridge
 * makes it) whose `invoke` goes through a Playwright binding to the handler process, plus
 * `__journeyscrollEmit(kind, value)` for the test to send what the main process would
 * (menu commands, ids to open).
 */
function bridgeScript() {
  const toWire = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { $bytes: btoa(binary) };
    }
    if (Array.isArray(value)) return value.map(toWire);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
    return value;
  };
  const fromWire = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fromWire);
    if (value && typeof value === 'object') {
      const bytes = (value as { $bytes?: unknown }).$bytes;
      if (typeof bytes === 'string') return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
    }
    return value;
  };
  const listeners: Record<string, Set<(value: string) => void>> = { command: new Set(), open: new Set() };
  const on = (kind: string) => (listener: (value: string) => void) => {
    listeners[kind]!.add(listener);
    return () => listeners[kind]!.delete(listener);
  };
  const w = window as unknown as { __journeyscrollInvoke(channel: string, args: unknown): Promise<unknown> };
  const bridge = Object.freeze({
    platform: 'linux',
    invoke: (channel: string, args?: unknown) => w.__journeyscrollInvoke(channel, toWire(args)).then(fromWire),
    onCommand: on('command'),
    onOpen: on('open'),
  });
  Object.defineProperty(window, 'journeyscrollDesktop', { value: bridge, writable: false, configurable: false, enumerable: true });
  Object.defineProperty(window, '__journeyscrollEmit', {
    value: (kind: string, value: string) => listeners[kind]?.forEach((l) => l(value)),
  });
}

/**
 * A browser context that shows the built desktop renderer at ORIGIN (with the app's CSP, as the
 * app:// protocol serves it) and whose bridge calls `handler`. The sender passed on is the calling
 * frame's URL, as `event.senderFrame.url` in the main process.
 */
export async function desktopContext(browser: Browser, handler: HandlerProcess): Promise<BrowserContext> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer-test is missing: run `npm run test:desktop` (tests/desktop/run.ts builds it)');
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  // What the app's permission handler grants its own origin (electron/main/security.ts): Local
  // Network Access, without which Chromium refuses the workshop server on 127.0.0.1 and the LAN.
  await context.grantPermissions(['local-network-access'], { origin: ORIGIN });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    let file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(RENDERER_DIR, 'index.html');
    await route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
  await context.exposeBinding('__journeyscrollInvoke', async (source, channel: string, args: unknown) =>
    toWire(await handler.call(channel, source.frame.url(), args)),
  );
  await context.addInitScript(bridgeScript);
  return context;
}

/**
 * A browser context for a development run (`npm start`): the renderer comes from the Vite dev
 * server at `origin` over plain http, every response carrying the app's CSP as the main process
 * adds it to everything its session receives (electron/main/index.ts), and the bridge calls
 * `handler`, whose table accepts `origin` as the main process's does (launch-config.ts).
 */
export async function devServerContext(browser: Browser, handler: HandlerProcess, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  await context.grantPermissions(['local-network-access'], { origin });
  await context.route(`${origin}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });
  await context.exposeBinding('__journeyscrollInvoke', async (source, channel: string, args: unknown) =>
    toWire(await handler.call(channel, source.frame.url(), args)),
  );
  await context.addInitScript(bridgeScript);
  return context;
}

export async function openApp(context: BrowserContext, hash = '#/', origin = ORIGIN): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.error(`[console ${message.type()}] ${message.text().slice(0, 500)}`);
  });
  page.on('requestfailed', (request) => console.error(`[request failed] ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(`${origin}/${hash}`);
  return page;
}

/** Sends what the main process would: a menu command, or an id to open. */
export const emit = (page: Page, kind: 'command' | 'open', value: string) =>
  page.evaluate(
    ([k, v]) => (window as unknown as { __journeyscrollEmit(kind: string, value: string): void }).__journeyscrollEmit(k!, v!),
    [kind, value],
  );

export async function statusText(page: Page): Promise<string> {
  return page.getByRole('status', { name: 'Connection' }).innerText();
}

/** New blueprint from the library's template gallery; resolves once the blueprint view is ready. */
export async function createFromTemplate(page: Page, templateId: string): Promise<string> {
  await page.getByRole('button', { name: `Create a blueprint from ${getTemplate(templateId)!.name}` }).click();
  await page.waitForFunction(
    () => Boolean((window as unknown as { journeyscroll?: { session?: unknown } }).journeyscroll?.session),
    undefined,
    { timeout: 30_000 },
  );
  return decodeURIComponent(new URL(page.url()).hash.replace('#/b/', ''));
}
