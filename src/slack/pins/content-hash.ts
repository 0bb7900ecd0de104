import { createHash } from 'node:crypto';
import { withoutDatasetVersion } from '../../core/pinned-answer.js';
import { ACTION_REPORT } from '../action-ids.js';
import { UPDATED_BLOCK_ID } from '../render.js';

/** A message as the bot sends it (render.ts) or as Slack returns it (pins.list). */
export interface SlackShown {
  text?: unknown;
  blocks?: unknown;
}

/** Without block ids (Slack adds its own) and null values: the same from both sides. */
function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (key === 'block_id' || v === null || v === undefined) continue;
    // The Report button's value carries what was asked: not content, unknown to a re-render.
    if (key === 'value' && (value as { action_id?: unknown }).action_id === ACTION_REPORT) continue;
    out[key] = stripped(v);
  }
  return out;
}

function isUpdatedLine(block: unknown): boolean {
  return (block as { block_id?: unknown } | null)?.block_id === UPDATED_BLOCK_ID;
}

/**
 * The content hash a pin row keeps for a Slack message (see docs/pinned-answers.md): its
 * fallback text and blocks, leaving out the "updated" line, whose date is not content.
 */
export function slackContentHash(message: SlackShown): string {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  const parts = [
    typeof message.text === 'string' ? message.text : '',
    stripped(blocks.filter((b) => !isUpdatedLine(b))),
  ];
  // Without the dataset version: it changes with any file, not with this answer.
  const text = withoutDatasetVersion(JSON.stringify(parts));
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
