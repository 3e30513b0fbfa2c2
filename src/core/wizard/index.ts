/**
 * The wizard core: flow data model, engine, validator, content overrides, the default CME flow,
 * `classifyCase` and the Mermaid export. The zod schema and `parseFlow`/`loadFlow` live in
 * `./schema.js`, imported separately (lazily) so pages without custom config skip zod.
 */
export * from './types.js';
export * from './engine.js';
export * from './validate.js';
export * from './content.js';
export * from './cme-flow.js';
export * from './classify.js';
export * from './mermaid.js';
