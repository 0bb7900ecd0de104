import { InteractionResponseType } from 'discord.js';
import type { Choice, DiscordMessage } from '../render.js';

/**
 * The callback bodies discord.js would POST for `reply(message)` and `respond(choices)`, for
 * the `/vllm` path that answers from Discord's JSON without discord.js's interaction classes
 * (raw-interactions.ts). discord.js's own MessagePayload costs more than the rest of the answer
 * (it `require`s five modules per reply to test what it is replying to); these write the same
 * keys in the same order, so the HTTP response is byte for byte what discord.js sends
 * (tests/discord/http/callback-body.test.ts compares the two for every kind of answer).
 */

/**
 * The keys a DiscordMessage may have. Adding one to DiscordMessage fails to compile here:
 * teach replyBody that key (as discord.js's MessagePayload#resolveBody writes it) first.
 */
type Written = 'content' | 'embeds' | 'components' | 'allowedMentions' | 'flags';
const allWritten: Exclude<keyof DiscordMessage, Written> extends never ? true : never = true;
void allWritten;

// An answer's embeds and button rows are the render cache's own objects (render.ts), handed
// out unchanged with every reply of that answer: each is serialised and UTF-8 encoded once, and
// a reply is these bytes put together, so neither JSON.stringify nor the encoding of the HTTP
// response runs over the whole answer again. Parts made per reply (a notice, a Report button
// that carries the query) are encoded again, then dropped with their objects.
const encoded = new WeakMap<object, Buffer>();

function bytes(value: object): Buffer {
  let buffer = encoded.get(value);
  if (buffer === undefined) {
    buffer = Buffer.from(JSON.stringify(value));
    encoded.set(value, buffer);
  }
  return buffer;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const COMMA = ascii(',');
const MESSAGE = `{"type":${InteractionResponseType.ChannelMessageWithSource},"data":{`;
const NO_CONTENT = ascii(`${MESSAGE}"tts":false,"enforce_nonce":false,"embeds":[`);
const COMPONENTS = ascii('],"components":[');
const ALLOWED_MENTIONS = ascii('],"allowed_mentions":');
const END = ascii('}}');
const flagsEnds = new Map<number, Buffer>();

/** Each part's bytes, comma-separated. */
function list(parts: Buffer[], items: readonly object[]): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(bytes(items[i]!));
  }
}

/**
 * `{"type":4,"data":{…}}` with MessagePayload#resolveBody's keys in its order, as
 * JSON.stringify would write that object (undefined keys left out), in UTF-8.
 */
export function replyBody(message: DiscordMessage): Buffer {
  const parts: Buffer[] = [
    message.content === undefined
      ? NO_CONTENT
      : Buffer.from(
          `${MESSAGE}"content":${JSON.stringify(message.content)},` +
            '"tts":false,"enforce_nonce":false,"embeds":[',
        ),
  ];
  list(parts, message.embeds);
  parts.push(COMPONENTS);
  list(parts, message.components);
  parts.push(ALLOWED_MENTIONS, bytes(message.allowedMentions));
  const flags = message.flags;
  if (flags === undefined) parts.push(END);
  else {
    let end = flagsEnds.get(flags);
    if (!end) flagsEnds.set(flags, (end = ascii(`,"flags":${flags}}}`)));
    parts.push(end);
  }
  return Buffer.concat(parts);
}

/** `{"type":8,"data":{"choices":[…]}}`, as AutocompleteInteraction#respond writes it. */
export function autocompleteBody(choices: readonly Choice[]): string {
  return JSON.stringify({
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    // discord.js takes camelCase nameLocalizations, so a snake_case one never reaches Discord.
    data: { choices: choices.map(({ name_localizations: _, ...choice }) => choice) },
  });
}
