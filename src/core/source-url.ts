/** Longest source URL a report keeps (the store's own limit). */
export const SOURCE_URL_MAX = 2000;

export type SourceUrlCheck = { ok: true; url: string | undefined } | { ok: false };

/**
 * The optional source URL of a report: blank is fine (no source); otherwise it must be an
 * absolute https:// URL with a host name, at most SOURCE_URL_MAX characters.
 */
export function checkSourceUrl(text: string | null | undefined): SourceUrlCheck {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: true, url: undefined };
  if (trimmed.length > SOURCE_URL_MAX || /\s/.test(trimmed)) return { ok: false };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) {
    return { ok: false };
  }
  return { ok: true, url: trimmed };
}
