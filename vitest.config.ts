import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fresh-clone test is slow: npm run test:fresh (vitest.fresh.config.ts).
    exclude: ['test/fresh/**', '**/node_modules/**'],
    // Checks every simulator answer against its OpenAPI document and fails the test that caused a mismatch.
    setupFiles: ['test/helpers/validation.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
