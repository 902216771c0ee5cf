import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import jest from 'eslint-plugin-jest'
import { defineConfig } from 'eslint/config'

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // js-yaml 5 has no default export at runtime although its types accept one.
      'no-restricted-imports': ['error', { paths: [{ name: 'js-yaml', importNames: ['default'], message: 'js-yaml 5 has named exports only.' }] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'js-yaml', importNames: ['default'], message: 'js-yaml 5 has named exports only.' }],
        patterns: [
          { group: ['@actions/*', '@octokit/*', 'node:*', 'fs', 'child_process', 'http', 'https', 'undici', '**/adapters/**'], message: 'src/core is pure: no I/O, platform or environment access.' }
        ]
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'src/core never reads the environment.' }]
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } }
  },
  { files: ['__tests__/**'], ...jest.configs['flat/recommended'] }
)
