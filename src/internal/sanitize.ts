/**
 * Editor HTML from config is sanitised with DOMPurify before rendering: no script, no event
 * handlers, no style attributes or elements (they would trip a strict CSP), no forms.
 * DOMPurify (~12 KB gz) is loaded only when a page actually gives editor HTML.
 */
export async function sanitizeHtml(dirty: string): Promise<string> {
  const { default: DOMPurify } = await import('dompurify');
  return DOMPurify.sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'script', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'srcset'],
    RETURN_TRUSTED_TYPE: false,
  }) as unknown as string;
}
