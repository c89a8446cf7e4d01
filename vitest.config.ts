import { defineConfig } from 'vitest/config';

const define = { __APP_VERSION__: JSON.stringify('test') };

export default defineConfig({
  test: {
    projects: [
      { define, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { define, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      { define, test: { name: 'conformance', include: ['tests/conformance/**/*.test.ts'], environment: 'node', testTimeout: 300_000 } },
      { define, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } },
    ],
  },
});
