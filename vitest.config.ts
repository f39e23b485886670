import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Quiet tests: the failure tests make the functions log errors on purpose
 * (hundreds of lines), so the functions' logger is silent here and a real
 * failure stands out; a test about logs captures them itself. The AWS SDK's
 * Node-version notice is off too.
 */
const QUIET = { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/**
 * Test tiers: unit (no network, fake clock), integration (dynalite + fauxqs on
 * free ports, real AWS SDK over HTTP), e2e (Debian Chromium against the stack
 * `npm start` runs), components (the mini-program under jsdom).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'infra/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          env: QUIET,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: QUIET,
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // what must hold when things go wrong: crashes, poison messages, hostile edges, abuse (issue 11)
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          environment: 'node',
          env: QUIET,
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // the stack runs in the test process: no AWS SDK Node-version notice there either
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      ...(existsSync('miniapp/vitest.config.ts') ? ['miniapp/vitest.config.ts'] : []),
    ],
  },
});
