// Lint, plus the architecture's boundaries as rules: the engine and the site records are pure, and tfjs stays out
// of content scripts.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // scratch/ holds a developer's own analysis scripts (gitignored): not part of the code to lint.
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A rest pattern that drops fields (`const { image: _i, ...meta } = work`) names what it drops.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'webextension-polyfill', '@tensorflow/*', '@tensorflow-models/*', 'preact', 'preact/*', 'sharp'],
            message: 'src/engine is pure: no browser, Node, tfjs or UI imports.' },
          // The site records are pure data too: complaint pages are a site's facts.
          { group: ['../*', '!../engine/*', '!../sites'], message: 'src/engine imports only from src/engine and src/sites (its index).' },
        ],
      }],
    },
  },
  {
    files: ['src/sites/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'webextension-polyfill', '@tensorflow/*', '@tensorflow-models/*', 'preact', 'preact/*', 'sharp'],
            message: 'src/sites is pure data: the engine, the build config and Node tests import it.' },
          { group: ['../*'], message: 'src/sites imports only from src/sites.' },
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
