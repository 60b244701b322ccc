/**
 * The desktop app's IPC handlers (docs/architecture.md §5): plain functions, no `electron` import, tested
 * under Node. electron/main wires each channel to `invoke`, passing the sender frame's URL.
 */
export { createHandlers, importJourneyFile, type Dialogs, type HandlerContext, type Handlers } from './handlers.ts';
export { openAppLink, accessOf, type AskAboutLink, type LinkOutcome, type LinkQuestion } from './app-link.ts';
export { openLibrary, INDEX_ROOM, type Library, type LibraryOptions } from './library.ts';
export { createWorkshop, lanAddressesOf, DEFAULT_WORKSHOP_PORT, type Workshop, type WorkshopOptions } from './workshop.ts';
export { IpcError, toFailure } from './errors.ts';
export { isAllowedSender, originOf } from './sender.ts';
