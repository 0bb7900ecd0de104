import type { APIEmbed } from 'discord.js';
import type { Choice, DiscordMessage } from '../../src/discord/render.js';

// Discord's numbers, written out here rather than imported from src/discord/limits.ts, so a
// wrong constant there cannot hide behind the same wrong constant here.
const EMBED_TITLE_MAX = 256;
const EMBED_DESCRIPTION_MAX = 4096;
const EMBED_FIELDS_MAX = 25;
const EMBED_FIELD_NAME_MAX = 256;
const EMBED_FIELD_VALUE_MAX = 1024;
const EMBED_FOOTER_TEXT_MAX = 2048;
const EMBED_TOTAL_MAX = 6000;
const MESSAGE_CONTENT_MAX = 2000;
const ACTION_ROWS_MAX = 5;
const BUTTONS_PER_ROW_MAX = 5;
const CUSTOM_ID_MAX = 100;
const BUTTON_LABEL_MAX = 80;
const LINK_BUTTON_URL_MAX = 512;
const AUTOCOMPLETE_CHOICES_MAX = 25;
const CHOICE_NAME_MAX = 100;
const CHOICE_VALUE_MAX = 100;

/**
 * Every Discord rule a message or a list of autocomplete choices can break, as a list of
 * human-readable violations (empty when the payload is fine). Lengths are UTF-16 code units,
 * which is never less than Discord's own count. Exported for the fuzz tests too.
 */

function len(text: string | undefined): number {
  return text?.length ?? 0;
}

function embedViolations(embed: APIEmbed, where: string): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(`${where}: ${what}`);
  };
  check(
    embed.title === undefined || (len(embed.title) > 0 && len(embed.title) <= EMBED_TITLE_MAX),
    `title length ${len(embed.title)}`,
  );
  check(
    embed.description === undefined ||
      (len(embed.description) > 0 && len(embed.description) <= EMBED_DESCRIPTION_MAX),
    `description length ${len(embed.description)}`,
  );
  check(
    len(embed.footer?.text) <= EMBED_FOOTER_TEXT_MAX,
    `footer length ${len(embed.footer?.text)}`,
  );
  const fields = embed.fields ?? [];
  check(fields.length <= EMBED_FIELDS_MAX, `${fields.length} fields`);
  for (const [i, f] of fields.entries()) {
    check(
      f.name.length > 0 && f.name.length <= EMBED_FIELD_NAME_MAX,
      `field ${i} name length ${f.name.length}`,
    );
    check(
      f.value.length > 0 && f.value.length <= EMBED_FIELD_VALUE_MAX,
      `field ${i} value length ${f.value.length}`,
    );
  }
  const total =
    len(embed.title) +
    len(embed.description) +
    len(embed.footer?.text) +
    len(embed.author?.name) +
    fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  check(total <= EMBED_TOTAL_MAX, `total embed text ${total}`);
  return out;
}

export function messageViolations(message: DiscordMessage, where = 'message'): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(`${where}: ${what}`);
  };
  check(
    JSON.stringify(message.allowedMentions) === JSON.stringify({ parse: [] }),
    `allowedMentions ${JSON.stringify(message.allowedMentions)}`,
  );
  check(len(message.content) <= MESSAGE_CONTENT_MAX, `content length ${len(message.content)}`);
  check(message.embeds.length <= 10, `${message.embeds.length} embeds`);
  check(Boolean(message.content) || message.embeds.length > 0, 'nothing to show');
  for (const [i, embed] of message.embeds.entries())
    out.push(...embedViolations(embed, `${where} embed ${i}`));
  check(message.components.length <= ACTION_ROWS_MAX, `${message.components.length} action rows`);
  const ids = new Set<string>();
  for (const [r, row] of message.components.entries()) {
    check(
      row.components.length > 0 && row.components.length <= BUTTONS_PER_ROW_MAX,
      `row ${r} has ${row.components.length} buttons`,
    );
    for (const [b, button] of row.components.entries()) {
      const at = `row ${r} button ${b}`;
      const label = 'label' in button ? button.label : undefined;
      check(
        label === undefined || (label.length > 0 && label.length <= BUTTON_LABEL_MAX),
        `${at} label length ${len(label)}`,
      );
      if ('url' in button) {
        check(button.url.length <= LINK_BUTTON_URL_MAX, `${at} url length ${button.url.length}`);
        check(!('custom_id' in button), `${at} link button with a custom_id`);
      } else if ('custom_id' in button) {
        const id = button.custom_id;
        check(id.length > 0 && id.length <= CUSTOM_ID_MAX, `${at} custom_id length ${id.length}`);
        check(!ids.has(id), `${at} duplicate custom_id ${id}`);
        ids.add(id);
      } else {
        out.push(`${where}: ${at} has neither url nor custom_id`);
      }
    }
  }
  return out;
}

export function choiceViolations(choices: readonly Choice[], where = 'choices'): string[] {
  const out: string[] = [];
  if (choices.length > AUTOCOMPLETE_CHOICES_MAX) out.push(`${where}: ${choices.length} choices`);
  for (const [i, c] of choices.entries()) {
    if (c.name.length < 1 || c.name.length > CHOICE_NAME_MAX)
      out.push(`${where} ${i}: name length ${c.name.length}`);
    if (c.value.length < 1 || c.value.length > CHOICE_VALUE_MAX)
      out.push(`${where} ${i}: value length ${c.value.length}`);
  }
  return out;
}
