import { describe, expect, test } from '@jest/globals'
import ajv2020 from 'ajv/dist/2020.js'
import ajvDraft07 from 'ajv'
import { load } from 'js-yaml'
import { loadModel } from '../../src/core/model/load.js'
import { modelJsonSchema } from '../../src/core/model/json-schema.js'
import { parseYamlDocument } from '../../src/core/model/yaml-document.js'
import { formatProblem, type Problem } from '../../src/core/problems.js'
import { INVALID_MODEL_CASES, lines, type ExpectedProblem, type InvalidModelCase } from '../fixtures/invalid/model-cases.js'

// ajv is CommonJS: at runtime the default import is the class itself; its types describe the namespace.
const Ajv2020 = ajv2020 as unknown as typeof ajv2020.default
const AjvDraft07 = ajvDraft07 as unknown as typeof ajvDraft07.default

const DEFAULT_FILE = 'models/demo.threatmodel.yaml'

function run(testCase: InvalidModelCase): Problem[] {
  const result = loadModel({ path: testCase.file ?? DEFAULT_FILE, content: testCase.content }, { limits: testCase.limits })
  expect(result.model).toBeUndefined()
  return result.problems
}

/** A comparable view of a problem: only what the case pins down. */
function view(problem: Problem, expected: ExpectedProblem): Record<string, unknown> {
  return {
    line: problem.line,
    column: problem.column,
    path: problem.path,
    code: problem.code,
    elementId: problem.elementId,
    ...(expected.message !== undefined ? { message: problem.message } : {}),
    ...(expected.includes ? { includes: expected.includes.filter((part) => problem.message.includes(part)) } : {})
  }
}

test('there are at least 45 invalid-model cases with unique names', () => {
  expect(INVALID_MODEL_CASES.length).toBeGreaterThanOrEqual(45)
  expect(new Set(INVALID_MODEL_CASES.map((c) => c.name)).size).toBe(INVALID_MODEL_CASES.length)
})

describe('invalid models report every problem at its exact position', () => {
  test.each(INVALID_MODEL_CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const problems = run(testCase)
    const file = testCase.file ?? DEFAULT_FILE
    expect({ count: problems.length, problems: problems.map(formatProblem) }).toMatchObject({ count: testCase.expected.length })
    problems.forEach((problem, i) => {
      const expected = testCase.expected[i]
      expect(problem.file).toBe(file)
      expect(problem.severity).toBe('error')
      expect(view(problem, expected)).toEqual({
        line: expected.line,
        column: expected.column,
        path: expected.path,
        code: expected.code,
        elementId: expected.elementId,
        ...(expected.message !== undefined ? { message: expected.message } : {}),
        ...(expected.includes ? { includes: expected.includes } : {})
      })
    })
  })
})

describe('the JSON Schema rejects the schema-level cases', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(modelJsonSchema())
  const schemaLevel = INVALID_MODEL_CASES.filter((c) => c.schemaLevel)

  test('a good share of the cases is schema-level', () => {
    expect(schemaLevel.length).toBeGreaterThanOrEqual(20)
  })

  test.each(schemaLevel.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const text = typeof testCase.content === 'string' ? testCase.content : new TextDecoder().decode(testCase.content)
    expect(validate(load(text))).toBe(false)
  })
})

// The YAML language server in editors validates with draft-07 semantics; the exported schema only
// uses keywords that mean the same there, so the same cases must fail under draft-07 too.
describe('the JSON Schema read as draft-07 (as editors do) rejects the same cases', () => {
  const { $schema: _dialect, ...rest } = modelJsonSchema()
  const validate = new AjvDraft07({ allErrors: true, strict: true }).compile({
    ...rest,
    $schema: 'http://json-schema.org/draft-07/schema#'
  })

  test.each(INVALID_MODEL_CASES.filter((c) => c.schemaLevel).map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const text = typeof testCase.content === 'string' ? testCase.content : new TextDecoder().decode(testCase.content)
    expect(validate(load(text))).toBe(false)
  })
})

describe('hostile input', () => {
  test('__proto__ and constructor keys do not pollute prototypes', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const text = lines(
      'threatloop: 1',
      'model:',
      '  id: demo',
      '  title: Demo',
      '  __proto__: { polluted: true }',
      '  constructor: { prototype: { polluted: true } }'
    )
    const parsed = parseYamlDocument('m.yaml', text)
    expect(parsed.ok).toBe(true)
    const value = parsed.ok ? (parsed.document.value as { model: Record<string, unknown> }) : undefined
    // The key is data on the object itself, never the object's prototype.
    expect(Object.getPrototypeOf(value?.model)).toBe(Object.prototype)
    expect(Object.hasOwn(value?.model ?? {}, '__proto__')).toBe(true)
    expect((value?.model as { polluted?: unknown }).polluted).toBeUndefined()
    loadModel({ path: 'm.yaml', content: text })
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
  })

  test('the alias-expansion limit is counted, not expanded', () => {
    // 4 levels of 10 aliases each: 10,000 nodes once expanded, from a 200-byte text.
    const text = lines(
      'threatloop: 1',
      'model: { id: demo, title: Demo }',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'
    )
    const small = loadModel({ path: 'm.yaml', content: text }, { limits: { maxExpandedNodes: 5000 } })
    expect(small.problems.map((p) => [p.code, p.line])).toEqual([['limits/aliases', 6]])
    const roomy = loadModel({ path: 'm.yaml', content: text }, { limits: { maxExpandedNodes: 20000 } })
    expect(roomy.problems.map((p) => p.code)).toEqual([
      'schema/unknown-key',
      'schema/unknown-key',
      'schema/unknown-key',
      'schema/unknown-key'
    ])
  })
})
