// `npm start` runs the compiled bot (no dev dependency needed); say what to do when this
// checkout has not been built yet. Plain JavaScript: it must run before anything is compiled.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/src/main.js', import.meta.url))) {
  process.stderr.write(
    [
      'dist/ is missing: this checkout has not been built yet.',
      '  npm ci && npm run build    compile once (the build needs the dev dependencies)',
      '  npm start                  then start the compiled bot',
      'or run from source without building: npm run dev',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
