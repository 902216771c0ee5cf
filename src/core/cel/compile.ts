// The one way an expression is compiled, for rules and maturity checks alike: one environment
// shape (limits, declared field types), parse, type-check, check the result type, harden
// (linear-time `matches`, metered evaluation). Callers turn a failure into their own problem
// (file, line, code); this module says only what went wrong.
import { Environment, type ParseResult } from '@marcbachmann/cel-js'
import { hardenExpression } from './budget.js'

/** Structural limits every expression is parsed with (a hostile rule file cannot build a huge AST). */
export const CEL_LIMITS = { maxAstNodes: 5000, maxDepth: 64 } as const

/** CEL type names used to declare the fields of registered views. */
export const CEL = { string: 'string', bool: 'bool', int: 'int', strings: 'list<string>' } as const

/** The declared CEL type of every field of a view class. */
export type CelFields<T> = Record<Exclude<keyof T, symbol>, string>

/** A new, empty environment with the shared limits. */
export function celEnvironment(): Environment {
  return new Environment({ limits: CEL_LIMITS })
}

/** What the CEL library reports for a syntax or type error. */
export interface CelFailure {
  code?: string
  summary?: string
  message: string
  range?: { start: number; end: number }
}

/** Why an expression did not compile. */
export type CompileFailure =
  | { stage: 'syntax'; failure: CelFailure }
  | { stage: 'type'; failure: CelFailure }
  /** It type-checks, but its result is not the expected type. */
  | { stage: 'result'; actual: string | undefined }

export type CompileResult = { expression: ParseResult } | { failure: CompileFailure }

/**
 * Compiles one expression in `env`: parse, type-check, check that the result is `expected` (when
 * given), then harden it for evaluation. The single entry point a build-time precompiler calls.
 */
export function compileExpression(env: Environment, source: string, expected?: string): CompileResult {
  let expression: ParseResult
  try {
    expression = env.parse(source)
  } catch (error) {
    return { failure: { stage: 'syntax', failure: error as CelFailure } }
  }
  const checked = expression.check()
  if (!checked.valid) return { failure: { stage: 'type', failure: checked.error as CelFailure } }
  if (expected !== undefined && checked.type !== expected) return { failure: { stage: 'result', actual: checked.type } }
  return { expression: hardenExpression(expression) }
}

/** The one-line summary of a CEL failure. */
export function describeCelFailure(failure: CelFailure): string {
  return failure.summary ?? failure.message.split('\n')[0]
}

/** The one-line reason a compile failed, whatever its stage. */
export function describeCompileFailure(failure: CompileFailure, expected?: string): string {
  if (failure.stage === 'result') return `must be a ${expected ?? 'different'} expression, but it is ${failure.actual ?? 'of unknown type'}`
  return `${failure.stage === 'syntax' ? 'is not valid CEL' : 'does not type-check'}: ${describeCelFailure(failure.failure)}`
}

/** Compiled built-in expressions of one environment, by expected type and source text. */
export type BuiltinCache = Map<string, ParseResult>

/**
 * Compiles an expression that already compiled cleanly at build time (the built-in rules and
 * maturity checks, checked by `npm run generate` and the tests), through compileExpression; the
 * same text compiled in the same environment (`cache`) is compiled once. Should it fail after all,
 * the result throws when evaluated, so the defect is reported where the expression runs
 * (positioned, like any evaluation error) instead of stopping the whole run.
 */
export function compileBuiltin(
  env: Environment,
  source: string,
  expected: string | undefined,
  what: string,
  cache?: BuiltinCache
): ParseResult {
  const key = `${expected ?? ''}\u0000${source}`
  const known = cache?.get(key)
  if (known) return known
  const compiled = compileExpression(env, source, expected)
  if ('expression' in compiled) {
    cache?.set(key, compiled.expression)
    return compiled.expression
  }
  const message = `${what} ${describeCompileFailure(compiled.failure, expected)} (a defect of this Threatloop build)`
  const failing = (): never => {
    throw new Error(message)
  }
  return Object.assign(failing, { check: () => ({ valid: false, error: new Error(message) }), ast: undefined }) as unknown as ParseResult
}
