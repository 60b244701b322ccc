import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { STORE_FILE } from '../../server/index.ts';
import { openPostgresStore, openStore } from '../../store/index.ts';

const help = `Usage: journeyscroll migrate --from DIR --to postgres://USER:PASS@HOST:PORT/DB

Moves every room of a data folder's SQLite store (DIR/${STORE_FILE}) into a PostgreSQL database,
so a cluster of servers (journeyscroll serve --postgres … --redis …) can serve them. Stop the
server on DIR first: the store is opened for this command alone.

Each room arrives as one snapshot of its whole state at its last seq, with its change log (who
changed what, when). The database's tables are created if needed. If any room already exists in
the database, nothing is written and the command fails: it never merges into a room. The SQLite
store is only read.`;

const migrate: CliCommand = {
  name: 'migrate',
  summary: 'Move a data folder’s SQLite store into PostgreSQL (for a cluster)',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' } });
    if (!values.from) throw new UsageError('missing --from DIR (the data folder)');
    if (!values.to) throw new UsageError('missing --to postgres://… (or DATABASE_URL)');
    if (!/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError('--to must be a postgres:// URL');
    const file = join(resolve(io.cwd, values.from), STORE_FILE);
    if (!existsSync(file)) throw new Error(`no store at ${file}`);
    const source = openStore(file, { exclusive: true });
    try {
      const target = await openPostgresStore(values.to);
      try {
        const rooms = source.listRooms();
        const taken: string[] = [];
        for (const room of rooms) if (await target.exists(room.name)) taken.push(room.name);
        taken.sort();
        if (taken.length > 0) {
          throw new Error(
            `${taken.length} room(s) already exist in the database (${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ', …' : ''}): nothing was written`,
          );
        }
        let bytes = 0;
        for (const room of rooms) {
          const loaded = source.loadDoc(room.name);
          const state = Y.encodeStateAsUpdate(loaded.doc);
          loaded.doc.destroy();
          bytes += state.byteLength;
          await target.importRoom({
            name: room.name,
            createdAt: room.createdAt,
            updatedAt: room.updatedAt,
            seq: room.seq,
            ...(room.seq > 0 ? { snapshot: { seq: room.seq, data: state } } : {}),
            updates: [],
            changes: source.listChanges(room.name),
          });
          io.stderr(`moved ${room.name} (seq ${room.seq}, ${state.byteLength} bytes)\n`);
        }
        io.stderr(`migrated ${rooms.length} room(s), ${bytes} bytes, to ${target.description}\n`);
        return 0;
      } finally {
        await target.close();
      }
    } finally {
      source.close();
    }
  },
};
export default migrate;
