import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Component tests: the mini-program's components and logic under jsdom, with
 * `@tarojs/components` and `@tarojs/taro` replaced by small test doubles.
 */
export default defineProject({
  root: here('.'),
  define: {
    API_BASE: JSON.stringify(''),
  },
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: [
      { find: /^@tarojs\/components$/, replacement: here('./test/taro-components.tsx') },
      { find: /^@tarojs\/taro$/, replacement: here('./test/taro.ts') },
      { find: /^@whistle\/shared$/, replacement: here('../shared/src/index.ts') },
    ],
  },
  test: {
    name: 'components',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
  },
});
