import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { tempDir } from '../helpers/temp-dirs.js';
import { cleanEnv, run } from '../helpers/run.js';

// `npm start` on a checkout that was never built: say what to run, exit non-zero.
describe('npm start before a build', () => {
  it('names the commands to run and exits 1 when dist/ is missing, 0 once it exists', async () => {
    const checkout = tempDir();
    mkdirSync(join(checkout, 'scripts'));
    copyFileSync(
      join(PROJECT_ROOT, 'scripts', 'check-build.mjs'),
      join(checkout, 'scripts', 'check-build.mjs'),
    );
    const check = () =>
      run(process.execPath, ['scripts/check-build.mjs'], { cwd: checkout, env: cleanEnv() });

    const missing = await check();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('dist/ is missing');
    expect(missing.stderr).toContain('npm ci && npm run build');

    mkdirSync(join(checkout, 'dist', 'src'), { recursive: true });
    writeFileSync(join(checkout, 'dist', 'src', 'main.js'), '');
    const built = await check();
    expect(built.code).toBe(0);
    expect(built.stderr).toBe('');
  });
});
