import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]
const focusedTests = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: 'Focused or skipped tests must not be committed.',
  })),
)

/** Packages a package must never import: browser, node and collector depend on core only. */
const forbiddenPackages = (...names) =>
  names.map((name) => ({ name, message: 'Packages depend on @itinera/core, never on each other.' }))
const utilityBelts = ['lodash', 'lodash-es', 'underscore', 'ramda'].map((name) => ({
  name,
  message: 'No utility belts in shipped code.',
}))

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'docs/api/**',
      '**/.tsbuild*/**',
      'coverage/**',
      '**/*.min.js',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'require-await': 'off',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': ['error', ...focusedTests],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Plain ES modules the browser loads as is: the explorer and the demo shop.
    files: ['packages/collector/src/web/public/**/*.js', 'examples/demo-shop/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'location',
          'self',
          'process',
          'global',
          'Buffer',
        ].map((name) => ({
          name,
          message: 'core is isomorphic: inject platform facilities instead.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeModules.map((name) => ({ name, message: 'core must not import Node modules.' })),
            ...forbiddenPackages('@itinera/browser', '@itinera/node', '@itinera/collector'),
            ...utilityBelts,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/browser/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeModules.map((name) => ({
              name,
              message: 'The browser SDK must not import Node modules.',
            })),
            ...forbiddenPackages('@itinera/node', '@itinera/collector'),
            ...utilityBelts,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/node/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...forbiddenPackages('@itinera/browser', '@itinera/collector'), ...utilityBelts],
        },
      ],
    },
  },
  {
    // Shipped code loads only the wire part of core; tests may use the engines.
    files: ['packages/node/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbiddenPackages('@itinera/browser', '@itinera/collector'),
            ...utilityBelts,
            {
              name: '@itinera/core',
              message:
                'Import @itinera/core/wire: the root also loads the identity and journey engines.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/collector/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...forbiddenPackages('@itinera/browser', '@itinera/node'), ...utilityBelts] },
      ],
    },
  },
  prettier,
)
