// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createRequire } from 'node:module';

// Electron's typings ship inside its package, which npm drops where the binary cannot be downloaded.
const hasElectron = (() => {
  try {
    createRequire(import.meta.url).resolve('electron/electron.d.ts');
    return true;
  } catch {
    return false;
  }
})();

const nodeBuiltins = {
  group: ['node:*'],
  message: 'The engine and shared code are browser-safe: take the outside world through ports.ts.',
};
const hostLayers = {
  group: ['#storage', '#backend', 'better-sqlite3', 'electron', 'react', 'react-dom'],
  message: 'Dependency rule (DESIGN §1): this layer may not import that.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'schema/**',
      'bin/**',
      'test/golden/**',
      'test-results/**',
      'e2e/screenshots/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, hostLayers] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            hostLayers,
            { group: ['#engine', 'xstate', 'jsonata'], message: 'shared imports only zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-support.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: ['./tsconfig.renderer.json'] } },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.electron.json'] } },
  },
  {
    files: ['e2e/electron/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./e2e/electron/tsconfig.json'] } },
  },
  ...(hasElectron
    ? []
    : [
        {
          files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'e2e/electron/**/*.ts'],
          ...tseslint.configs.disableTypeChecked,
        },
      ]),
  { files: ['**/*.d.ts'], rules: { 'no-var': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
