/**
 * The Electron main process: windows, menus, the app:// protocol, security policy. Thin by design
 * (docs/architecture.md §5): every decision lives in a tested module beside this file; this file wires them to
 * Electron. It runs only under the real Electron binary.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { basename, join } from 'node:path';
import { isAppCommandId, type AppCommandId } from '../../shared/commands.ts';
import { CHANNELS, ipcChannelOf } from '../../shared/desktop/contract.ts';
import { PUSH_CHANNELS } from '../../shared/desktop/channels.ts';
import {
  createHandlers,
  createWorkshop,
  importJourneyFile,
  lanAddressesOf,
  openAppLink,
  openLibrary,
  type Dialogs,
  type LinkQuestion,
  type Handlers,
  type Library,
  type Workshop,
} from '../ipc/index.ts';
import { resolveAppRequest } from './app-protocol.ts';
import { isOpenable, launchConfig, LINK_SCHEME } from './launch-config.ts';
import { buildMenuTemplate } from './menu.ts';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedNavigation, isAllowedPermission, isVettedExternalUrl } from './security.ts';
import { MIN_HEIGHT, MIN_WIDTH, restoreWindowState, type WindowState } from './window-state.ts';

const here = import.meta.dirname;
const rendererRoot = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
/**
 * The dev server (`npm start` = electron-vite dev) and another user-data folder in development
 * runs; neither when packaged (launch-config.ts).
 */
const launch = launchConfig({ isPackaged: app.isPackaged, env: process.env, argv: process.argv });
for (const line of launch.ignored) console.warn(line);
const devServerOrigin = launch.devServerOrigin;
/** The web edition workshop participants load (out/web; packaged as the `web` resource). */
const webEditionDir = app.isPackaged ? join(process.resourcesPath, 'web') : join(here, '../web');

let library: Library | null = null;
let workshop: Workshop | null = null;
/** Links and files given before the window could take them (a cold start from a link or a file). */
const pendingOpen: string[] = [];

// A separate user-data folder in a development run (tests, a throwaway library): before anything reads it.
if (launch.userDataDir) app.setPath('userData', launch.userDataDir);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    for (const arg of argv.slice(1)) void openFromOutside(arg);
  });
  // macOS: links and files arrive as events, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    void openFromOutside(url);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openFromOutside(path);
  });
  // Windows and Linux: a link or a .journey file is an argument of the first launch.
  pendingOpen.push(...launch.openArgs);
  void app.whenReady().then(start);
}

/**
 * A journeyscroll:// link joins (or finds) the shared blueprint in the library; a .journey file is
 * imported into it. Answers the library id, or null after telling the person what went wrong.
 */
async function libraryIdOf(arg: string): Promise<string | null> {
  if (!library) return null;
  try {
    let id: string;
    if (arg.startsWith(`${LINK_SCHEME}://`)) {
      // A link may come from anyone: a new server, or a lower role, is asked about first (app-link.ts).
      const { entry } = await openAppLink(library, arg, askAboutLink);
      if (!entry) return null;
      id = entry.id;
    } else {
      id = (await importJourneyFile(library, arg)).id;
    }
    refreshMenu();
    return id;
  } catch (error) {
    dialog.showErrorBox(
      `JourneyScroll could not open ${basename(arg).slice(0, 80)}`,
      error instanceof Error ? error.message : String(error),
    );
    return null;
  }
}

/** The question a link raises, as a native message box on the window (none yet on a cold start). */
async function askAboutLink(question: LinkQuestion): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: 'JourneyScroll',
    message: question.message,
    detail: question.detail,
    buttons: [question.confirm, question.cancel],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return result.response === 0;
}

/** A link or file given while the app runs: the window opens that blueprint. */
async function openFromOutside(arg: string): Promise<void> {
  if (!isOpenable(arg)) return;
  const window = BrowserWindow.getAllWindows()[0];
  if (!library || !window) {
    pendingOpen.push(arg);
    return;
  }
  const id = await libraryIdOf(arg);
  if (id) window.webContents.send(PUSH_CHANNELS.open, id);
}

