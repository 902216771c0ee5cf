import type { Environment, ParseResult } from '@marcbachmann/cel-js'
import { compileBuiltin, compileExpression, describeCelFailure, type BuiltinCache, type CelFailure } from '../cel/compile.js'
import type { Severity } from '../model/schema.js'
import type { SourceMap, TextPosition } from '../model/yaml-document.js'
import { compareProblems, formatDocumentPath, suggestClosest, type Problem } from '../problems.js'
import { BUILTIN_RULES } from './builtin-rules.generated.js'
import { createRuleEnvironments, type RuleScope } from './rule-environment.js'
import { CONFIG_FILE } from '../domain.js'
import type { RuleSubject } from './rule-graph.js'
import { parseRuleFile, type ParsedRule, type PreparedRule, type RuleFile } from './rule-schema.js'
import { REVIEW_RULE_PAGES, reviewRuleSettings, type ReviewRuleSetting } from './review-rules.js'

/** A rule file handed over by an adapter: repository-relative path and text. */
export interface RuleText {
  path: string
  text: string
}

/** Which rules to load and how the repository configuration adjusts them. */
export interface RuleSetOptions {
  /** Load the built-in rules (default true). */
  builtin?: boolean
  /** Custom rule files, read by the adapter from the folders the configuration names. */
  custom?: readonly RuleText[]
  /** Rule ids switched off. */
  disable?: readonly string[]
  /** New severities by rule id. */
  severity?: Readonly<Record<string, Severity>>
  /** Path of the configuration file, for problems about `disable` and `severity` entries. */
  configFile?: string
  /** Source map of the configuration file, to point at those entries. */
  configSourceMap?: SourceMap
}

/** A placeholder-free piece of a message, or a compiled placeholder expression. */
export type MessagePart = { text: string } | { expression: ParseResult; source: string }

/** A rule ready to run: its definition and compiled CEL. */
export interface CompiledRule {
  id: string
  title: string
  /** Effective severity, after any configured override. */
  severity: Severity
  subject: RuleSubject
  origin: 'builtin' | 'custom'
  file: string
  definition: RuleFile
  enabled: boolean
  condition: ParseResult
  elements: ParseResult | undefined
  message: MessagePart[]
  /** Position of the `condition` key, for problems raised while the rule runs. */
  conditionPosition: TextPosition
}

/** Compiled rules plus the scope their helper functions read; compile once, run on many models. */
export interface RuleSet {
  /** Every loaded rule, enabled or not, in id order. */
  rules: readonly CompiledRule[]
  ids: ReadonlySet<string>
  /** The review-level rules (src/core/rules/review-rules.ts) as the configuration leaves them, by id. */
  review: ReadonlyMap<string, ReviewRuleSetting>
  scope: RuleScope
}

const PLACEHOLDER = /\{\{\s*([\s\S]+?)\s*\}\}/g

/**
 * Loads built-in and custom rules, compiles and type-checks their CEL, and applies configuration.
 * Custom rules are parsed, validated and compiled here, with positioned problems. The built-in
 * rules come already parsed and validated (builtin-rules.generated.ts); each of their expressions
 * compiles on first use, so a rule that never runs (disabled, or nothing for it to look at) costs
 * nothing.
 */
