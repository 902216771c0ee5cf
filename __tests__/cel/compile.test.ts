import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { celEnvironment, compileExpression, describeCelFailure } from '../../src/core/cel/compile.js'

const env = celEnvironment().registerVariable('name', 'string')

describe('compileExpression: the one compile entry point of rules and maturity checks', () => {
  test('a valid expression of the expected type compiles and evaluates', () => {
    const result = compileExpression(env, 'name.startsWith("pay")', 'bool')
    expect('expression' in result && result.expression({ name: 'payments' })).toBe(true)
  })

  test('each failure says at which stage it failed', () => {
    const syntax = compileExpression(env, 'name ==', 'bool')
    expect('failure' in syntax && syntax.failure.stage).toBe('syntax')
    const type = compileExpression(env, 'nme == "x"', 'bool')
    expect('failure' in type && type.failure.stage).toBe('type')
    const summary = 'failure' in type && type.failure.stage === 'type' ? describeCelFailure(type.failure.failure) : 'missing'
    expect(summary).not.toMatch(/\n|^missing$/)
    expect(compileExpression(env, 'name', 'bool')).toEqual({ failure: { stage: 'result', actual: 'string' } })
    expect('expression' in compileExpression(env, 'name')).toBe(true)
  })

  test('matches runs on the linear-time engine (RE2 syntax: no backreferences)', () => {
    const result = compileExpression(env, 'name.matches("^(a+)+$")', 'bool')
    expect('expression' in result && result.expression({ name: `${'a'.repeat(40)}!` })).toBe(false)
    const backreference = compileExpression(env, 'name.matches("(a)\\\\1")', 'bool')
    expect(() => {
      if ('expression' in backreference) backreference.expression({ name: 'aa' })
    }).toThrow(/invalid regular expression/)
  })
})

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

test('no second compile path: environments are built and expressions compiled only in src/core/cel', () => {
  const outside = sources('src')
    .filter((path) => !path.startsWith(join('src', 'core', 'cel')))
    .filter((path) => /new Environment\(|\.check\(\)|\benv\.parse\(/.test(readFileSync(path, 'utf8')))
  expect(outside).toEqual([])
})
