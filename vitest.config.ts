import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Checks every simulator answer against its OpenAPI document and fails the test that caused a mismatch.
    setupFiles: ['test/helpers/validation.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
