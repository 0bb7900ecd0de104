import { writeFileSync } from 'node:fs';
import { answerJsonSchema, providerJsonSchema } from '../core/json-schema.js';
import { ANSWER_SCHEMA_FILE, PROVIDER_SCHEMA_FILE } from '../core/paths.js';

// Regenerates the committed JSON Schemas after a change to the zod schemas.
writeFileSync(PROVIDER_SCHEMA_FILE, providerJsonSchema());
writeFileSync(ANSWER_SCHEMA_FILE, answerJsonSchema());
process.stdout.write('wrote data/provider.schema.json and data/answer.schema.json\n');
