import { DEFAULT_GATE_SETTINGS, type GateCondition, type GateSettings } from '../domain.js'
import { SEVERITY_RANK } from '../findings.js'
import type { Severity } from '../model/schema.js'

export { DEFAULT_GATE_SETTINGS, type GateCondition, type GateSettings } from '../domain.js'
export type GateStatus = 'pass' | 'warn' | 'fail'

/** Everything the gate looks at, already compared base → head by the review. */
export interface GateInput {
  /** Validation errors in the head models (these always fail the gate). */
  validationErrorCount: number
  /** New, unsuppressed rule findings on head. */
  newFindings: readonly { id: string; severity: Severity; modelId?: string }[]
  /** Residual severity of threats on base and head; `base` absent = new threat, `head` absent = removed. */
  threatChanges: readonly { modelId: string; threatId: string; base?: Severity; head?: Severity }[]
  /** Money changes, with the materiality decision already made by the risk engine (docs/risk-engine.md §6). */
  moneyChanges: readonly { metric: 'ale-mean' | 'ale-p90'; modelId?: string; base: number; head: number; material: boolean }[]
  /** Maturity level per category on base and head. */
  maturityChanges: readonly { category: string; modelId?: string; base: number; head: number }[]
  /** Components whose code changed while their model did not (condition `model-drift`, off by default). */
  codeDrift?: readonly { modelId: string; component: string }[]
  /** New attack surface no head threat covers (condition `new-attack-surface`, off by default). */
  newSurface?: readonly { modelId: string; kind: string; id: string }[]
  /** Acceptances and high/critical suppressions added or changed without an approving review by a listed approver. */
  unapproved?: readonly { modelId: string; kind: 'acceptance' | 'suppression'; element: string; approvers: readonly string[] }[]
}

export interface GateReason {
  condition: GateCondition
  /** Whether this condition failed the gate or only warned. */
  level: 'fail' | 'warn'
  message: string
}

export interface GateDecision {
  status: GateStatus
  reasons: GateReason[]
}

/** Gate settings from `.threatloop.yaml` `gate:`; a list that is given replaces its default. */
export function gateSettingsFromConfig(gate: { fail_on?: readonly string[]; warn_on?: readonly string[] } | undefined): GateSettings {
  return { failOn: gate?.fail_on ?? DEFAULT_GATE_SETTINGS.failOn, warnOn: gate?.warn_on ?? DEFAULT_GATE_SETTINGS.warnOn }
}

/** How many offending items a reason names before it says "and N more". */
const LISTED_ITEMS = 5

