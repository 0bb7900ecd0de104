/**
 * A link to a pre-filled GitHub issue (REPORT_ISSUE_URL, e.g.
 * `https://github.com/OWNER/REPO/issues/new?template=wrong-answer.yml`). It sets `title` and
 * `body`, and the ids of the fields of the shipped form (.github/ISSUE_TEMPLATE/
 * wrong-answer.yml: provider, wrong, source, language), so both a form and a plain template
 * arrive filled in. The text is English: it is for the repository, not for the reporter.
 * No reporter name or id goes into it: issues are public.
 */

export interface IssueFields {
  providerId?: string;
  providerName?: string;
  query: string;
  locale: string;
  whatIsWrong: string;
  sourceUrl?: string;
}

/** Browsers and GitHub handle far longer URLs, but chat platforms and proxies may not. */
export const ISSUE_URL_MAX = 2000;

function body(f: IssueFields): string {
  const lines = [
    `Provider: ${f.providerName ?? f.providerId ?? '(none)'}${f.providerId ? ` (${f.providerId})` : ''}`,
    `Asked: ${f.query}`,
    `Language of the answer: ${f.locale}`,
    '',
    'What is wrong:',
    f.whatIsWrong,
  ];
  if (f.sourceUrl) lines.push('', `Source: ${f.sourceUrl}`);
  return lines.join('\n');
}

/** Cuts `text` to `max` code points, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * The pre-filled issue URL, at most `max` characters: when it would be longer, `body` is
 * shortened first, then `wrong`, then dropped, so the link always works.
 */
export function prefilledIssueUrl(base: string, fields: IssueFields, max = ISSUE_URL_MAX): string {
  const name = fields.providerName ?? fields.providerId;
  const values: [string, string][] = [
    ['title', `Wrong answer: ${name ?? fields.query}`],
    ['provider', fields.providerId ?? name ?? fields.query],
    ['wrong', fields.whatIsWrong],
    ['source', fields.sourceUrl ?? ''],
    ['language', fields.locale],
    ['body', body(fields)],
  ];
  const build = () => {
    const url = new URL(base);
    for (const [key, value] of values) if (value) url.searchParams.set(key, value);
    return url.toString();
  };
  let url = build();
  for (const key of ['body', 'wrong', 'title']) {
    const entry = values.find(([k]) => k === key)!;
    while (url.length > max && entry[1] !== '') {
      const excess = url.length - max;
      // One code point encodes to at most 12 characters (%XX for each of up to 4 UTF-8 bytes).
      const keep = [...entry[1]].length - Math.max(1, Math.ceil(excess / 12));
      entry[1] = keep > 1 ? cut(entry[1], keep) : '';
      url = build();
    }
    if (url.length <= max) return url;
  }
  return url.length <= max ? url : base;
}

/** What a stored report holds that an issue is pre-filled with. */
export interface ReportedAnswer {
  providerId: string | null;
  query: string;
  locale: string;
  whatIsWrong: string;
  sourceUrl: string | null;
}

/** The provider a report is about, as the dataset names it ("—" for none). */
export function reportedProviderName(
  providers: readonly { id: string; name: string }[],
  providerId: string | null,
): string {
  if (!providerId) return '—';
  return providers.find((p) => p.id === providerId)?.name ?? providerId;
}

/**
 * The pre-filled issue for a stored report (`base`: REPORT_ISSUE_URL; none, no link), at most
 * `max` characters.
 */
export function reportIssueUrl(
  base: string | undefined,
  report: ReportedAnswer,
  providers: readonly { id: string; name: string }[],
  max = ISSUE_URL_MAX,
): string | undefined {
  if (!base) return undefined;
  return prefilledIssueUrl(
    base,
    {
      ...(report.providerId
        ? {
            providerId: report.providerId,
            providerName: reportedProviderName(providers, report.providerId),
          }
        : {}),
      query: report.query,
      locale: report.locale,
      whatIsWrong: report.whatIsWrong,
      ...(report.sourceUrl ? { sourceUrl: report.sourceUrl } : {}),
    },
    max,
  );
}
