import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { loadRepositoryConfig } from '../../src/core/config/load.js'
import { DEFAULT_MODEL_GLOBS } from '../../src/core/config/schema.js'
import { formatProblem } from '../../src/core/problems.js'
import { INVALID_CONFIG_CASES } from '../fixtures/invalid/config-cases.js'

const FILE = '.threatloop.yaml'

describe('invalid repository configuration reports every problem at its exact position', () => {
  test.each(INVALID_CONFIG_CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const result = loadRepositoryConfig(FILE, testCase.content)
    expect(result.config).toBeUndefined()
    expect({ count: result.problems.length, problems: result.problems.map(formatProblem) }).toMatchObject({
      count: testCase.expected.length
    })
    result.problems.forEach((problem, i) => {
      const expected = testCase.expected[i]
      expect(problem).toMatchObject({
        file: FILE,
        severity: 'error',
        line: expected.line,
        column: expected.column,
        path: expected.path,
        code: expected.code
      })
      expect(problem.message).toBe(expected.message ?? problem.message)
      expect((expected.includes ?? []).filter((part) => !problem.message.includes(part))).toEqual([])
    })
  })
})

describe('valid repository configuration', () => {
  test('a missing, empty or comment-only file means the defaults', () => {
    for (const content of [undefined, '', '# nothing configured yet\n']) {
      const result = loadRepositoryConfig(FILE, content)
      expect(result.problems).toEqual([])
      expect(result.config?.models).toEqual([...DEFAULT_MODEL_GLOBS])
    }
  })

  test("the README's example configuration is valid and draws no warning", () => {
    const readme = readFileSync('README.md', 'utf8')
    const example = /## Configuration: `\.threatloop\.yaml`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)
    expect(example).not.toBeNull()
    const result = loadRepositoryConfig(FILE, example![1])
    expect(result.problems).toEqual([])
    expect(result.config?.raw.gate?.warn_on).toContain('new-attack-surface')
  })

  test('settings are read and defaults filled in', () => {
    const result = loadRepositoryConfig(FILE, 'models: [threat-models/**/*.yaml]\nignore: [vendor/**]\ngate:\n  fail_on: [new-critical]\n')
    expect(result.problems).toEqual([])
    expect(result.config?.models).toEqual(['threat-models/**/*.yaml'])
    expect(result.config?.ignore).toContain('vendor/**')
    expect(result.config?.ignore).toContain('**/node_modules/**')
    expect(result.config?.raw.gate?.fail_on).toEqual(['new-critical'])
  })

  test('a gate condition whose rule is disabled is valid, with a warning at the condition that it can never fire', () => {
    const line = '  warn_on: [severity-increase, model-drift]'
    const text = `rules:\n  disable: [code-changed-model-untouched]\ngate:\n  fail_on: [new-critical]\n${line}\n`
    const result = loadRepositoryConfig(FILE, text)
    expect(result.config?.raw.gate?.warn_on).toEqual(['severity-increase', 'model-drift'])
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 5,
        column: line.indexOf('model-drift') + 1,
        path: 'gate.warn_on[1]',
        severity: 'warning',
        code: 'config/gate-condition-never-fires',
        message:
          'gate condition `model-drift` can never fire: `rules.disable` turns off rule `code-changed-model-untouched`, which is what finds it'
      }
    ])
    // With the rule on, or the condition not listed, nothing to say.
    expect(loadRepositoryConfig(FILE, 'gate:\n  fail_on: [model-drift]\n').problems).toEqual([])
    expect(loadRepositoryConfig(FILE, 'rules:\n  disable: [code-changed-model-untouched]\n').problems).toEqual([])
  })
})