/** The IPC handler table (electron/ipc) on the library in the user-data folder. */
function startHandlers(): Handlers {
  const userData = app.getPath('userData');
  library = openLibrary(join(userData, 'library.sqlite'));
  workshop = createWorkshop({
    dataDir: join(userData, 'workshop'),
    webDir: webEditionDir,
    lanAddresses: () => lanAddressesOf(networkInterfaces()),
  });
  const owner = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const journeyFilter = { name: 'JourneyScroll blueprint', extensions: ['journey'] };
  const dialogs: Dialogs = {
    async openJourney() {
      const window = owner();
      const options = { properties: ['openFile' as const], filters: [journeyFilter] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(defaultName) {
      const extension = /\.([A-Za-z0-9]{1,8})$/.exec(defaultName)?.[1];
      const filters =
        extension === 'journey' ? [journeyFilter] : extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [];
      // Linux's GTK dialog asks before replacing only when told to; macOS and Windows always ask.
      const options = {
        defaultPath: join(app.getPath('documents'), defaultName),
        filters,
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const window = owner();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async confirmOverwrite(path) {
      const options = {
        type: 'warning' as const,
        title: 'JourneyScroll',
        message: `“${basename(path)}” already exists. Replace it?`,
        detail: `${path}\n\nReplacing it overwrites what is in it now.`,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const window = owner();
      const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
  };
  return createHandlers({
    library,
    workshop,
    dialogs,
    allowedOrigins: launch.allowedOrigins,
    onLibraryChange: () => refreshMenu(),
    onInternalError: (channel, error) => console.error(`IPC ${channel} failed`, error),
  });
}

async function start(): Promise<void> {
  nativeTheme.themeSource = 'system';
  const handlers = startHandlers();
  for (const channel of CHANNELS) {
    // The sender frame's URL is checked by the table (the app's origin only); `senderFrame` is
    // null when the frame is gone, which the table refuses as a foreign sender.
    ipcMain.handle(ipcChannelOf(channel), (event, args: unknown) => handlers.invoke(channel, event.senderFrame?.url, args));
  }
  if (!app.isDefaultProtocolClient(LINK_SCHEME)) app.setAsDefaultProtocolClient(LINK_SCHEME);

  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(rendererRoot, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      const body = await readFile(resolved.file);
      return new Response(body, {
        headers: {
          'content-type': resolved.mimeType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  // The same policy on every response the session sees (the dev server's too); the literal is what
  // static analysis reads, and security-literals.test.ts keeps it equal to CONTENT_SECURITY_POLICY.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; media-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'",
        ],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowedPermission(permission, `${requestingOrigin}/`),
  );

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url) && !(devServerOrigin && url.startsWith(`${devServerOrigin}/`))) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url) && !(devServerOrigin && url.startsWith(`${devServerOrigin}/`))) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isVettedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  refreshMenu();
  // A cold start from a link or a file opens the window on that blueprint (its renderer could not
  // receive a message yet).
  let first: string | null = null;
  for (const arg of pendingOpen.splice(0)) if (isOpenable(arg)) first = (await libraryIdOf(arg)) ?? first;
  await openWindow(first);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Stop hosting (participants are told the server is going away) and close the library cleanly.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  void (workshop?.stop() ?? Promise.resolve())
    .catch((error: unknown) => console.error('stopping the workshop failed', error))
    .finally(() => {
      library?.close();
      app.quit();
    });
});

function sendCommand(command: AppCommandId): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (window && isAppCommandId(command)) window.webContents.send(PUSH_CHANNELS.command, command);
}

function refreshMenu(): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.getName(),
    recent: (library?.list() ?? [])
      .filter((entry) => entry.openedAt !== null)
      .sort((a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0))
      .map((entry) => ({ id: entry.id, title: entry.title })),
    isDev: !app.isPackaged,
    run: sendCommand,
    openRecent: (id) => (BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0])?.webContents.send(PUSH_CHANNELS.open, id),
    clearRecent: () => {
      library?.forgetOpened();
      refreshMenu();
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

async function openWindow(blueprintId: string | null = null): Promise<BrowserWindow> {
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
  const hash = blueprintId ? `#/b/${encodeURIComponent(blueprintId)}` : '';
  await window.loadURL(`${launch.rendererUrl}${hash}`);
  return window;
}

async function saveWindowState(window: BrowserWindow): Promise<void> {
  const bounds = window.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
  await mkdir(app.getPath('userData'), { recursive: true });
  await writeFile(windowStateFile(), JSON.stringify(state));
}
