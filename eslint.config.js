// Lint, plus the architecture's boundaries as rules: the engine is pure, and tfjs stays out of content scripts.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'webextension-polyfill', '@tensorflow/*', '@tensorflow-models/*', 'preact', 'preact/*', 'sharp'],
            message: 'src/engine is pure: no browser, Node, tfjs or UI imports.' },
          { group: ['../*', '!../engine/*'], message: 'src/engine imports only from src/engine.' },
        ],
      }],
    },
  },
  {
    files: ['src/content/**', 'src/background/**', 'src/popup/**', 'src/gallery/**', 'src/shared/**'],
    ignores: ['src/shared/platform/firefox.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@tensorflow/*', '@tensorflow-models/*', '**/ml/*', '**/model-host/*'],
          message: 'tfjs lives in the model host only (src/ml, src/model-host).' }],
      }],
    },
  },
);
