import { z } from 'zod';
import { AnswerSchema } from './answer-schema.js';
import { DatasetSchema } from './dataset-schema.js';
import { FALLBACK_LOCALE } from './locales.js';

type JsonObject = Record<string, unknown>;

/** zod cannot express the fallback-text refinement; state it so editors flag it too. */
function requireFallbackText(ctx: { jsonSchema: JsonObject }): void {
  const schema = ctx.jsonSchema;
  if (schema.type === 'object' && typeof schema.propertyNames === 'object') {
    schema.required = [FALLBACK_LOCALE];
  }
}

function toText(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', override: requireFallbackText }) as JsonObject;
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

/** The JSON Schema of data/providers.json, generated from the zod schema. */
export function datasetJsonSchema(): string {
  return toText(DatasetSchema, 'vLLM status bot: provider dataset');
}

/** The JSON Schema of `npm run ask -- --json` output. */
export function answerJsonSchema(): string {
  return toText(AnswerSchema, 'vLLM status bot: answer');
}
