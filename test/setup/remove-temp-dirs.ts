// Every test file: directories made by tempDir() outside a test go once the file's tests have run.
import { afterAll } from 'vitest';
import { removeTempDirsMadeOutsideTests } from '../helpers/temp-dir.js';

afterAll(removeTempDirsMadeOutsideTests);
