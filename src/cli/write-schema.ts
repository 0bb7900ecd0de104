import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerJsonSchema, datasetJsonSchema } from '../core/json-schema.js';
import { PROJECT_ROOT, SCHEMA_FILE } from '../core/paths.js';

// Regenerates the committed JSON Schemas after a change to the zod schemas.
writeFileSync(SCHEMA_FILE, datasetJsonSchema());
writeFileSync(join(PROJECT_ROOT, 'data', 'answer.schema.json'), answerJsonSchema());
process.stdout.write('wrote data/providers.schema.json and data/answer.schema.json\n');
