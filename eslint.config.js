import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdk.out/**',
      '.data/**',
      'miniapp/config/**/*.js',
      'miniapp/babel.config.js',
      'tests/e2e/artifacts/**',
      '**/*.d.ts',
      'shared/src/calendar/cn-years.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // the domain stays pure: no AWS, no Taro, no Node I/O in shared/
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@tarojs/*', 'node:*', '@whistle/functions', '@whistle/functions/*'], message: 'shared/ is the pure domain: no AWS, Taro or Node I/O' }] },
      ],
    },
  },
  // Layers point down only (docs/architecture.md): handlers → services → ports ← adapters (store, adapters);
  // wiring builds the adapters; the local stack sits on top of everything and nothing imports it.
  // The file writers (export/: the .xlsx workbook) turn data declared in shared/ into bytes, for the handlers.
  ...boundaries({
    'functions/src/services/**/*.ts': {
      group: ['**/store/*', '**/adapters/*', '**/export/*', '**/wiring', '**/wiring.js', '**/wiring/*', '**/local/*', '**/handlers/*', '**/http/*', '**/dev-controls.js', '@aws-sdk/*', '@aws-lambda-powertools/*', 'write-excel-file', 'write-excel-file/*', 'read-excel-file', 'read-excel-file/*'],
      message: 'services depend on ports (functions/src/ports.ts) only: never on an adapter, a file writer, the wiring, the HTTP layer or the local stack',
    },
    'functions/src/export/**/*.ts': {
      group: ['**/services/*', '**/store/*', '**/adapters/*', '**/wiring', '**/wiring.js', '**/local/*', '**/handlers/*', '**/http/*', '**/ports', '**/ports.js', '**/dev-controls.js', '@aws-sdk/*', '@aws-lambda-powertools/*'],
      message: 'a file writer turns data (shared/) into bytes: it reads nothing and imports no layer of the application',
    },
    'functions/src/{store,adapters}/**/*.ts': {
      group: ['**/services/*', '**/wiring', '**/wiring.js', '**/local/*', '**/handlers/*', '**/http/*', '**/dev-controls.js'],
      message: 'adapters implement ports: they never import services, the wiring, the HTTP layer or the local stack',
    },
    'functions/src/{handlers,http}/**/*.ts': {
      group: ['**/local/*', '**/store/*', '**/adapters/*'],
      message: 'handlers reach adapters through the wiring (functions/src/wiring.ts), never directly, and never the local stack',
    },
    'functions/src/{ports,config,topology,wiring,dev-controls}.ts': {
      group: ['**/local/*', '**/handlers/*', '**/http/*', '**/services/*'],
      message: 'the wiring and the ports sit below the handlers and services, above the adapters',
    },
    'functions/src/wiring/*.ts': {
      group: ['**/local/*', '**/handlers/*', '**/http/*', '**/services/*'],
      message: 'the wiring and the ports sit below the handlers and services, above the adapters',
    },
  }),
);

/** One `no-restricted-imports` block per layer: the import groups it may not reach. */
function boundaries(layers) {
  return Object.entries(layers).map(([files, { group, message }]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  }));
}
