import { createHash } from 'node:crypto';
import { withoutDatasetVersion } from '../../core/pinned-answer.js';
import type { APIEmbed } from 'discord.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { truncate } from '../render.js';

/**
 * The parts of a message that come from the dataset, the same whether read from what the bot
 * sends (render.ts) or from what Discord returns for the message (which adds ids, types and
 * defaults). The content is left out: it holds only the reply link and the "updated" line.
 */
interface LooseComponent {
  type: number;
  style?: number;
  label?: string;
  emoji?: { name?: string | null } | null;
  custom_id?: string;
  url?: string;
  components?: readonly LooseComponent[];
}

export interface DiscordShown {
  content?: string | null;
  embeds?: readonly APIEmbed[];
  components?: readonly unknown[];
}

function embedPart(e: APIEmbed) {
  return [
    e.title ?? '',
    e.description ?? '',
    e.color ?? null,
    (e.fields ?? []).map((f) => [f.name, f.value]),
    e.footer?.text ?? '',
  ];
}

// The Report button carries what was asked (vllm:report:<locale>:<id>:<query>): the query is
// not content, and a re-rendering cannot know it.
function stableId(id: string): string {
  return id.startsWith('vllm:report:') ? id.split(':').slice(0, 4).join(':') : id;
}

function componentPart(c: LooseComponent): unknown {
  if (c.components) return [c.type, c.components.map(componentPart)];
  const target = c.custom_id === undefined ? (c.url ?? '') : stableId(c.custom_id);
  return [c.type, c.style ?? null, c.label ?? '', c.emoji?.name ?? '', target];
}

/** The content hash a pin row keeps for a Discord message (see docs/pinned-answers.md). */
export function discordContentHash(message: DiscordShown): string {
  const parts = [
    (message.embeds ?? []).map(embedPart),
    ((message.components ?? []) as LooseComponent[]).map(componentPart),
  ];
  // Without the dataset version: it changes with any file, not with this answer.
  const text = withoutDatasetVersion(JSON.stringify(parts));
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Marks the "updated" line, so the next edit replaces it instead of adding another. */
const UPDATED_MARK = '-# 🔄 ';

/** The message's content with its "updated" line (re)placed last; a reply link above stays. */
export function contentWithNote(previous: string | null | undefined, note: string): string {
  const kept = (previous ?? '').split('\n').filter((l) => l && !l.startsWith(UPDATED_MARK));
  return truncate([...kept, `${UPDATED_MARK}${note}`].join('\n'), MESSAGE_CONTENT_MAX);
}
