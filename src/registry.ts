/**
 * The tags, written once. Read by the build (`vite.config.ts`: one `dist/components/<tag>.js`
 * each), the autoloader (`src/autoload.ts`), placeholder mode (`src/placeholders.ts`,
 * `data-cme="<tag without cme->"`) and the package entry (`src/index.ts`). Each tag's code is
 * `src/components/<tag>/define.ts`. Plain data, so that Node (the build) can read it too.
 */
export const TAGS = ['cme-definition', 'cme-helpline', 'cme-wizard', 'cme-referral-form'] as const;
export type Tag = (typeof TAGS)[number];

/** The module that registers a tag, relative to `src/`. */
export const defineModule = (tag: Tag): string => `./components/${tag}/define.ts`;

/** A CSS selector for every tag. */
export const TAG_SELECTOR = TAGS.join(',');

export const isTag = (name: string): name is Tag => (TAGS as readonly string[]).includes(name);
