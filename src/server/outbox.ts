/**
 * Kept for older imports: the outbox now lives in ./store/ (one interface, SQLite and PostgreSQL).
 */
export { REFERENCE_ALPHABET, REFERENCE_PATTERN, newReference, SqliteStore as Outbox } from './store/index.js';
export type { EnqueueItem, EnqueueResult, OutboxRow, Status } from './store/index.js';
