import type { Logger } from './logger.ts';

/**
 * The last line of defence of `journeyscroll serve`: an error that escaped every handler (a bug, or
 * a library throwing from a timer) is logged and the server keeps serving everyone else, instead
 * of the process exiting and taking every room down with it. Each connection's own handlers
 * already close just that connection on failure (connection.ts); this only catches what is left.
 *
 * Returns a function that removes the guard. The desktop app, which embeds the server in its main
 * process, keeps its own process policy and does not install this.
 */
export function guardProcess(logger: Logger): () => void {
  const onException = (error: unknown) => logger.error('uncaught exception; the server keeps serving', { error });
  const onRejection = (error: unknown) => logger.error('unhandled promise rejection; the server keeps serving', { error });
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