/** Decides pass / warn / fail for a review and says which conditions caused it. */
export function decideGate(input: GateInput, settings: GateSettings): GateDecision {
  const reasons: GateReason[] = []
  const levelOf = (condition: GateCondition): GateReason['level'] | undefined =>
    settings.failOn.includes(condition) ? 'fail' : settings.warnOn.includes(condition) ? 'warn' : undefined
  const add = (condition: GateCondition, message: string, level = levelOf(condition)): void => {
    if (level !== undefined) reasons.push({ condition, level, message })
  }

  if (input.validationErrorCount > 0) {
    add('validation-error', `${plural(input.validationErrorCount, 'validation error')} in the models`, 'fail')
  }

  for (const threshold of ['critical', 'high', 'medium', 'low'] as const) {
    const condition = `new-finding-${threshold}` as const
    if (levelOf(condition) === undefined) continue
    const hits = input.newFindings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold])
    if (hits.length > 0) {
      add(condition, `${plural(hits.length, 'new finding')} at ${threshold} or above: ${list(hits.map((f) => `${f.id} (${f.severity})`))}`)
    }
  }

  const added = input.threatChanges.filter((t) => t.base === undefined && t.head !== undefined)
  const newCritical = added.filter((t) => t.head === 'critical')
  if (newCritical.length > 0)
    add('new-critical', `${plural(newCritical.length, 'new critical threat')}: ${list(newCritical.map(threatName))}`)
  const newHigh = added.filter((t) => t.head !== undefined && SEVERITY_RANK[t.head] >= SEVERITY_RANK.high)
  if (newHigh.length > 0) add('new-high', `${plural(newHigh.length, 'new threat')} at high or above: ${list(newHigh.map(threatMove))}`)

  const raised = input.threatChanges.filter(
    (t) => t.base !== undefined && t.head !== undefined && SEVERITY_RANK[t.head] > SEVERITY_RANK[t.base]
  )
  if (raised.length > 0)
    add('severity-increase', `${plural(raised.length, 'threat')} increased in severity: ${list(raised.map(threatMove))}`)
  const toCritical = raised.filter((t) => t.head === 'critical')
  if (toCritical.length > 0) {
    add(
      'severity-increase-to-critical',
      `${plural(toCritical.length, 'threat')} increased to critical: ${list(toCritical.map(threatMove))}`
    )
  }

  for (const metric of ['ale-mean', 'ale-p90'] as const) {
    const rises = input.moneyChanges.filter((m) => m.metric === metric && m.material && m.head > m.base)
    if (rises.length > 0) {
      const label = metric === 'ale-mean' ? 'mean annual loss (ALE)' : 'P90 annual loss'
      add(`${metric}-increase`, `material increase of ${label}: ${list(rises.map(moneyMove))}`)
    }
  }

  const regressions = input.maturityChanges.filter((m) => m.head < m.base)
  if (regressions.length > 0) {
    add(
      'maturity-regression',
      `maturity fell in ${plural(regressions.length, 'category', 'categories')}: ${list(regressions.map(maturityMove))}`
    )
  }

  const unapproved = input.unapproved ?? []
  if (unapproved.length > 0) {
    add(
      'unapproved-acceptance',
      `${plural(unapproved.length, 'acceptance or suppression', 'acceptances or suppressions')} without an approving review by a listed approver: ${list(unapproved.map((u) => `${u.modelId}/${u.element} (${u.kind}; approvers: ${u.approvers.join(', ')})`))}`
    )
  }

  const drift = input.codeDrift ?? []
  if (drift.length > 0) {
    add(
      'model-drift',
      `code changed but its model did not for ${plural(drift.length, 'component')}: ${list(drift.map((d) => `${d.modelId}/${d.component}`))}`
    )
  }

  const surface = input.newSurface ?? []
  if (surface.length > 0) {
    add(
      'new-attack-surface',
      `new attack surface without threats on ${plural(surface.length, 'element')}: ${list(surface.map((s) => `${s.modelId}/${s.id} (${s.kind})`))}`
    )
  }

  const status: GateStatus = reasons.some((r) => r.level === 'fail') ? 'fail' : reasons.length > 0 ? 'warn' : 'pass'
  return { status, reasons }
}

function threatName(t: GateInput['threatChanges'][number]): string {
  return `${t.modelId}/${t.threatId}`
}

function threatMove(t: GateInput['threatChanges'][number]): string {
  return `${threatName(t)} (${t.base ?? 'new'} → ${t.head ?? 'removed'})`
}

function moneyMove(m: GateInput['moneyChanges'][number]): string {
  const where = m.modelId === undefined ? 'all models' : m.modelId
  const percent = m.base > 0 ? ` (+${Math.round(((m.head - m.base) / m.base) * 100)}%)` : ''
  return `${where} ${formatAmount(m.base)} → ${formatAmount(m.head)}${percent}`
}

function maturityMove(m: GateInput['maturityChanges'][number]): string {
  return `${m.modelId === undefined ? '' : `${m.modelId}/`}${m.category} (level ${m.base} → ${m.head})`
}

/** Whole currency units with thousands separators, independent of the runner's locale. */
function formatAmount(amount: number): string {
  return Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, LISTED_ITEMS).join(', ')
  return items.length > LISTED_ITEMS ? `${shown} and ${items.length - LISTED_ITEMS} more` : shown
}
