import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appLink, type WorkshopInvite, type WorkshopRoleInvite, type WorkshopStatus } from '../../shared/desktop/contract.ts';
import type { Role } from '../../shared/sync/contract.ts';
import { signToken } from '../../sync-server/auth/token.ts';
import { startServer, silentLogger, type Logger, type RunningServer } from '../../sync-server/server/index.ts';
import { IpcError } from './errors.ts';

/**
 * Host a workshop (docs/architecture.md §5): the sync server (sync-server/server, the same code as
 * `journeyscroll serve`) started inside the app, listening on the LAN with a secret generated for
 * this session, serving the web edition so participants join from a browser with no install.
 * It keeps its own store (a folder in the user data), apart from the library: the host's window
 * syncs the blueprint into it like any participant, and keeps its local copy as always.
 */
export interface WorkshopOptions {
  /** Folder of the workshop server's store. */
  readonly dataDir: string;
  /** The built web edition (out/web, packaged as a resource); null or missing: no web links. */
  readonly webDir: string | null;
  /** This machine's addresses others can reach (LAN IPv4s); the main process reads them from os. */
  readonly lanAddresses: () => readonly string[];
  /** Interface listened on when a request names none (default every interface: the LAN). */
  readonly defaultHost?: string;
  /** How long the invitation tokens last (default 24 h). */
  readonly ttlMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface Workshop {
  start(request: { id: string; port?: number | undefined; host?: string | undefined }): Promise<WorkshopStatus>;
  stop(): Promise<boolean>;
  status(): WorkshopStatus;
  /** Links for one role (and an editor's team), with the person's name, in the running workshop. */
  invite(request: { role: Role; team?: string | undefined; name?: string | undefined }): Promise<WorkshopRoleInvite>;
}

interface Running {
  readonly id: string;
  readonly server: RunningServer;
  readonly secret: string;
  readonly status: WorkshopStatus & { running: true };
  readonly issued: number;
  readonly webDir: string | null;
  readonly addresses: readonly string[];
}

export const DEFAULT_WORKSHOP_PORT = 4321;

const hostInUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function createWorkshop(options: WorkshopOptions): Workshop {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  let running: Running | null = null;
  let starting: Promise<WorkshopStatus> | null = null;

  async function start(request: { id: string; port?: number | undefined; host?: string | undefined }): Promise<WorkshopStatus> {
    if (running) {
      if (running.id === request.id) return running.status;
      throw new IpcError('workshop', 'A workshop is already being hosted for another blueprint. Stop it first.');
    }
    const host = request.host ?? options.defaultHost ?? '0.0.0.0';
    const secret = randomBytes(32).toString('base64url');
    const webDir = options.webDir && existsSync(join(options.webDir, 'index.html')) ? options.webDir : null;
    let server: RunningServer;
    try {
      server = await startServer({
        host,
        port: request.port ?? DEFAULT_WORKSHOP_PORT,
        dataDir: options.dataDir,
        secret,
        ...(webDir ? { staticDir: webDir } : {}),
        logger: options.logger ?? silentLogger,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why =
        code === 'EADDRINUSE'
          ? `port ${request.port ?? DEFAULT_WORKSHOP_PORT} is already in use — choose another port`
          : code === 'EACCES'
            ? `this app may not listen on port ${request.port}`
            : error instanceof Error
              ? error.message
              : String(error);
      throw new IpcError('workshop', `The workshop server could not start: ${why}.`);
    }
    const issued = now();
    const editorToken = await signToken({ room: request.id, role: 'editor', ttlMs }, secret, issued);
    const viewerToken = await signToken({ room: request.id, role: 'viewer', ttlMs }, secret, issued);
    // The host's own window: the blueprint is theirs, with every role (approving included).
    const ownerToken = await signToken({ room: request.id, role: 'approver', name: 'Host', ttlMs }, secret, issued);
    const wildcard = host === '0.0.0.0' || host === '::';
    const addresses = wildcard ? [...options.lanAddresses()] : [host];
    const invites: WorkshopInvite[] = addresses.map((address) => {
      const base = `http://${hostInUrl(address)}:${server.port}`;
      const web = (token: string) => (webDir ? `${base}/b/${encodeURIComponent(request.id)}?token=${token}` : null);
      const sync = `ws://${hostInUrl(address)}:${server.port}/sync`;
      return {
        address,
        webEditor: web(editorToken),
        webViewer: web(viewerToken),
        appEditor: appLink({ server: sync, room: request.id, token: editorToken }),
        appViewer: appLink({ server: sync, room: request.id, token: viewerToken }),
      };
    });
    const localHost = wildcard ? (host === '::' ? '[::1]' : '127.0.0.1') : hostInUrl(host);
    const status = {
      running: true as const,
      id: request.id,
      port: server.port,
      host,
      local: { server: `ws://${localHost}:${server.port}/sync`, token: ownerToken },
      editorToken,
      viewerToken,
      expiresAt: issued + ttlMs,
      invites,
      webNote: webDir
        ? null
        : 'The web edition is not part of this build, so only people with the desktop app can join (journeyscroll:// links).',
    };
    running = { id: request.id, server, secret, status, issued, webDir, addresses };
    return status;
  }

  async function invite(request: { role: Role; team?: string | undefined; name?: string | undefined }): Promise<WorkshopRoleInvite> {
    const current = running;
    if (!current) throw new IpcError('workshop', 'No workshop is being hosted: start hosting first.');
    if (request.team && request.role !== 'editor') throw new IpcError('bad-arguments', 'Only an editor is scoped to a team.');
    const { id, port } = current.status;
    // Valid as long as the workshop's other links (they all end together).
    const ttl = Math.max(1000, current.issued + ttlMs - now());
    const token = await signToken({ room: id, role: request.role, team: request.team, name: request.name, ttlMs: ttl }, current.secret);
    return {
      role: request.role,
      team: request.team ?? null,
      token,
      links: current.addresses.map((address) => {
        const base = `http://${hostInUrl(address)}:${port}`;
        return {
          address,
          web: current.webDir ? `${base}/b/${encodeURIComponent(id)}?token=${token}` : null,
          app: appLink({ server: `ws://${hostInUrl(address)}:${port}/sync`, room: id, token }),
        };
      }),
    };
  }

  return {
    async start(request) {
      // Two clicks on "Start" start one server.
      if (starting) await starting.catch(() => undefined);
      starting = start(request);
      try {
        return await starting;
      } finally {
        starting = null;
      }
    },
    async stop() {
      const current = running;
      if (!current) return false;
      running = null;
      await current.server.close();
      return true;
    },
    status: () => running?.status ?? { running: false },
    invite,
  };
}

/** This machine's IPv4 addresses on its networks (not loopback), from `os.networkInterfaces()`. */
export function lanAddressesOf(interfaces: NodeJS.Dict<Array<{ address: string; family: string | number; internal: boolean }>>): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const nic of list ?? []) {
      if (!nic.internal && (nic.family === 'IPv4' || nic.family === 4)) found.push(nic.address);
    }
  }
  return found;
}
