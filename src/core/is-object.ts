/** A plain object (not null, not an array): the shape JSON objects, configs and drafts share. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
