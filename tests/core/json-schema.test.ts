import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerJsonSchema, datasetJsonSchema } from '../../src/core/json-schema.js';
import { PROJECT_ROOT, SCHEMA_FILE } from '../../src/core/paths.js';

describe('committed JSON Schemas', () => {
  it('data/providers.schema.json equals the one generated from the zod schema (npm run data:schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(datasetJsonSchema());
  });

  it('data/answer.schema.json equals the one generated from the zod schema', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'data', 'answer.schema.json'), 'utf8')).toBe(
      answerJsonSchema(),
    );
  });

  it('data/providers.json points editors at its schema', () => {
    const data = JSON.parse(readFileSync(join(PROJECT_ROOT, 'data', 'providers.json'), 'utf8')) as {
      $schema?: string;
    };
    expect(data.$schema).toBe('./providers.schema.json');
  });
});
