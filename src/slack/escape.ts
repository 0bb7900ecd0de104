/**
 * Slack reads `&`, `<` and `>` as control characters in message text: `<!channel>`,
 * `<!here>` and `<@U123>` notify people, `<https://x|label>` makes a link. Everything that
 * did not come from this adapter's own markup (what a user typed, dataset text, UI strings)
 * goes through `escapeText` before it reaches mrkdwn or plain_text, so it shows as typed and
 * never notifies anyone. These three are the only characters Slack asks apps to escape.
 */
export function escapeText(text: string): string {
  // Most text has none of the three: skip the three passes (this runs on every request).
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The inverse, for text Slack sent us (slash command text may arrive escaped). */
export function unescapeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A link in mrkdwn: `<url|label>`. The URL may not carry `|` or `>` unencoded and its `&`
 * must be escaped like any text; the label is escaped text.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = escapeText(url.replace(/\|/g, '%7C').replace(/\s/g, '%20'));
  return `<${safeUrl}|${escapeText(label)}>`;
}
