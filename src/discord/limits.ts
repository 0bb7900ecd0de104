/**
 * Every Discord limit the adapter relies on, in one place. Sources: discord-api-docs
 * `resources/message.mdx` (Embed Limits), `components/reference.mdx`,
 * `interactions/application-commands.mdx` and `resources/message.mdx` (Pin Message).
 * Lengths are checked in UTF-16 code units, which is never less than Discord's count.
 */

export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Title, description, field names and values, footer and author name of all embeds together. */
export const EMBED_TOTAL_MAX = 6000;
export const MESSAGE_CONTENT_MAX = 2000;

export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
export const CUSTOM_ID_MAX = 100;
export const BUTTON_LABEL_MAX = 80;
export const LINK_BUTTON_URL_MAX = 512;

/** Modals (components/reference.mdx: Label, Text Input; interactions: Modal). */
export const MODAL_TITLE_MAX = 45;
export const LABEL_TEXT_MAX = 45;
export const TEXT_INPUT_PLACEHOLDER_MAX = 100;
export const TEXT_INPUT_VALUE_MAX = 4000;

export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;

export const COMMAND_NAME_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 100;
export const OPTION_STRING_MAX = 6000;

/** A channel holds at most this many pins (error 30003 past it). */
export const CHANNEL_PINS_MAX = 250;

/** Our own choice: link buttons share the first row with the Pin / Post publicly button. */
export const SOURCE_LINK_BUTTONS_MAX = BUTTONS_PER_ROW_MAX - 1;
/** Our own choice: a provider query longer than this is a paste, not a name. */
export const PROVIDER_OPTION_MAX_LENGTH = 200;
