// Bounded evaluation of CEL expressions (rules, maturity checks): a counted work budget and
// linear-time regular expressions. The expression library (@marcbachmann/cel-js) has structural
// limits at parse time (AST nodes, depth) but no cost tracking at evaluation time, so the
// budget is counted here (docs/security.md, "Work budget").
import { Environment, type ParseResult } from '@marcbachmann/cel-js'
import { RE2JS } from 're2js'

/** Evaluation budgets, in cost units: one per node evaluated plus the size of every value built. */
export const CEL_BUDGET = {
  /** One rule over one model (all its subjects, conditions, element lists and messages). */
  perRule: 5_000_000,
  /** Every rule over every model of one review. */
  perReview: 50_000_000
} as const

/** Thrown (and reported) when an evaluation goes over its budget. */
export class CelBudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(`over its evaluation budget of ${limit.toLocaleString('en-US')} steps`)
  }
}

/** A running count of evaluation cost, shared by everything one budget covers. */
export interface CelMeter {
  used: number
  limit: number
}

/** A meter with `limit` units. */
export function createMeter(limit: number): CelMeter {
  return { used: 0, limit }
}

let active: CelMeter | undefined

/** Operations that build a new value, charged by its size (so doubling chains hit the budget). */
const BUILDS = new Set(['+', 'list', 'map', 'call', 'rcall'])

function sizeOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length
  if (value instanceof Map || value instanceof Set) return value.size
  return 0
}

interface EvaluatorLike {
  run(ast: AstLike, ctx: unknown): unknown
}

interface AstLike {
  op: string
  args: unknown
  evaluate(ev: EvaluatorLike, ast: AstLike, ctx: unknown): unknown
}

let installed = false

/**
 * Counts every node the evaluator runs (comprehension steps included) against the active meter.
 * The evaluator class is not exported; a registered function is called with the evaluator as
 * `this`, which gives its prototype once.
 */
function installMeter(): void {
  if (installed) return
  installed = true
  let proto: EvaluatorLike | undefined
  const probe = new Environment().registerFunction('threatloopProbe(): bool', function (this: EvaluatorLike) {
    proto = Object.getPrototypeOf(this) as EvaluatorLike
    return true
  })
  probe.evaluate('threatloopProbe()', {})
  if (!proto || typeof proto.run !== 'function') throw new Error('the CEL evaluator could not be metered')
  proto.run = function run(this: EvaluatorLike, ast: AstLike, ctx: unknown): unknown {
    const meter = active
    if (meter && ++meter.used > meter.limit) throw new CelBudgetExceeded(meter.limit)
    const result = ast.evaluate(this, ast, ctx)
    if (meter && BUILDS.has(ast.op)) {
      meter.used += sizeOf(result)
      if (meter.used > meter.limit) throw new CelBudgetExceeded(meter.limit)
    }
    return result
  }
}

const PATTERN_CACHE_SIZE = 256
const patterns = new Map<string, RE2JS>()

/** CEL's `matches`: RE2 syntax and a partial match, in linear time (no backtracking). */
export function re2Matches(text: unknown, pattern: unknown): boolean {
  if (typeof text !== 'string' || typeof pattern !== 'string') throw new Error('matches expects a string and a string pattern')
  let re = patterns.get(pattern)
  if (!re) {
    try {
      re = RE2JS.compile(pattern)
    } catch (error) {
      throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error
      })
    }
    if (patterns.size >= PATTERN_CACHE_SIZE) patterns.delete(patterns.keys().next().value!)
    patterns.set(pattern, re)
  }
  return re.test(text)
}

/**
 * Makes a checked expression safe to evaluate: every `string.matches(pattern)` call runs on the
 * linear-time engine instead of the host's backtracking RegExp. Call after `check()`, which sets
 * each call's handler.
 */
export function hardenExpression(expression: ParseResult): ParseResult {
  installMeter()
  const seen = new Set<unknown>()
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    const node = value as { op?: unknown; args?: unknown; meta?: Record<string, unknown>; handle?: unknown }
    const isNode = typeof node.op === 'string' && 'args' in node
    if (!isNode && Object.getPrototypeOf(value) !== Object.prototype) return
    if (isNode && node.op === 'rcall' && Array.isArray(node.args) && node.args[0] === 'matches') {
      node.handle = (values: unknown[]) => re2Matches(values[0], values[1])
    }
    if (isNode) {
      visit(node.args)
      visit(node.meta?.alternate)
      visit(node.meta?.macro)
      return
    }
    for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key])
  }
  visit(expression.ast)
  return expression
}

/**
 * Evaluates a hardened expression against `meter`: throws CelBudgetExceeded once the meter is
 * spent, even where CEL's error absorption (`||`, `exists`) would have swallowed the error.
 */
export function evaluateMetered(expression: ParseResult, context: object, meter: CelMeter): unknown {
  installMeter()
  const outer = active
  active = meter
  try {
    if (meter.used > meter.limit) throw new CelBudgetExceeded(meter.limit)
    const result: unknown = expression(context)
    if (meter.used > meter.limit) throw new CelBudgetExceeded(meter.limit)
    return result
  } finally {
    active = outer
  }
}
