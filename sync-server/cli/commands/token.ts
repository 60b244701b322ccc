import { parseDuration } from '../../../shared/model/duration.ts';
import { ROLES, type Role } from '../../../shared/sync/contract.ts';
import { signToken } from '../../auth/token.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';

const help = `Usage: journeyscroll token --room ROOM [--role ROLE] [--team TEAM] [--name NAME] [--ttl 8h]

Prints an access token for the sync server, signed with JOURNEYSCROLL_SECRET (HS256 JWT).
Give it to a client as ?token=… on ws://HOST:PORT/sync/ROOM.

Options:
  --room ROOM   the room it opens, or * for every room (required)
  --role ROLE   viewer, commenter, editor (default) or approver. A viewer sees everything and
                shows its cursor, but the server drops every document change it sends; a
                commenter may add comments only; an editor edits; an approver also sets the
                status to approved or retired
  --team TEAM   an editor of this team only: it may change only the cards in lanes its team
                owns and the cards its team owns (and comment everywhere)
  --name NAME   the person's name, shown in history and comments
  --ttl TTL     how long it is valid: 90m, 8h, 1d12h, 2w… (default 8h)

The secret is read from the environment only, never from the command line.
`;

const token: CliCommand = {
  name: 'token',
  summary: 'Mint an access token (room, role, expiry) for the sync server',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      room: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
    });
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
    try {
      io.stdout(`${signToken({ room: values.room, role, ttlMs, team: values.team, name: values.name }, secret)}\n`);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return 0;
  },
};
export default token;
