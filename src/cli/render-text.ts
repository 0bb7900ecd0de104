import type { Answer, ProviderSummary } from '../core/answer-schema.js';
import { qualifiedStatus, sourceMeta } from '../core/compose.js';

export interface TextStyle {
  color: boolean;
}

function paint(text: string, rgb: number, style: TextStyle): string {
  if (!style.color) return text;
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return `\x1b[1;38;2;${r};${g};${b}m${text}\x1b[0m`;
}

function bold(text: string, style: TextStyle): string {
  return style.color ? `\x1b[1m${text}\x1b[0m` : text;
}

function summaryLine(s: ProviderSummary, style: TextStyle): string {
  return `  ${s.emoji} ${s.name} (${s.id}): ${paint(s.statusLabel, s.color, style)}`;
}

/** Renders an answer for a terminal: plain text, with status colours when `style.color`. */
export function renderText(answer: Answer, style: TextStyle): string {
  switch (answer.kind) {
    case 'provider': {
      const lines = [`${answer.emoji} ${paint(answer.title, answer.color, style)}`];
      for (const f of answer.findings) {
        lines.push('');
        if (f.subject)
          lines.push(
            `${f.emoji} ${bold(f.subject, style)}: ${paint(qualifiedStatus(f), f.color, style)}`,
          );
        lines.push(f.summary, '', f.details, `(${f.asOfText})`, '', `${answer.sourcesLabel}:`);
        for (const s of f.sources) {
          lines.push(`  - ${s.title} (${sourceMeta(s)})`, `    ${s.url}`);
        }
      }
      if (answer.notice) lines.push('', `🔤 ${answer.notice}`);
      lines.push('', answer.footer);
      return lines.join('\n');
    }
    case 'ambiguous':
    case 'not-found':
      return [
        bold(answer.title, style),
        answer.message,
        ...answer.suggestions.map((s) => summaryLine(s, style)),
      ].join('\n');
    case 'overview':
      return [
        bold(answer.title, style),
        answer.message,
        '',
        ...answer.providers.map((s) => summaryLine(s, style)),
        '',
        answer.footer,
      ].join('\n');
  }
}