export function loadRuleSet(options: RuleSetOptions = {}): { ruleSet: RuleSet; problems: Problem[] } {
  const problems: Problem[] = []
  const prepared: { rule: PreparedRule; parsed?: ParsedRule }[] = []
  // The review-level rules' ids are taken: their findings would be mistaken for a rule file's.
  const firstFileById = new Map<string, string>(REVIEW_RULE_PAGES.map((page) => [page.rule.id, `${page.source} (a review-level rule)`]))
  const add = (rule: PreparedRule, parsed?: ParsedRule): void => {
    const id = rule.rule.id
    const first = firstFileById.get(id)
    if (first !== undefined) {
      problems.push({
        file: rule.file,
        ...(parsed?.sourceMap.locate(['id']) ?? { line: 1, column: 1 }),
        path: 'id',
        severity: 'error',
        code: 'rule/duplicate-id',
        message: `rule id \`${id}\` is already defined in ${first}; rule ids must be unique (disable the other rule and pick a new id)`,
        elementId: id
      })
      return
    }
    firstFileById.set(id, rule.file)
    prepared.push({ rule, parsed })
  }
  if (options.builtin !== false) for (const rule of BUILTIN_RULES) add(rule)
  for (const file of options.custom ?? []) {
    const result = parseRuleFile(file.path, file.text)
    problems.push(...result.problems)
    if (!result.rule) continue
    const { rule, severity, sourceMap } = result.rule
    add({ file: file.path, rule, severity, conditionPosition: sourceMap.locate(['condition']) }, result.rule)
  }
  const ids = new Set(prepared.map(({ rule }) => rule.rule.id))
  const scope: RuleScope = { graph: undefined }
  let environments: Record<RuleSubject, Environment> | undefined
  const environment = (subject: RuleSubject): Environment => (environments ??= createRuleEnvironments(scope, ids))[subject]
  // Built-in rules share expressions (`element.id` in most messages): each text compiles once per subject.
  const caches = new Map<RuleSubject, BuiltinCache>()
  const disabled = new Set(options.disable ?? [])
  const overrides = options.severity ?? {}
  const rules: CompiledRule[] = []
  for (const { rule, parsed } of prepared) {
    const compiled = parsed ? compileRule(parsed, environment(rule.rule.applies_to), problems) : builtinRule(rule, environment, caches)
    if (!compiled) continue
    compiled.enabled = !disabled.has(compiled.id)
    compiled.severity = overrides[compiled.id] ?? compiled.severity
    rules.push(compiled)
  }
  const review = reviewRuleSettings(options.disable, options.severity)
  problems.push(...checkConfiguredIds(options, new Set([...ids, ...review.keys()])))
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { ruleSet: { rules, ids, review, scope }, problems: problems.sort(compareProblems) }
}

/** A built-in rule whose expressions compile when first used (they compiled cleanly at build time). */
function builtinRule(
  prepared: PreparedRule,
  environment: (subject: RuleSubject) => Environment,
  caches: Map<RuleSubject, BuiltinCache>
): CompiledRule {
  const { rule } = prepared
  const subject = rule.applies_to
  const compile = (source: string, expected: string | undefined, what: string): ParseResult => {
    let cache = caches.get(subject)
    if (!cache) caches.set(subject, (cache = new Map() as BuiltinCache))
    return compileBuiltin(environment(subject), source, expected, `${what} of rule ${rule.id}`, cache)
  }
  let condition: ParseResult | undefined
  let elements: ParseResult | undefined
  let message: MessagePart[] | undefined
  return {
    id: rule.id,
    title: rule.title,
    severity: prepared.severity,
    subject: rule.applies_to,
    origin: 'builtin',
    file: prepared.file,
    definition: rule,
    enabled: true,
    get condition() {
      return (condition ??= compile(rule.condition, 'bool', '`condition`'))
    },
    get elements() {
      return rule.elements === undefined ? undefined : (elements ??= compile(rule.elements, 'list<string>', '`elements`'))
    },
    get message() {
      return (message ??= messageParts(rule.message, (source) =>
        compile(source, undefined, `placeholder \`{{ ${source} }}\` in \`message\``)
      ))
    },
    conditionPosition: prepared.conditionPosition
  }
}

/** Splits a message template into text and compiled placeholders (a placeholder that does not compile is left out). */
function messageParts(template: string, compile: (source: string, offset: number) => ParseResult | undefined): MessagePart[] {
  const message: MessagePart[] = []
  let last = 0
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) message.push({ text: template.slice(last, match.index) })
    const source = match[1]
    const expression = compile(source, match.index + match[0].indexOf(source))
    if (expression) message.push({ expression, source })
    last = match.index + match[0].length
  }
  if (last < template.length) message.push({ text: template.slice(last) })
  return message
}

