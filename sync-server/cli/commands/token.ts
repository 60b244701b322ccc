import { resolve } from 'node:path';
import { parseDuration } from '../../../shared/model/duration.ts';
import { ROLES, type Role } from '../../../shared/sync/contract.ts';
import { appendRevocation, REVOCATIONS_FILE } from '../../auth/revocations.ts';
import { newTokenId, signToken, TOKEN_ID_PATTERN } from '../../auth/token.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';

const help = `Usage: journeyscroll token --room ROOM [--role ROLE] [--team TEAM] [--name NAME] [--ttl 8h]
       journeyscroll token --revoke ID [--data DIR | --revocations FILE]

Prints an access token for the sync server, signed with JOURNEYSCROLL_SECRET (HS256 JWT), and
its id on stderr. Give the token to a client as ?token=… on ws://HOST:PORT/sync/ROOM.

Options:
  --room ROOM         the room it opens, or * for every room (required)
  --role ROLE         viewer, commenter, editor (default) or approver. A viewer sees everything
                      and shows its cursor, but the server drops every document change it sends;
                      a commenter may add comments only; an editor edits; an approver also sets
                      the status to approved or retired (docs/governance.md)
  --team TEAM         an editor of this team only: it may change only the cards in lanes its
                      team owns and the cards its team owns (and comment everywhere)
  --name NAME         the person's name, shown in history and comments
  --ttl TTL           how long it is valid: 90m, 8h, 1d12h, 2w… (default 8h); a connection
                      using it is closed when it expires

  --revoke ID         revoke the token with this id: the server refuses it from now on and, within
                      5 s, closes the connections using it (no secret needed)
  --data DIR          the server's data folder, whose revoked-tokens file is written
                      (JOURNEYSCROLL_DATA; default ./journeyscroll-data)
  --revocations FILE  write this revocation file instead (the server's --revocations)

The secret is read from the environment only, never from the command line.
`;

function revocationsFile(values: { data?: string | undefined; revocations?: string | undefined }, io: CliIo): string {
  if (values.revocations) return resolve(io.cwd, values.revocations);
  return resolve(io.cwd, values.data ?? io.env.JOURNEYSCROLL_DATA ?? 'journeyscroll-data', REVOCATIONS_FILE);
}

const token: CliCommand = {
  name: 'token',
  summary: 'Mint an access token (room, role, expiry, id) for the sync server, or revoke one',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      room: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      revoke: { type: 'string' },
      data: { type: 'string' },
      revocations: { type: 'string' },
    });
    if (values.revoke !== undefined) {
      if (values.room || values.role || values.ttl) throw new UsageError('--revoke takes no --room, --role or --ttl');
      if (!TOKEN_ID_PATTERN.test(values.revoke)) throw new UsageError(`"${values.revoke}" is not a token id (8-64 of A-Z a-z 0-9 _ -)`);
      const file = revocationsFile(values, io);
      appendRevocation(file, values.revoke);
      io.stderr(`revoked ${values.revoke} (${file})\n`);
      return 0;
    }
    if (values.data || values.revocations) throw new UsageError('--data and --revocations go with --revoke');
    const secret = io.env.JOURNEYSCROLL_SECRET;
    if (!secret) throw new UsageError('set JOURNEYSCROLL_SECRET (the secret the server runs with)');
    if (!values.room) throw new UsageError('--room is required (a room name, or * for every room)');
    const role = (values.role ?? 'editor') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}"`);
    if (values.team !== undefined && role !== 'editor') throw new UsageError('--team scopes an editor: use it with --role editor');
    let ttlMs: number;
    try {
      ttlMs = parseDuration(values.ttl ?? '8h');
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (ttlMs <= 0) throw new UsageError('--ttl must be longer than 0s');
    const id = newTokenId();
    let signed: string;
    try {
      signed = await signToken({ room: values.room, role, ttlMs, id, team: values.team, name: values.name }, secret);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    io.stdout(`${signed}\n`);
    io.stderr(`token id ${id} (journeyscroll token --revoke ${id} ends it)\n`);
    return 0;
  },
};
export default token;
