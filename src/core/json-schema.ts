import { z } from 'zod';
import { AnswerSchema } from './answer-schema.js';
import { ProviderSchema } from './dataset-schema.js';

type JsonObject = Record<string, unknown>;

function toText(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input' }) as JsonObject;
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

/** The JSON Schema of one data/providers/<id>.yaml file, generated from the zod schema. */
export function providerJsonSchema(): string {
  return toText(ProviderSchema, 'vLLM status bot: one provider');
}

/** The JSON Schema of `npm run ask -- --json` output. */
export function answerJsonSchema(): string {
  return toText(AnswerSchema, 'vLLM status bot: answer');
}
