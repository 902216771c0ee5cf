import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import jest from 'eslint-plugin-jest'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import { defineConfig } from 'eslint/config'

const jsYamlNamedOnly = { name: 'js-yaml', importNames: ['default'], message: 'js-yaml 5 has named exports only.' }

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
      'no-restricted-imports': ['error', { paths: [jsYamlNamedOnly] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    // Types are imported as types (erased at build time, never a runtime dependency or cycle).
    files: ['src/**/*.ts', '__tests__/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error'
    }
  },
  {
    // No import cycles in the product. Specifiers end in .js and name .ts sources.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'], extensionAlias: { '.js': ['.ts', '.js'] } })
      ]
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [jsYamlNamedOnly],
          patterns: [
            {
              group: [
                '@actions/*',
                '@octokit/*',
                'node:*',
                'fs',
                'fs/*',
                'child_process',
                'http',
                'https',
                'net',
                'os',
                'path',
                'undici',
                '**/adapters/**'
              ],
              message: 'src/core is pure: no I/O, platform or environment access.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core never reads its runtime: adapters pass what it needs.' },
        { name: 'fetch', message: 'src/core does no I/O.' },
        { name: 'require', message: 'src/core does no I/O.' },
        { name: 'Buffer', message: 'src/core uses Uint8Array and TextDecoder, not Node buffers.' },
        { name: 'setTimeout', message: 'src/core is synchronous.' },
        { name: 'setInterval', message: 'src/core is synchronous.' }
      ],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'process', message: 'src/core never reads its runtime.' },
        { object: 'globalThis', property: 'fetch', message: 'src/core does no I/O.' }
      ]
    }
  },
  {
    // One home for domain constants (src/core/domain.ts): no copies of them elsewhere.
    files: ['src/**/*.ts'],
    ignores: ['src/core/domain.ts', 'src/**/*.generated.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Literal[value='.threatloop.yaml']", message: 'Use CONFIG_FILE from src/core/domain.ts.' },
        {
          selector: "CallExpression[callee.property.name='slice'] > MemberExpression > CallExpression[callee.property.name='toISOString']",
          message: 'Use isoDate/today from src/core/domain.ts.'
        },
        {
          selector: "ArrayExpression:has(> Literal[value='implemented']):has(> Literal[value='verified'])",
          message: 'Mitigation status sets live in src/core/domain.ts (IN_PLACE_STATUSES, OPEN_STATUSES, …).'
        },
        {
          selector: "ArrayExpression:has(> Literal[value='proposed']):has(> Literal[value='in-progress'])",
          message: 'Mitigation status sets live in src/core/domain.ts (IN_PLACE_STATUSES, OPEN_STATUSES, …).'
        },
        {
          selector: "ArrayExpression:has(> Literal[value='new-critical']):has(> Literal[value='severity-increase-to-critical'])",
          message: 'Gate conditions and the default gate live in src/core/domain.ts.'
        }
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } }
  },
  { files: ['__tests__/**'], ...jest.configs['flat/recommended'] }
)
