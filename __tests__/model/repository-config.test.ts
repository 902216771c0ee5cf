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

  test('settings are read and defaults filled in', () => {
    const result = loadRepositoryConfig(FILE, 'models: [threat-models/**/*.yaml]\nignore: [vendor/**]\ngate:\n  fail_on: [new-critical]\n')
    expect(result.problems).toEqual([])
    expect(result.config?.models).toEqual(['threat-models/**/*.yaml'])
    expect(result.config?.ignore).toContain('vendor/**')
    expect(result.config?.ignore).toContain('**/node_modules/**')
    expect(result.config?.raw.gate?.fail_on).toEqual(['new-critical'])
  })
})
