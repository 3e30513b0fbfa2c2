/**
 * Writes dist/referral.schema.json: the JSON Schema (draft 2020-12) of the referral payload,
 * generated from the zod schema in src/core/referral/schema.ts (the input side: what a client
 * sends). Rules zod checks in code (UPN check letter, real dates, "not in the future", phone and
 * postcode shapes, cross-section rules) cannot be expressed in JSON Schema and are described in
 * docs/relay.md ("The payload"); parseReferral() remains the authority. Run: tsx scripts/referral-json-schema.ts [out]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { toJSONSchema } from 'zod/mini';
import { referralSchema } from '../src/core/referral/schema.js';

const out = resolve(process.argv[2] ?? 'dist/referral.schema.json');
const schema = {
  ...toJSONSchema(referralSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
  $id: 'urn:cme-widgets:referral:1',
  title: 'CME referral',
  description:
    'A referral about a child who may be missing education, as POSTed to /api/referrals. Dates are ISO YYYY-MM-DD; phone numbers are normalised to E.164; postcodes to upper case with one space. The relay also checks UPN check letters, real and past dates, and cross-section rules.',
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`Wrote ${out}`);
