import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.js';
import { DATA_FILE, errorCode } from './database.js';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * The data directory, readable by its owner only: it holds names and work emails (the queue, the
 * dead letters), the webhook secrets and the admin token. Created 0700, and forced to 0700 when it
 * already exists with another mode; every file in it forced to 0600. The data file is created here,
 * empty and 0600, before SQLite opens it: SQLite creates its `-wal` and `-shm` files with the mode
 * of the database file (https://www.sqlite.org/src/file?name=src/os_unix.c, findCreateFileMode), so
 * they are 0600 too.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
    chmodSync(dataDir, PRIVATE_DIR);
    closeSync(openSync(join(dataDir, DATA_FILE), 'a', PRIVATE_FILE));
    restrictFiles(dataDir);
  } catch (error) {
    throw new ConfigError(
      `data: cannot make ${dataDir} private to this user (${errorCode(error)}); it must be a directory this user owns`,
    );
  }
}

/**
 * Every regular file in the directory to 0600, whoever wrote it and with whatever umask; links are
 * left alone (never followed out of the directory).
 */
function restrictFiles(dataDir: string): void {
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), PRIVATE_FILE);
  }
}
