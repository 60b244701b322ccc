/**
 * The sync server's wire contract (README "Sync server", docs/security.md) as constants both sides can import: the room-name
 * rule of `ws://HOST:PORT/sync/<room>` and the close codes a client may receive with their meaning.
 *
 * y-websocket's WebsocketProvider stops reconnecting on 4400–4499 (a deliberate refusal that
 * reconnecting cannot fix) and retries on every other code.
 */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const SYNC_PATH_PREFIX = '/sync/';

/** `GET /history/<room>`: the room's change log as JSON (sync-server/server/history-endpoint.ts). */
export const HISTORY_PATH_PREFIX = '/history/';

export const CloseCode = {
  /** The server is shutting down (SIGTERM) or unloading: reconnect later. */
  goingAway: 1001,
  /** A text frame: the protocol is binary. */
  unsupportedData: 1003,
  /** A frame that is not a well-formed y-websocket message (or carries a malformed update). */
  malformed: 1007,
  /** Too many messages or bytes per second on this connection. */
  rateLimited: 1008,
  /** A frame larger than the maximum message size. */
  messageTooBig: 1009,
  /** The server could not commit to storage: nothing of the failed batch was relayed; reconnect. */
  internalError: 1011,
  /** The client does not read fast enough (its send buffer passed the limit): reconnect. */
  tryAgainLater: 1013,
  /** The room name in the path breaks ROOM_NAME_PATTERN. */
  invalidRoom: 4400,
  /** No token, a malformed or forged token, an expired or revoked one (also mid-connection). */
  unauthorized: 4401,
  /** A valid token for another room, a non-loopback client of a server without secret or --open, or
   *  (without a secret) a browser page of another origin. */
  forbidden: 4403,
  /** The document would grow past the maximum document size. */
  documentTooLarge: 4413,
  /** A cluster node could not reach PostgreSQL: the edit was not stored (nor relayed); the client
   *  keeps it and sends it again when it reconnects. Also when a room cannot be loaded for that reason. */
  storageUnavailable: 4502,
  /** The server holds its maximum number of connections (`--max-connections`): try again later. */
  serverFull: 4503,
  /** The data folder holds its maximum stored bytes (`--max-stored-bytes`): the write was not taken. */
  storageFull: 4507,
  /** Too many connections from this address (`--max-connections-per-address`): try again later. */
  tooManyFromAddress: 4529,
  /** Too many new rooms opened from this address in the last minute (`--max-new-rooms-per-minute`). */
  tooManyNewRooms: 4530,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Roles, least to most (shared/governance/write-policy.ts says what each may change): a viewer
 * sees everything and shows its cursor; a commenter also comments; an editor edits (everything, or
 * with a `team` claim only its team's cards); an approver also approves and retires.
 */
export const ROLES = ['viewer', 'commenter', 'editor', 'approver'] as const;
export type Role = (typeof ROLES)[number];
