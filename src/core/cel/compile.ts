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
