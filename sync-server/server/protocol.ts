import * as encoding from 'lib0/encoding';
import { ProtocolError, WireReader } from './wire-reader.ts';

export { ProtocolError };

/**
 * The y-websocket wire protocol (y-protocols sync + awareness): `[messageType][payload]` with
 * lib0 variable-length integers. Decoding here is strict and bounds-checked against the frame
 * itself — lib0's own decoder trusts lengths and would read past a frame that is a view into a
 * larger (pooled) buffer — and every payload returned is a copy that owns its memory.
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { readonly kind: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step2'; readonly update: Uint8Array }
  | { readonly kind: 'sync-update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'query-awareness' };

/** Parses one client frame; throws ProtocolError for anything but a well-formed message. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  const reader = new WireReader(frame);
  const type = reader.varUint();
  let message: ClientMessage;
  switch (type) {
    case MessageType.sync: {
      const sub = reader.varUint();
      const payload = reader.varBytes();
      if (sub === SyncType.step1) message = { kind: 'sync-step1', stateVector: payload };
      else if (sub === SyncType.step2) message = { kind: 'sync-step2', update: payload };
      else if (sub === SyncType.update) message = { kind: 'sync-update', update: payload };
      else throw new ProtocolError(`unknown sync message type ${sub}`);
      break;
    }
    case MessageType.awareness:
      message = { kind: 'awareness', update: reader.varBytes() };
      break;
    case MessageType.queryAwareness:
      message = { kind: 'query-awareness' };
      break;
    default:
      throw new ProtocolError(`unsupported message type ${type}`);
  }
  reader.end();
  return message;
}

const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });

/**
 * y-protocols' auth message "permission denied" with a reason (y-websocket logs it; our app shows
 * it). `refused`, when given, follows the reason: which update was refused, by id only
 * (shared/governance/refused-update.ts), so the app can take it back. y-protocols reads the reason
 * and ignores what follows it, so any y-websocket client still understands the message.
 */
export const encodePermissionDenied = (reason: string, refused?: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
    if (refused) encoding.writeVarUint8Array(e, refused);
  });
