// One lint for the viewer's JavaScript. The rules catch bugs (undefined names, unused code, loose
// equality, unreachable or self-defeating code); layout is Prettier's job alone (.prettierrc.json),
// so no rule here is about style.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'target/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `x == null` is the one loose comparison kept: it means "null or undefined", on purpose.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'array-callback-return': 'error',
      'no-throw-literal': 'error',
    },
  },
  // The page runs in browsers; the trust library also runs under Node (its tests, no-WebCrypto path).
  { files: ['src/main/js/**/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['src/test/js/**/*.js', 'tools/**/*.mjs', 'eslint.config.js'], languageOptions: { globals: globals.node } },
];
