/** Picks the outbox store: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import { join } from 'node:path';
import type { RelayConfig } from '../config.js';
import { cipherFromConfig } from '../crypto.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './types.js';

export * from './types.js';
export { SqliteStore } from './sqlite.js';
export { PostgresStore } from './postgres.js';

export const sqliteFile = (config: Pick<RelayConfig, 'dataDir'>) => join(config.dataDir, 'outbox.sqlite');

export async function createStore(config: RelayConfig, options: Omit<StoreOptions, 'cipher'> = {}): Promise<Store> {
  const cipher = cipherFromConfig(config);
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl, { ...options, cipher });
  return new SqliteStore(sqliteFile(config), { ...options, cipher });
}

/** Where the outbox is, for the start-up message (never the database password). */
export function describeStore(config: RelayConfig): string {
  if (!config.databaseUrl) return `Outbox: SQLite ${sqliteFile(config)}`;
  const url = new URL(config.databaseUrl);
  return `Outbox: PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
