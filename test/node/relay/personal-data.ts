/** The personal-data check shared by the receipt and alert tests. */
import assert from 'node:assert/strict';
import { parseReferral } from '../../../src/core/referral/schema.js';
import { TODAY, fixture } from './helpers.js';

/** Every string in the child and parents sections, as posted and as the schema normalised them. */
export function personalStrings(): string[] {
  const raw = fixture();
  const parsed = parseReferral(fixture(), { today: TODAY });
  assert.ok(parsed.ok);
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const source of [raw, parsed.value as Record<string, unknown>]) {
    walk(source.child);
    walk(source.parents);
  }
  return [...out];
}

/** Fails naming the first personal string found (as a whole word, any case). */
export function assertNoPersonalData(text: string, what: string): void {
  const strings = personalStrings();
  assert.ok(strings.length >= 20, 'the fixture has the child and two parents');
  for (const s of strings) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu');
    assert.doesNotMatch(text, re, `${what} contains "${s}" from the child or parents section`);
  }
}

