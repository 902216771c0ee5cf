import { CONFIG_FILE, GATE_CONDITIONS } from '../../core/domain.js'
import { suggestClosest } from '../../core/problems.js'
import type { GateCondition } from '../../core/report/gate.js'
import { dataBranchProblem } from '../platform/data-branch-name.js'

export const ISSUE_MODES = ['off', 'preview', 'write', 'auto'] as const
export const COMMENT_MODES = ['upsert', 'off'] as const
export const CONFIG_SIDES = ['auto', 'base', 'head'] as const
export const BOOLEANS = ['true', 'false'] as const
export const INTEL_MODES = ['auto', 'off'] as const
export const HISTORY_MODES = ['off', 'branch'] as const

export type IssueModeInput = (typeof ISSUE_MODES)[number]

/** The action's inputs after validation; `undefined` means "from `.threatloop.yaml`, else the default". */
export interface ActionInputs {
  token: string
  /** Repository paths the review is restricted to; empty = every model the configuration finds. */
  paths: string[]
  configPath: string
  /** `auto` reads the configuration from the base on pull requests, so a PR cannot weaken its own gate. */
  configFrom: (typeof CONFIG_SIDES)[number]
  failOn?: GateCondition[]
  warnOn?: GateCondition[]
  issues?: IssueModeInput
  issueLabel: string
  issueExtraLabels?: string[]
  assignOwners?: boolean
  maxIssueWrites?: number
  comment: (typeof COMMENT_MODES)[number]
  /** Undefined = do not write the file (input `none`). */
  sarifPath?: string
  /** Code scanning category written into the SARIF file; undefined = none (upload-sarif's `category:` decides). */
  sarifCategory?: string
  jsonReportPath?: string
  /** Login the token acts as (GitHub App installation tokens); undefined = resolved from the token. */
  botLogin?: string
  riskIterations?: number
  /** `auto`: scheduled and manually dispatched runs keep the intelligence issues; `off`: never. */
  intel: (typeof INTEL_MODES)[number]
  /** Feed files (repository paths) added to `intelligence:` of the configuration. */
  intelStix: string[]
  intelIncidents: string[]
  /** `config` (as `intelligence.osv` says), `on`, `off`, or the base URL of an OSV-compatible API. */
  intelOsv: string
  /** `branch`: default-branch runs append their snapshot to `history.jsonl` on `historyBranch` (issue 19). */
  history: (typeof HISTORY_MODES)[number]
  historyBranch: string
}

/** Reads one input by its action.yml name (core.getInput in the action, a map in tests). */
export type InputReader = (name: string) => string

/**
 * Every input with its default: the one table action.yml's `default:` values are tied to (a test
 * compares them). The code applies these defaults itself, so a runner that passes an empty value
 * (or none, as `@github/local-action` does) gets what action.yml promises. An `${{ … }}`
 * expression is a runner-side default only.
 */
export const ACTION_INPUT_DEFAULTS = {
  'github-token': '${{ github.token }}',
  'bot-login': '',
  paths: '',
  config: CONFIG_FILE,
  'config-from': 'auto',
  'fail-on': '',
  'warn-on': '',
  issues: '',
  'issue-label': 'threatloop',
  'issue-extra-labels': '',
  'assign-owners': '',
  'max-issue-writes': '',
  comment: 'upsert',
  sarif: 'threatloop.sarif',
  'sarif-category': '',
  'json-report': 'threatloop-review.json',
  'risk-iterations': '',
  intel: 'auto',
  'intel-stix': '',
  'intel-incidents': '',
  'intel-osv': 'config',
  history: 'off',
  'history-branch': 'threatloop-data'
} as const satisfies Record<string, string>

/** Names of every input, as action.yml declares them. */
export const INPUT_NAMES = Object.keys(ACTION_INPUT_DEFAULTS) as (keyof typeof ACTION_INPUT_DEFAULTS)[]

/** A file input set to this writes no file (an empty value means the default). */
export const NO_FILE = 'none'

type InputName = (typeof INPUT_NAMES)[number]

function listOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

// Plain checks, not zod: this module runs before the action's first request, and zod would load with it.
const isLabelName = (l: string): boolean => l.length >= 1 && l.length <= 50 && !l.includes(',')

/** Why a path input is not allowed, or undefined when it is. */
function pathProblem(p: string): string | undefined {
  if (p.length > 1000) return 'a path of at most 1000 characters'
  if (p.split(/[\\/]/).includes('..')) return 'expected a path inside the workspace (without `..`)'
  return undefined
}

/**
 * Reads and validates every input in one place. All problems are returned at once; each names the
 * input, what it got and what is allowed.
 */
