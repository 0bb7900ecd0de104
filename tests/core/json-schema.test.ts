import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerJsonSchema, providerJsonSchema } from '../../src/core/json-schema.js';
import {
  ANSWER_SCHEMA_FILE,
  DEFAULT_DATA_DIR,
  PROVIDER_SCHEMA_FILE,
} from '../../src/core/paths.js';

describe('committed JSON Schemas', () => {
  it('data/provider.schema.json equals the one generated from the zod schema (npm run data:schema)', () => {
    expect(readFileSync(PROVIDER_SCHEMA_FILE, 'utf8')).toBe(providerJsonSchema());
  });

  it('data/answer.schema.json equals the one generated from the zod schema', () => {
    expect(readFileSync(ANSWER_SCHEMA_FILE, 'utf8')).toBe(answerJsonSchema());
  });

  it('every provider file points editors at the schema', () => {
    const dir = join(DEFAULT_DATA_DIR, 'providers');
    for (const name of readdirSync(dir)) {
      const first = readFileSync(join(dir, name), 'utf8').split('\n')[0];
      expect(first, name).toBe('# yaml-language-server: $schema=../provider.schema.json');
    }
  });
});
