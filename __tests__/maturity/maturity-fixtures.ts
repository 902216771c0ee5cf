import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { assessMaturity, type MaturityOptions, type MaturityReport } from '../../src/core/maturity/assess-maturity.js'
import type { MaturityContext } from '../../src/core/maturity/maturity-context.js'
import { loadModel, type LoadedModel } from '../../src/core/model/load.js'
import type { KnowledgeBase, KnowledgeEntry } from '../../src/core/kb/knowledge-base.js'

/** The date every fixture is assessed on. */
export const TODAY = '2026-01-15'

/** A review that observed everything: CI on a pull request, every output, tracker listed and read back clean. */
export const FULL_CONTEXT: MaturityContext = {
  platform: 'github',
  event: 'pull_request',
  observed: {
    platform: 'github',
    inCi: true,
    commentPosted: true,
    sarifWritten: true,
    codeQualityWritten: false,
    jsonReportWritten: true,
    summaryWritten: true,
    trackerListed: true,
    trackerDrift: 0,
    knowledgeBaseDate: '2025-12-16'
  },
  trackerSync: { enabled: true, linkedMitigations: ['M-2'] },
  rules: { builtin: 40, custom: 2 },
  knowledgeBase: { cwe: true, capec: true, attack: true, organisation: true },
  modelErrors: 0,
  resolvedTemplates: ['web-service']
}

function catalogue(entries: Record<string, string>): ReadonlyMap<string, KnowledgeEntry> {
  return new Map(Object.entries(entries).map(([id, status]) => [id, { name: id, status }]))
}

/** Catalogues holding every reference of the mature fixture. */
export const KNOWLEDGE_BASE: KnowledgeBase = {
  cwe: catalogue({ 'CWE-294': 'Stable', 'CWE-89': 'Stable', 'CWE-319': 'Draft', 'CWE-1': 'Deprecated' }),
  capec: catalogue({ 'CAPEC-60': 'Stable' }),
  attack: catalogue({ 'T1550.004': 'active', T1190: 'active', T1110: 'revoked' })
}

/** A model document as a plain value, for tests to change before loading. */
export type ModelValue = Record<string, unknown> & {
  model: Record<string, unknown> & { business: Record<string, unknown> }
  components: Record<string, unknown>[]
  assets: Record<string, unknown>[]
  actors: Record<string, unknown>[]
  threats: (Record<string, unknown> & { references: Record<string, unknown>; acceptance?: Record<string, unknown> })[]
  mitigations: (Record<string, unknown> & { references: Record<string, unknown> })[]
  incidents: Record<string, unknown>[]
  risk?: Record<string, unknown>
}

const MATURE_TEXT = readFileSync(join(process.cwd(), '__tests__/maturity/fixtures/mature.threatmodel.yaml'), 'utf8')

/** A fresh copy of the mature fixture. */
export function matureModel(): ModelValue {
  return load(MATURE_TEXT) as ModelValue
}

/** Element of a list by id; fails loudly when a test names one that does not exist. */
export function byId<T extends Record<string, unknown>>(list: T[], id: string): T {
  const found = list.find((item) => item.id === id)
  if (!found) throw new Error(`fixture has no element ${id}`)
  return found
}

/** Loads a model value (or YAML text); throws with the problems when it does not load. */
export function loadValue(value: unknown, file = 'fixture.threatmodel.yaml'): LoadedModel {
  const content = typeof value === 'string' ? value : JSON.stringify(value, null, 1)
  const result = loadModel({ path: file, content })
  const errors = result.problems.filter((p) => p.severity === 'error')
  if (!result.model || errors.length > 0)
    throw new Error(`fixture does not load:\n${errors.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`)
  return result.model
}

/** Assesses a model value with the full context and knowledge base unless told otherwise. */
export function assess(value: unknown, context: MaturityContext = FULL_CONTEXT, options: Partial<MaturityOptions> = {}): MaturityReport {
  return assessMaturity(loadValue(value), context, { today: TODAY, knowledgeBase: KNOWLEDGE_BASE, ...options })
}

/** One category of a report, by id. */
export function category(report: MaturityReport, id: string): MaturityReport['categories'][number] {
  const found = report.categories.find((c) => c.id === id)
  if (!found) throw new Error(`report has no category ${id}`)
  return found
}
