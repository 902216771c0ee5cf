import { describe, expect, test } from '@jest/globals'
import { parseCommandArgs, UsageError } from '../../src/adapters/cli/output.js'

describe('parseCommandArgs: the preamble every command shares', () => {
  test('options and positionals come back typed; -h and --help print the help and return undefined', () => {
    const printed: string[] = []
    const output = { out: (t: string) => printed.push(t), err: () => undefined }
    const parsed = parseCommandArgs(['a.yaml', '--format', 'json'], { format: { type: 'string', default: 'text' } }, 'HELP', output)
    expect(parsed?.values.format).toBe('json')
    expect(parsed?.positionals).toEqual(['a.yaml'])
    expect(parseCommandArgs(['-h'], { format: { type: 'string' } }, 'HELP', output)).toBeUndefined()
    expect(parseCommandArgs(['x', '--help'], {}, 'HELP 2', output)).toBeUndefined()
    expect(printed).toEqual(['HELP', 'HELP 2'])
  })

  test('an unknown option or a missing value is a UsageError (exit 2), not a crash', () => {
    const output = { out: () => undefined, err: () => undefined }
    expect(() => parseCommandArgs(['--nope'], {}, 'HELP', output)).toThrow(UsageError)
    expect(() => parseCommandArgs(['--format'], { format: { type: 'string' } }, 'HELP', output)).toThrow(UsageError)
  })
})