function checkConfiguredIds(options: RuleSetOptions, ids: ReadonlySet<string>): Problem[] {
  const file = options.configFile ?? CONFIG_FILE
  const problems: Problem[] = []
  const report = (path: (string | number)[], id: string, setting: string): void => {
    const suggestion = suggestClosest(id, ids)
    problems.push({
      file,
      ...(options.configSourceMap?.locate(path) ?? { line: 1, column: 1 }),
      path: formatDocumentPath(path),
      severity: 'warning',
      code: 'config/unknown-rule',
      message: `\`rules.${setting}\` names unknown rule \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
    })
  }
  ;(options.disable ?? []).forEach((id, i) => {
    if (!ids.has(id)) report(['rules', 'disable', i], id, 'disable')
  })
  for (const id of Object.keys(options.severity ?? {})) if (!ids.has(id)) report(['rules', 'severity', id], id, 'severity')
  return problems
}

function compileRule(parsed: ParsedRule, env: Environment, problems: Problem[]): CompiledRule | undefined {
  const { rule } = parsed
  let ok = true
  // `offset` is where `source` starts inside the key's value, so errors point into the file.
  const compile = (
    key: 'condition' | 'elements' | 'message',
    source: string,
    offset: number,
    expected: string | undefined,
    what: string
  ): ParseResult | undefined => {
    const value = rule[key] ?? source
    const compiled = compileExpression(env, source, expected)
    if ('expression' in compiled) return compiled.expression
    ok = false
    const { failure } = compiled
    if (failure.stage === 'syntax')
      problems.push(
        celProblem(parsed, key, value, offset, source, failure.failure, 'rule/cel-syntax', `${what} of rule ${rule.id} is not valid CEL`)
      )
    else if (failure.stage === 'type') {
      const code = failure.failure.code === 'unknown_variable' ? 'rule/cel-unknown-variable' : 'rule/cel-type'
      problems.push(celProblem(parsed, key, value, offset, source, failure.failure, code, `${what} of rule ${rule.id} does not type-check`))
    } else
      problems.push({
        file: parsed.file,
        ...parsed.sourceMap.locate([key]),
        path: key,
        severity: 'error',
        code: 'rule/cel-type',
        message: `${what} of rule ${rule.id} must be a ${expected} expression, but it is ${failure.actual ?? 'of unknown type'}`,
        elementId: rule.id
      })
    return undefined
  }
  const condition = compile('condition', rule.condition, 0, 'bool', '`condition`')
  const elements = rule.elements === undefined ? undefined : compile('elements', rule.elements, 0, 'list<string>', '`elements`')
  const message = messageParts(rule.message, (source, offset) =>
    compile('message', source, offset, undefined, `placeholder \`{{ ${source} }}\` in \`message\``)
  )
  if (!ok || !condition) return undefined
  return {
    id: rule.id,
    title: rule.title,
    severity: parsed.severity,
    subject: rule.applies_to,
    origin: 'custom',
    file: parsed.file,
    definition: rule,
    enabled: true,
    condition,
    elements,
    message,
    conditionPosition: parsed.sourceMap.locate(['condition'])
  }
}

function celProblem(
  parsed: ParsedRule,
  key: string,
  value: string,
  offset: number,
  source: string,
  failure: CelFailure,
  code: string,
  what: string
): Problem {
  const start = failure.range?.start ?? 0
  const position = locateInScalar(parsed, key, value, offset + start)
  const summary = describeCelFailure(failure)
  return {
    file: parsed.file,
    ...position,
    path: key,
    severity: 'error',
    code,
    message: `${what}: ${summary}${pointAt(source, start)}`,
    elementId: parsed.rule.id
  }
}

/** A short excerpt of the expression around an offset, so single-line messages still show where. */
function pointAt(source: string, offset: number): string {
  const from = Math.max(0, offset - 20)
  const excerpt = source.slice(from, offset + 20).replace(/\s+/g, ' ')
  return ` (at \`${from > 0 ? '…' : ''}${excerpt}${offset + 20 < source.length ? '…' : ''}\`, character ${offset + 1})`
}

/**
 * Position in the rule file of an offset inside a scalar's (trimmed) value. Exact for plain and
 * quoted one-line scalars and for `|` blocks; for other styles, the start of the value.
 */
function locateInScalar(parsed: ParsedRule, key: string, value: string, offset: number): TextPosition {
  const start = parsed.sourceMap.locate([key])
  const keyAt = parsed.sourceMap.locate([key], { key: true })
  const lines = parsed.text.split(/\r\n|\r|\n/)
  const keyLine = lines[keyAt.line - 1] ?? ''
  const afterKey = keyLine.slice(keyAt.column - 1 + key.length).replace(/^\s*:\s*/, '')
  const before = value.slice(0, offset)
  const lineInValue = (before.match(/\n/g) ?? []).length
  const columnInLine = offset - (before.lastIndexOf('\n') + 1)
  if (/^\|[-+0-9]*\s*(#.*)?$/.test(afterKey)) {
    // The block's first non-blank line sets the indentation; trimming only removed leading blank lines.
    let first = keyAt.line
    while (first < lines.length && lines[first].trim() === '') first++
    const contentLine = lines[first] ?? ''
    const indent = contentLine.length - contentLine.trimStart().length
    return { line: first + 1 + lineInValue, column: indent + columnInLine + 1 }
  }
  if (/^>/.test(afterKey) || lineInValue > 0) return start
  const indicator = (lines[start.line - 1] ?? '').charAt(start.column - 1)
  const quoted = indicator === '"' || indicator === "'" ? 1 : 0
  return { line: start.line, column: start.column + quoted + columnInLine }
}
