import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** The test build of the web edition (with the test hook; tests/support/web-build.ts builds it). */
export const WEB_DIR = join(repo, 'out/web-test');

/**
 * A real `journeyscroll serve` process serving the built web edition (its test build, out/web-test) and syncing rooms
 * in a temporary data folder. `stop()` and `start()` again keep the port and the data, so a test
 * can take the server down and bring the same one back.
 */
export class ServeProcess {
  port = 0;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'journeyscroll-e2e-'));
  private child: ChildProcess | null = null;
  readonly secret: string | undefined;

  constructor(options: { secret?: string } = {}) {
    this.secret = options.secret;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        join(repo, 'bin/journeyscroll.js'),
        'serve',
        '--port',
        String(this.port),
        '--data',
        this.dataDir,
        '--static',
        WEB_DIR,
        '--log-level',
        'info',
      ],
      {
        cwd: repo,
        env: { ...process.env, ...(this.secret ? { JOURNEYSCROLL_SECRET: this.secret } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString();
        for (const line of buffer.split('\n')) {
          try {
            const entry = JSON.parse(line) as { msg?: string; port?: number };
            if (entry.msg === 'listening' && entry.port) {
              clearTimeout(timer);
              resolve(entry.port);
            }
          } catch {
            /* partial line */
          }
        }
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.origin}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.split(' ').pop()) : 0;
  }
}
