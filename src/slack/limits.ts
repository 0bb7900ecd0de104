/**
 * Slack's limits, each in one place. Block Kit numbers come from the JSDoc of
 * slackapi/node-slack-sdk packages/types/src/block-kit (see research/platform-notes.md §2.2).
 * Lengths are checked as JavaScript string lengths (UTF-16 code units), which is never less
 * than Slack's character count, so a text that passes here passes there.
 */

/** Blocks in one message (modals and Home tabs allow 100; messages 50). */
export const MAX_BLOCKS = 50;
/** `text` of a section block. */
export const MAX_SECTION_TEXT = 3000;
/** `fields` of a section block, and the length of each. */
export const MAX_SECTION_FIELDS = 10;
export const MAX_SECTION_FIELD_TEXT = 2000;
/** `text` of a header block (plain_text only). */
export const MAX_HEADER_TEXT = 150;
/** Elements of a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** A text object inside a context block. */
export const MAX_CONTEXT_TEXT = 3000;
/** Elements of an actions block. */
export const MAX_ACTIONS_ELEMENTS = 25;
/** `block_id` of any block. */
export const MAX_BLOCK_ID = 255;
/** `text` of a button; Slack may cut it visually at about 30. */
export const MAX_BUTTON_TEXT = 75;
/** `value` of a button, sent back in the interaction payload. */
export const MAX_BUTTON_VALUE = 2000;
/** `url` of a link button. */
export const MAX_BUTTON_URL = 3000;
/** `action_id` of an interactive element. */
export const MAX_ACTION_ID = 255;
/** Modals (views.open): title, submit and close labels. */
export const MAX_VIEW_TITLE = 24;
/** `private_metadata` of a view. */
export const MAX_PRIVATE_METADATA = 3000;
/** `callback_id` of a view. */
export const MAX_CALLBACK_ID = 255;
/** `label` of an input block. */
export const MAX_INPUT_LABEL = 2000;
/** `placeholder` of a plain_text_input. */
export const MAX_INPUT_PLACEHOLDER = 150;
/** `max_length` of a plain_text_input may be at most this. */
export const MAX_INPUT_LENGTH = 3000;
/**
 * The top-level `text` of a message: with blocks it is the notification fallback. Slack
 * truncates messages past 40,000 characters; a notification needs far less.
 */
export const MAX_FALLBACK_TEXT = 3000;
/** A slash command's acknowledgement deadline. */
export const ACK_DEADLINE_MS = 3000;
/** A response_url takes at most this many posts within 30 minutes. */
export const MAX_RESPONSE_URL_POSTS = 5;
/** Bolt's receivers reject a signed request whose timestamp is older than this. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;
