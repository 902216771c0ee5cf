import { describe, expect, test } from '@jest/globals'
import { findingFingerprint } from '../../src/core/report/fingerprint.js'
import { makeFinding } from './report-fixtures.js'

describe('findingFingerprint', () => {
  const base = makeFinding('unencrypted-confidential-flow', ['F-1'])

  test('is 64 hex digits and ignores position, message and severity', () => {
    const moved = makeFinding('unencrypted-confidential-flow', ['F-1'], {
      position: { line: 400, column: 9 },
      message: 'reworded',
      severity: 'critical'
    })
    expect(findingFingerprint(base)).toMatch(/^[0-9a-f]{64}$/)
    expect(findingFingerprint(moved)).toBe(findingFingerprint(base))
  })

  test('changes with the file, rule, model or elements', () => {
    const variants = [
      makeFinding('unencrypted-confidential-flow', ['F-1'], { file: 'copied/model.yaml' }),
      makeFinding('threat-without-mitigation', ['F-1']),
      makeFinding('unencrypted-confidential-flow', ['F-1'], { modelId: 'other-model' }),
      makeFinding('unencrypted-confidential-flow', ['F-2']),
      makeFinding('unencrypted-confidential-flow', ['F-1', 'A-1'])
    ]
    const prints = new Set([base, ...variants].map(findingFingerprint))
    expect(prints.size).toBe(6)
  })

  test('one path, one spelling: ./ and backslashes do not change it', () => {
    const file = base.file
    expect(findingFingerprint({ ...base, file: `./${file}` })).toBe(findingFingerprint(base))
    expect(findingFingerprint({ ...base, file: file.replace(/\//g, '\\') })).toBe(findingFingerprint(base))
  })

  test('separates element lists that would concatenate to the same text', () => {
    const a = makeFinding('r', ['ab', 'c'])
    const b = makeFinding('r', ['a', 'bc'])
    expect(findingFingerprint(a)).not.toBe(findingFingerprint(b))
  })
})
