import { APP_ORIGIN } from './security.ts';

/**
 * What the main process takes from its environment at launch, decided in one plain function so the
 * rules are tested under Node (launch-config.test.ts) and the main process only applies them.
 *
 * Two environment variables exist for development only and are ignored when the app is packaged
 * (`app.isPackaged`), so that nothing outside the installed app can point it elsewhere:
 * - `ELECTRON_RENDERER_URL`: set by `electron-vite dev` (`npm start`), the dev server the window
 *   loads instead of app://journeyscroll. Taken only when it is plain http on a loopback host — the
 *   dev server electron-vite starts — since the handler table trusts calls from its origin.
 * - `JOURNEYSCROLL_USER_DATA`: another user-data folder (tests, a throwaway library while developing).
 */
export const DEVELOPMENT_ONLY_VARIABLES = ['ELECTRON_RENDERER_URL', 'JOURNEYSCROLL_USER_DATA'] as const;

export interface LaunchEnvironment {
  readonly isPackaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.argv: a packaged app's arguments start at 1, `electron .`'s at 2. */
  readonly argv: readonly string[];
}

export interface LaunchConfig {
  /** The URL the window loads (a blueprint is added as `#/b/<id>`). */
  readonly rendererUrl: string;
  /** The dev server's origin when the renderer comes from one, else null. */
  readonly devServerOrigin: string | null;
  /** Origins whose pages may call the IPC handlers: the app's own, plus the dev server's. */
  readonly allowedOrigins: readonly string[];
  /** A user-data folder to use instead of Electron's default, or null. */
  readonly userDataDir: string | null;
  /** Links and `.journey` files given on the command line (Windows, Linux). */
  readonly openArgs: readonly string[];
  /** Why a variable that was set is not used (logged once at start). */
  readonly ignored: readonly string[];
}

export const LINK_SCHEME = 'journeyscroll';

export function isOpenable(arg: string): boolean {
  return arg.startsWith(`${LINK_SCHEME}://`) || arg.toLowerCase().endsWith('.journey');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The dev server's origin, when `value` is a plain-http loopback URL; null otherwise. */
export function devServerOriginOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname) && !url.username && !url.password ? url.origin : null;
  } catch {
    return null;
  }
}

export function launchConfig({ isPackaged, env, argv }: LaunchEnvironment): LaunchConfig {
  const ignored: string[] = [];
  const openArgs = argv.slice(isPackaged ? 1 : 2).filter(isOpenable);
  if (isPackaged) {
    for (const name of DEVELOPMENT_ONLY_VARIABLES)
      if (env[name]) ignored.push(`${name} is ignored: it is for development runs, and this app is packaged`);
    return { rendererUrl: `${APP_ORIGIN}/`, devServerOrigin: null, allowedOrigins: [APP_ORIGIN], userDataDir: null, openArgs, ignored };
  }
  const rendererVariable = env.ELECTRON_RENDERER_URL;
  const devServerOrigin = devServerOriginOf(rendererVariable);
  if (rendererVariable && !devServerOrigin)
    ignored.push(`ELECTRON_RENDERER_URL is ignored: ${rendererVariable.slice(0, 100)} is not a plain-http loopback URL`);
  const userDataDir = env.JOURNEYSCROLL_USER_DATA || null;
  return {
    rendererUrl: devServerOrigin ? `${devServerOrigin}/` : `${APP_ORIGIN}/`,
    devServerOrigin,
    allowedOrigins: devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN],
    userDataDir,
    openArgs,
    ignored,
  };
}
