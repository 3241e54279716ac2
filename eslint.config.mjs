// ESLint (flat config): typescript-eslint's recommended rules for all TypeScript, plus
// a few house rules. The generated imports/k8s.ts and the outputs are not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['imports/**', 'dist/**', 'lib/**', 'node_modules/**', 'coverage/**'] },
  // The Python app's venv (npm run test:python) holds the jsii runtime's bundled JavaScript.
  { ignores: ['bindings/python/.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The construct's validation works on `unknown` input from plain JavaScript callers and
      // on parsed YAML: `any` is the honest type there, kept to the tools and tests.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      // The library never prints: problems are thrown as errors.
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': ['error'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
