import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three projects, one runner: fast unit tests, integration tests over real
// serial lines and brokers, and end-to-end tests in Chromium through the browser shell.
export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', './tests/reporters/summary.ts'],
    projects: [
      {
        extends: true,
        // Generous: some unit tests build bundles with esbuild/Vite, slow on a loaded 2-core machine.
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
          // A host started by a unit test takes free ports, never the store bus's 1883/9001.
          env: { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0', COUNTERPART_BACK_OFFICE_PORT: '0' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
