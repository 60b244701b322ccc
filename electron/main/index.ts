/**
 * The Electron main process: windows, menus, the app:// protocol, security policy. Thin by design
 * (DESIGN.md §5): every decision lives in a tested module beside this file; this file wires them to
 * Electron. It runs only under the real Electron binary.
 */
import { app, BrowserWindow, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppCommandId, type AppCommandId } from '../../shared/commands.ts';
import { resolveAppRequest } from './app-protocol.ts';
import { buildMenuTemplate } from './menu.ts';
import {
  APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedNavigation, isAllowedPermission, isVettedExternalUrl,
} from './security.ts';
import { MIN_HEIGHT, MIN_WIDTH, restoreWindowState, type WindowState } from './window-state.ts';

const here = import.meta.dirname;
const rendererRoot = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
/** Set by electron-vite in development: the renderer comes from its dev server. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const LINK_SCHEME = 'journeyscroll';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const link = argv.find((arg) => arg.startsWith(`${LINK_SCHEME}://`));
    const window = BrowserWindow.getAllWindows()[0];
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
      if (link) openLink(window, link);
    }
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const window = BrowserWindow.getAllWindows()[0];
    if (window) openLink(window, url);
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  nativeTheme.themeSource = 'system';
  if (!app.isDefaultProtocolClient(LINK_SCHEME)) app.setAsDefaultProtocolClient(LINK_SCHEME);

  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(rendererRoot, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      const body = await readFile(resolved.file);
      return new Response(body, { headers: { 'content-type': resolved.mimeType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  // The same policy on every response the session sees (the dev server's too); the literal is what
  // static analysis reads, and security-literals.test.ts keeps it equal to CONTENT_SECURITY_POLICY.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; media-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'"] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isAllowedPermission(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, `${requestingOrigin}/`));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url) && !(devServerUrl && url.startsWith(devServerUrl))) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url) && !(devServerUrl && url.startsWith(devServerUrl))) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isVettedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  refreshMenu();
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function sendCommand(command: AppCommandId): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (window && isAppCommandId(command)) window.webContents.send('journeyscroll:command', command);
}

function refreshMenu(): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.getName(),
    recent: [],
    isDev: !app.isPackaged,
    run: sendCommand,
    openRecent: (id) => BrowserWindow.getFocusedWindow()?.webContents.send('journeyscroll:open', id),
    clearRecent: () => refreshMenu(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

async function openWindow(): Promise<BrowserWindow> {
  const saved = await readFile(windowStateFile(), 'utf8').then(JSON.parse, () => null);
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const state = restoreWindowState(saved, displays, screen.getPrimaryDisplay().workArea);
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'JourneyScroll',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1d1d1f' : '#f7f7f8',
    // The checklist values, written out so static analysis (electronegativity) sees them;
    // security-literals.test.ts keeps them equal to secureWebPreferences().
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  if (state.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => void saveWindowState(window));
  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/`);
  return window;
}

async function saveWindowState(window: BrowserWindow): Promise<void> {
  const bounds = window.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
  await mkdir(app.getPath('userData'), { recursive: true });
  await writeFile(windowStateFile(), JSON.stringify(state));
}

/** `journeyscroll://b/<room>?server=…&token=…` opens that shared blueprint in the app. */
function openLink(window: BrowserWindow, link: string): void {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return;
  }
  if (url.protocol !== `${LINK_SCHEME}:`) return;
  window.webContents.send('journeyscroll:link', url.toString());
}