export function readActionInputs(read: InputReader): { inputs?: ActionInputs; problems: string[] } {
  const problems: string[] = []
  const raw = (name: InputName): string => {
    const value = read(name).trim()
    const fallback: string = ACTION_INPUT_DEFAULTS[name]
    return value !== '' || fallback.startsWith('${{') ? value : fallback
  }
  const quote = (value: string): string => JSON.stringify(value)

  const oneOf = <T extends string>(name: InputName, allowed: readonly T[], fallback?: T): T | undefined => {
    const value = raw(name)
    if (value === '') return fallback
    const lower = value.toLowerCase()
    const found = allowed.find((a) => a === lower)
    if (found !== undefined) return found
    const hint = suggestClosest(value, allowed)
    problems.push(`input \`${name}\`: got ${quote(value)}; allowed: ${allowed.join(', ')}${hint ? ` (did you mean \`${hint}\`?)` : ''}`)
    return fallback
  }

  const conditions = (name: InputName): GateCondition[] | undefined => {
    const value = raw(name)
    if (value === '') return undefined
    const items = listOf(value)
    if (items.length === 1 && items[0].toLowerCase() === 'none') return []
    const out: GateCondition[] = []
    for (const item of items) {
      const found = GATE_CONDITIONS.find((c) => c === item.toLowerCase())
      if (found !== undefined) out.push(found)
      else {
        const hint = suggestClosest(item, GATE_CONDITIONS)
        problems.push(
          `input \`${name}\`: ${quote(item)} is not a gate condition${hint ? ` (did you mean \`${hint}\`?)` : ''}; allowed: none, or a comma/newline list of ${GATE_CONDITIONS.join(', ')}`
        )
      }
    }
    return out
  }

  const integer = (name: InputName, min: number, max: number): number | undefined => {
    const value = raw(name)
    if (value === '') return undefined
    const parsed = Number(value.replace(/_/g, ''))
    if (/^[0-9_]+$/.test(value) && /[0-9]/.test(value) && Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed
    problems.push(`input \`${name}\`: got ${quote(value)}; allowed: a whole number from ${min} to ${max}`)
    return undefined
  }

  const path = (name: InputName): string => {
    const value = raw(name)
    const problem = pathProblem(value)
    if (problem === undefined) return value
    problems.push(`input \`${name}\`: got ${quote(value)}; allowed: ${problem}`)
    return value
  }
  const file = (name: InputName): string | undefined => {
    const value = raw(name)
    return value.toLowerCase() === NO_FILE || value === '' ? undefined : path(name)
  }
  const login = (name: InputName): string | undefined => {
    const value = raw(name)
    if (value === '') return undefined
    if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(value)) return value
    problems.push(`input \`${name}\`: got ${quote(value)}; allowed: a GitHub login such as \`my-app[bot]\``)
    return undefined
  }

  const label = (name: InputName, value: string): string | undefined => {
    if (isLabelName(value)) return value
    problems.push(`input \`${name}\`: label ${quote(value)} is not allowed; allowed: 1 to 50 characters without commas`)
    return undefined
  }

  const category = raw('sarif-category')
  if (category !== '' && !/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(category)) {
    problems.push(
      `input \`sarif-category\`: got ${quote(category.slice(0, 120))}; allowed: up to 100 letters, digits and . _ : / - (e.g. threatloop-payments)`
    )
  }

  const token = raw('github-token')
  if (token === '') problems.push('input `github-token`: it is empty; allowed: a token, normally `${{ github.token }}` (the default)')
  const paths = listOf(read('paths'))
  for (const p of paths)
    if (pathProblem(p) !== undefined)
      problems.push(`input \`paths\`: ${quote(p)} leaves the workspace; allowed: paths inside the repository`)
  const issueLabel = label('issue-label', raw('issue-label')) ?? ACTION_INPUT_DEFAULTS['issue-label']
  const extra = raw('issue-extra-labels')
  const issueExtraLabels =
    extra === ''
      ? undefined
      : listOf(extra)
          .map((l) => label('issue-extra-labels', l))
          .filter((l): l is string => l !== undefined)
  const assign = oneOf('assign-owners', BOOLEANS)
  const feeds = (name: InputName): string[] => {
    const items = listOf(read(name))
    for (const p of items)
      if (pathProblem(p) !== undefined)
        problems.push(`input \`${name}\`: ${quote(p)} leaves the workspace; allowed: paths inside the repository`)
    return items
  }
  const osvRaw = raw('intel-osv') || 'config'
  const intelOsv = ['config', 'on', 'off'].includes(osvRaw.toLowerCase()) ? osvRaw.toLowerCase() : osvRaw
  if (!['config', 'on', 'off'].includes(intelOsv) && !/^https?:\/\/[^\s/]+\S*$/.test(intelOsv))
    problems.push(
      `input \`intel-osv\`: got ${quote(intelOsv.slice(0, 120))}; allowed: config, on, off, or the http(s) URL of an OSV-compatible API`
    )

  const historyBranch = raw('history-branch')
  const branchProblem = dataBranchProblem(historyBranch)
  if (branchProblem !== undefined)
    problems.push(`input \`history-branch\`: got ${quote(historyBranch.slice(0, 120))}; allowed: ${branchProblem}`)

  const inputs: ActionInputs = {
    token,
    paths,
    configPath: path('config'),
    configFrom: oneOf('config-from', CONFIG_SIDES) ?? ACTION_INPUT_DEFAULTS['config-from'],
    failOn: conditions('fail-on'),
    warnOn: conditions('warn-on'),
    issues: oneOf('issues', ISSUE_MODES),
    issueLabel,
    issueExtraLabels,
    assignOwners: assign === undefined ? undefined : assign === 'true',
    maxIssueWrites: integer('max-issue-writes', 0, 500),
    comment: oneOf('comment', COMMENT_MODES) ?? ACTION_INPUT_DEFAULTS.comment,
    sarifPath: file('sarif'),
    sarifCategory: category === '' ? undefined : category,
    jsonReportPath: file('json-report'),
    botLogin: login('bot-login'),
    riskIterations: integer('risk-iterations', 1000, 1_000_000),
    intel: oneOf('intel', INTEL_MODES, 'auto') ?? 'auto',
    intelStix: feeds('intel-stix'),
    intelIncidents: feeds('intel-incidents'),
    intelOsv,
    history: oneOf('history', HISTORY_MODES, 'off') ?? 'off',
    historyBranch
  }
  return problems.length > 0 ? { problems } : { inputs, problems }
}
