import {
  BRIDGE_GLOBAL,
  type Channel,
  type ChannelArgs,
  type ChannelResults,
  type DesktopBridge,
  type IpcErrorCode,
} from '../../shared/desktop/contract.ts';

/** A refusal from the main process, with the message to show as it is. */
export class DesktopError extends Error {
  override name = 'DesktopError';
  readonly code: IpcErrorCode | 'unreachable';
  constructor(code: DesktopError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export type DesktopCall = <C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelArgs<C> ? [ChannelArgs<C>?] : [ChannelArgs<C>]
) => Promise<ChannelResults[C]>;

/**
 * The preload's bridge (`window.journeyscrollDesktop`) as typed calls: the envelope unwrapped into a
 * value or a DesktopError. A call that does not arrive at all (the main process is gone) is a
 * DesktopError 'unreachable', which callers that must not lose data retry.
 */
export function desktopCall(bridge: DesktopBridge): DesktopCall {
  return (async (channel: Channel, args?: unknown) => {
    let result;
    try {
      result = await bridge.invoke(channel, args);
    } catch (error) {
      throw new DesktopError(
        'unreachable',
        `JourneyScroll could not reach its storage (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (!result.ok) throw new DesktopError(result.error.code, result.error.message);
    return result.value;
  }) as DesktopCall;
}

/** The bridge, when this page runs in the desktop app. */
export function findBridge(): DesktopBridge | null {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
  return bridge && typeof (bridge as DesktopBridge).invoke === 'function' ? (bridge as DesktopBridge) : null;
}
