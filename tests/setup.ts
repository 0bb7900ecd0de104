import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp-dirs.js';

// Runs in every test file: whatever tempDir() made is gone when the file finishes.
afterAll(removeTempDirs);
