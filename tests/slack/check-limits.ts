import {
  MAX_ACTION_ID,
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCK_ID,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_ELEMENTS,
  MAX_CONTEXT_TEXT,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT,
} from '../../src/slack/limits.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/**
 * Slack markup that is live: `<!channel>`, `<!here>`, `<@U123>`, `<#C123>`, `<!subteam^…>`.
 * The only `<…>` this adapter writes on purpose is a link to an http(s) URL.
 */
const LIVE_MARKUP = /<(?!https?:\/\/)/;

/**
 * Every way a message breaks a Slack limit, as readable strings (empty when it fits).
 * Works on plain JSON, so it checks what was rendered and what the fake Slack received.
 */
export function slackLimitViolations(message: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(message)) return ['message: not an object'];

  const text = message['text'];
  if (typeof text !== 'string' || text.trim() === '') fail('text', 'missing fallback text');
  else {
    if (text.length > MAX_FALLBACK_TEXT) fail('text', `${text.length} > ${MAX_FALLBACK_TEXT}`);
    if (LIVE_MARKUP.test(text)) fail('text', `live markup in ${JSON.stringify(text.slice(0, 80))}`);
  }

  const blocks = message['blocks'];
  if (!Array.isArray(blocks) || blocks.length === 0) return [...problems, 'blocks: none'];
  if (blocks.length > MAX_BLOCKS) fail('blocks', `${blocks.length} > ${MAX_BLOCKS}`);

  const textObject = (where: string, value: unknown, max: number, kinds: string[]) => {
    if (!isObject(value)) return fail(where, 'no text object');
    if (!kinds.includes(String(value['type']))) fail(where, `type ${String(value['type'])}`);
    const t = value['text'];
    if (typeof t !== 'string' || t.length === 0) return fail(where, 'empty text');
    if (t.length > max) fail(where, `${t.length} > ${max}`);
    if (LIVE_MARKUP.test(t)) fail(where, `live markup in ${JSON.stringify(t.slice(0, 80))}`);
  };

  const actionIds = new Set<string>();
  blocks.forEach((block: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(block)) return fail(at, 'not an object');
    const id = block['block_id'];
    if (typeof id === 'string' && id.length > MAX_BLOCK_ID) fail(at, `block_id ${id.length}`);
    switch (block['type']) {
      case 'header':
        textObject(`${at}.header`, block['text'], MAX_HEADER_TEXT, ['plain_text']);
        break;
      case 'section': {
        if (block['text'] !== undefined)
          textObject(`${at}.section`, block['text'], MAX_SECTION_TEXT, ['mrkdwn', 'plain_text']);
        const fields = block['fields'];
        if (Array.isArray(fields)) {
          if (fields.length > MAX_SECTION_FIELDS) fail(at, `${fields.length} fields`);
          fields.forEach((f, j) =>
            textObject(`${at}.fields[${j}]`, f, MAX_SECTION_FIELD_TEXT, ['mrkdwn', 'plain_text']),
          );
        }
        break;
      }
      case 'context': {
        const elements = block['elements'];
        if (!Array.isArray(elements) || elements.length === 0)
          return fail(at, 'context without elements');
        if (elements.length > MAX_CONTEXT_ELEMENTS) fail(at, `${elements.length} context elements`);
        elements.forEach((e, j) =>
          textObject(`${at}.elements[${j}]`, e, MAX_CONTEXT_TEXT, ['mrkdwn', 'plain_text']),
        );
        break;
      }
      case 'actions': {
        const elements = block['elements'];
        if (!Array.isArray(elements) || elements.length === 0)
          return fail(at, 'actions without elements');
        if (elements.length > MAX_ACTIONS_ELEMENTS) fail(at, `${elements.length} action elements`);
        elements.forEach((e: unknown, j) => {
          const where = `${at}.elements[${j}]`;
          if (!isObject(e) || e['type'] !== 'button') return fail(where, 'not a button');
          textObject(`${where}.text`, e['text'], MAX_BUTTON_TEXT, ['plain_text']);
          const actionId = e['action_id'];
          if (typeof actionId !== 'string' || actionId.length === 0) fail(where, 'no action_id');
          else {
            if (actionId.length > MAX_ACTION_ID) fail(where, `action_id ${actionId.length}`);
            if (actionIds.has(actionId)) fail(where, `duplicate action_id ${actionId}`);
            actionIds.add(actionId);
          }
          const value = e['value'];
          if (typeof value === 'string' && value.length > MAX_BUTTON_VALUE)
            fail(where, `value ${value.length}`);
          const url = e['url'];
          if (typeof url === 'string' && url.length > MAX_BUTTON_URL)
            fail(where, `url ${url.length}`);
        });
        break;
      }
      case 'divider':
        break;
      default:
        fail(at, `unexpected block type ${String(block['type'])}`);
    }
  });
  return problems;
}
