import type { IpcErrorCode, IpcFailure } from '../../shared/desktop/contract.ts';

/** A refusal the renderer shows as it is: a code for programs, a message for people. */
export class IpcError extends Error {
  override name = 'IpcError';
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Any error as the renderer may see it. Our own refusals keep their words; anything unexpected
 * (a bug, a disk error) is named without leaking a stack, and logged by the caller.
 */
export function toFailure(error: unknown): IpcFailure {
  if (error instanceof IpcError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const io =
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^E[A-Z]+$/.test((error as { code: string }).code);
  return io
    ? { code: 'io', message: `The file could not be read or written (${message}).` }
    : { code: 'internal', message: `Something went wrong in JourneyScroll: ${message}` };
}
