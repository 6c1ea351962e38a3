import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages (the "@hwcost/source" export
// condition), never a mix of sources and builds.
export default defineConfig({
  resolve: { conditions: ['@hwcost/source'] },
  ssr: { resolve: { conditions: ['@hwcost/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
