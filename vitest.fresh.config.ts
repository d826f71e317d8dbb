// The fresh-clone test (npm run test:fresh): slow (npm install from a clean clone, npm pack, a git
// install), so kept out of `npm test`; .ci/run runs it after `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/fresh/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
