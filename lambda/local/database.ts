import Database from 'better-sqlite3';
import { ConfigError } from '../config/load.js';

export type LocalDatabase = Database.Database;

/** The data file's name in the data directory (`.hr-sync/` or `HR_SYNC_DATA_DIR`). */
export const DATA_FILE = 'hr-sync.db';

/**
 * The layout this build writes; a data file from a newer build is refused rather than misread (2 added
 * the applied table's employment times: an older build would ignore them and let a leaver's role back;
 * 3 added `user_email` and made `expires_at` optional, NULL for a leaver's row that must never expire,
 * which an older build would purge).
 */
const SCHEMA_VERSION = 3;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    attributes TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    visible_at INTEGER NOT NULL,
    held INTEGER NOT NULL DEFAULT 0,
    receive_count INTEGER NOT NULL DEFAULT 0,
    first_received_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages (visible_at, seq);
  CREATE TABLE IF NOT EXISTS dead_letters (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    attributes TEXT NOT NULL,
    dead_lettered_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS applied (
    employee_key TEXT PRIMARY KEY,
    user_id INTEGER,
    fields TEXT NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    expires_at INTEGER,
    terminated_at INTEGER,
    returned_at INTEGER,
    user_email TEXT
  );
  CREATE TABLE IF NOT EXISTS deliveries (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS deliveries_by_expiry ON deliveries (expires_at);
  CREATE TABLE IF NOT EXISTS access_review (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    report TEXT NOT NULL
  );
`;

/** Columns added since version 1, for a data file an older build created. */
const ADDED_COLUMNS = {
  applied: ['terminated_at INTEGER', 'returned_at INTEGER', 'user_email TEXT'],
} as const;

const APPLIED_COLUMNS =
  'employee_key, user_id, fields, lease_owner, lease_until, expires_at, terminated_at, returned_at, user_email';

/**
 * Before version 3 `applied.expires_at` was NOT NULL, which SQLite cannot alter: the table is copied
 * into one of the current layout (https://www.sqlite.org/lang_altertable.html#otheralter).
 */
function relaxAppliedExpiry(db: LocalDatabase) {
  const columns = db
    .prepare(`SELECT name, "notnull" AS required FROM pragma_table_info('applied')`)
    .all() as {
    name: string;
    required: number;
  }[];
  if (!columns.some((column) => column.name === 'expires_at' && column.required === 1)) return;
  const table = SCHEMA.slice(SCHEMA.indexOf('CREATE TABLE IF NOT EXISTS applied ('));
  const create = table.slice(0, table.indexOf(');') + 2).replace('IF NOT EXISTS applied', 'applied_v3');
  db.transaction(() => {
    db.exec(create);
    db.exec(`INSERT INTO applied_v3 (${APPLIED_COLUMNS}) SELECT ${APPLIED_COLUMNS} FROM applied`);
    db.exec('DROP TABLE applied');
    db.exec('ALTER TABLE applied_v3 RENAME TO applied');
    // Leavers recorded before version 3 must not be purged either (lambda/core/applied.ts `isLeaver`).
    db.exec(
      'UPDATE applied SET expires_at = NULL WHERE terminated_at IS NOT NULL AND (returned_at IS NULL OR terminated_at > returned_at)',
    );
  })();
}

function addMissingColumns(db: LocalDatabase) {
  for (const [table, columns] of Object.entries(ADDED_COLUMNS)) {
    const present = new Set(
      (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(
        (column) => column.name,
      ),
    );
    for (const column of columns) {
      const [name] = column.split(' ');
      if (!present.has(name ?? '')) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
    }
  }
}

/**
 * The local host's one data file: the queue, the dead-letter queue, the applied state and the
 * deliveries accepted (lambda/local/delivery-memory.ts). WAL with `synchronous = FULL` makes every
 * commit durable before it returns (the WAL is fsynced on commit), so a change the receiver answered
 * 202 for survives a SIGKILL or a power cut, as it would in SQS.
 */
export function openDatabase(file: string): LocalDatabase {
  let db: LocalDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ConfigError(`data: cannot open ${file} (${errorCode(error)})`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A CLI reading the same file while the host writes waits for the lock instead of failing.
    db.pragma('busy_timeout = 5000');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new ConfigError(
        `data: ${file} was written by a newer version of hr-sync (schema ${version}, this one reads ${SCHEMA_VERSION})`,
      );
    }
    db.exec(SCHEMA);
    addMissingColumns(db);
    relaxAppliedExpiry(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`data: cannot prepare ${file} (${errorCode(error)})`);
  }
}

/** SQLite's error code (`SQLITE_BUSY`, `SQLITE_CORRUPT`…) or the system's; never a message with data. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'error';
}
