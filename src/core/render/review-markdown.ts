import type { ElementChange, FieldChange } from '../diff/index.js'
import type { Finding } from '../findings.js'
import { SEVERITY_RANK } from '../findings.js'
import { sha256Hex } from '../report/sha256.js'
import type { ModelReview, Review } from '../review/types.js'
import { codeSpan, escapeInline, escapeTableCell } from './escape.js'
import { renderApprovals, renderBestMitigations, renderCodeDrift, renderHorizons } from './review-sections.js'
import { arrow, count, formatMoney, formatPercent, severityCountChanges, severityCountsText, SEVERITY_ICONS } from './format.js'
import { renderMermaid } from './mermaid.js'

/** The marker that finds Threatloop's sticky comment again (with the bot author). */
export const COMMENT_MARKER = '<!-- threatloop:sticky v1 -->'
const HASH_PREFIX = '<!-- threatloop:hash:'

/** GitHub rejects comment bodies over 65,536 characters; stay well below. */
export const COMMENT_BUDGET = 60_000

export interface ReviewMarkdownOptions {
  /** `comment` for the PR/MR comment, `summary` for the fuller job summary. */
  audience: 'comment' | 'summary'
  /** Largest body to produce; detail is dropped in stages to fit. */
  maxLength?: number
  /** Where the fuller report is, named when detail had to be dropped. */
  fullReportHint?: string
}

/** Detail stages, dropped from the end of this list first. */
interface Detail {
  unchangedList: boolean
  maturityTable: boolean
  diagram: boolean
  rowsPerTable: number
  fieldDetail: boolean
  sections: boolean
}

const STAGES: Detail[] = [
  { unchangedList: true, maturityTable: true, diagram: true, rowsPerTable: 2000, fieldDetail: true, sections: true },
  { unchangedList: true, maturityTable: true, diagram: true, rowsPerTable: 100, fieldDetail: true, sections: true },
  { unchangedList: false, maturityTable: true, diagram: true, rowsPerTable: 100, fieldDetail: true, sections: true },
  { unchangedList: false, maturityTable: false, diagram: true, rowsPerTable: 50, fieldDetail: true, sections: true },
  { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 30, fieldDetail: true, sections: true },
  { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 15, fieldDetail: false, sections: true },
  { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 5, fieldDetail: false, sections: true },
  { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 0, fieldDetail: false, sections: false }
]

/** Renders the review as Markdown for a PR/MR comment or a job summary, within a size budget. */
export function renderReviewMarkdown(review: Review, options: ReviewMarkdownOptions): string {
  const budget = options.maxLength ?? (options.audience === 'comment' ? COMMENT_BUDGET : 900_000)
  let body = ''
  // The comment starts with bounded tables; the job summary may list everything.
  for (let stage = options.audience === 'comment' ? 1 : 0; stage < STAGES.length; stage++) {
    body = renderAt(review, options, STAGES[stage], stage > 1)
    if (body.length + 200 <= budget) break
  }
  if (body.length + 200 > budget) body = body.slice(0, budget - 400).replace(/\n[^\n]*$/, '') + '\n\n_The report was cut to fit; the job summary and the JSON report have everything._\n'
  if (options.audience !== 'comment') return body
  const hash = sha256Hex(body).slice(0, 16)
  return `${COMMENT_MARKER}\n${HASH_PREFIX}${hash} -->\n${body}`
}

/** The content hash a rendered comment carries, to skip updates that change nothing. */
export function commentHash(body: string): string | undefined {
  const start = body.indexOf(HASH_PREFIX)
  if (start < 0) return undefined
  return body.slice(start + HASH_PREFIX.length, body.indexOf(' -->', start))
}

function renderAt(review: Review, options: ReviewMarkdownOptions, detail: Detail, reduced: boolean): string {
  const out: string[] = []
  out.push(verdictLine(review), '')
  out.push(...reasonsList(review))
  out.push(...overviewTable(review))
  out.push(...extensionSections(review))
  out.push(...generalProblems(review, detail))
  if (detail.sections) {
    // The comment shows only the maturity categories that moved; the summary and the JSON report keep the full table.
    const modelDetail = options.audience === 'comment' ? { ...detail, maturityTable: false } : detail
    for (const model of review.models) out.push(...modelSection(review, model, modelDetail))
    out.push(...issuesSection(review, detail))
  }
  if (detail.unchangedList) out.push(...unchangedSection(review))
  if (reduced) {
    out.push('', `> [!NOTE]\n> Some detail was left out to keep this ${options.audience === 'comment' ? 'comment' : 'report'} within its size limit. ${escapeInline(options.fullReportHint ?? 'The job summary and the JSON report have everything.')}`)
  }
  out.push('', footer(review))
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n'
}

/** Sections of later features (code drift, best next mitigations, approvals), in one place. */
function extensionSections(review: Review): string[] {
  const out: string[] = []
  const drift = renderCodeDrift(review)
  if (drift.length > 0) out.push('**Code changed while its threat model did not**', '', ...drift, '')
  const approvals = renderApprovals(review)
  if (approvals.length > 0) out.push('**Approvals this change needs**', '', ...approvals, '')
  const best = renderBestMitigations(review)
  if (best.length > 0 && review.models.some((m) => m.status === 'changed' || m.status === 'added')) {
    out.push('**Best next mitigations** (by value per cost, then by reduction)', '', ...best, '')
    const horizons = renderHorizons(review)
    if (horizons.length > 0) out.push('Roadmap — residual annual loss (mean) as planned work lands:', '', ...horizons, '')
  }
  return out
}

function verdictLine(review: Review): string {
  const changed = review.models.filter((m) => m.status !== 'unchanged').length
  if (review.gate.status === 'pass' && changed === 0 && review.codeDrift.length > 0) return `### ⚠️ Threatloop: code of ${count(review.codeDrift.length, 'component')} changed, its threat model did not`
  const first = review.gate.reasons[0]?.message
  if (review.gate.status === 'fail') return `### 🛑 Threatloop: ${escapeInline(first ?? 'the gate failed')}`
  if (review.gate.status === 'warn') return `### ⚠️ Threatloop: ${escapeInline(first ?? 'review advised')}`
  if (review.models.length === 0) return '### ✅ Threatloop: no threat-model files found'
  if (changed === 0) return `### ✅ Threatloop: no semantic change to ${count(review.models.length, 'threat model')}`
  return `### ✅ Threatloop: ${count(changed, 'threat model')} changed, nothing got worse`
}

function reasonsList(review: Review): string[] {
  if (review.gate.reasons.length <= 1) return []
  const lines = review.gate.reasons.map((r) => `- ${r.level === 'fail' ? '🛑' : '⚠️'} ${escapeInline(r.message)}`)
  return [...lines, '']
}

function overviewTable(review: Review): string[] {
  const t = review.totals
  const baseLabel = escapeTableCell(review.context.base?.label ?? 'before')
  const headLabel = escapeTableCell(review.context.head.label)
  const rows = [`| | ${baseLabel} | ${headLabel} | change |`, '|---|---|---|---|']
  rows.push(`| Threats critical / high / medium / low / info (residual) | ${severityCountsText(t.severity.base)} | ${severityCountsText(t.severity.head)} | ${severityCountChanges(t.severity.base, t.severity.head)} |`)
  if (t.money) {
    const { currency, base, head } = t.money
    const change = head.mean - base.mean
    const material = review.models.some((m) => m.risk.delta?.views.residual.aleMean.material)
    const text = change === 0 ? 'no change' : `${material ? '**' : ''}${formatMoney(change, currency, true)} (${formatPercent(base.mean === 0 ? null : change / base.mean)})${material ? '**' : ''}${arrow(change)}${material ? '' : ' ≈ no material change'}`
    rows.push(`| Residual annual loss, mean (exact) | ${formatMoney(base.mean, currency)} | ${formatMoney(head.mean, currency)} | ${text} |`)
    const p90Change = head.p90 - base.p90
    rows.push(`| Residual annual loss, P90 (1-in-10-year) | ${formatMoney(base.p90, currency)} | ${formatMoney(head.p90, currency)} | ${p90Change === 0 ? 'no change' : `${formatMoney(p90Change, currency, true)}${arrow(p90Change)}`} |`)
    const whatIfBase = sum(review.models.map((m) => m.risk.base?.whatIf.all ?? 0))
    const whatIfHead = sum(review.models.map((m) => m.risk.head?.whatIf.all ?? 0))
    rows.push(`| What-if: planned mitigations done (mean) | ${formatMoney(whatIfBase, currency)} | ${formatMoney(whatIfHead, currency)} | ${formatMoney(whatIfHead - whatIfBase, currency, true)} |`)
  }
  const f = t.findings
  rows.push(`| Rule findings | ${f.unchanged + f.fixed + f.suppressed} | ${f.unchanged + f.new} | ${f.new === 0 && f.fixed === 0 ? 'no change' : `+${f.new} new, −${f.fixed} fixed`} |`)
  if (t.validationErrors > 0) rows.push(`| Validation errors | | ${t.validationErrors} | 🛑 must be fixed |`)
  if (t.maturity.up + t.maturity.down > 0) rows.push(`| Maturity categories moved | | | ${[t.maturity.up && `${t.maturity.up} up ▲`, t.maturity.down && `${t.maturity.down} down ▼`].filter(Boolean).join(', ')} |`)
  if (t.models.invalid > 0) rows.push(`| Models not compared (head does not load) | | ${t.models.invalid} | fix the errors below |`)
  return [...rows, '']
}

function generalProblems(review: Review, detail: Detail): string[] {
  if (review.problems.length === 0) return []
  const shown = review.problems.slice(0, Math.max(detail.rowsPerTable, 3))
  const lines = ['#### Configuration problems', '']
  for (const p of shown) lines.push(`- ${p.severity === 'error' ? '🛑' : '⚠️'} ${fileLink(review, p.file, p.line)}: ${escapeInline(p.message)}`)
  if (review.problems.length > shown.length) lines.push(`- … and ${review.problems.length - shown.length} more`)
  return [...lines, '']
}

function modelSection(review: Review, model: ModelReview, detail: Detail): string[] {
  if (model.status === 'unchanged' && (model.findings?.new.length ?? 0) === 0) return []
  const out: string[] = []
  const file = model.head?.file ?? model.base?.file ?? ''
  const status = { added: 'new model', removed: 'model removed', changed: 'changed', unchanged: 'unchanged', invalid: '🛑 does not load' }[model.status]
  out.push(`#### ${escapeInline(model.title)} ${codeSpan(model.modelId)} — ${status}`, '')
  out.push(`${fileLink(review, file)}${model.moved ? ` (moved from ${escapeInline(model.base?.file ?? '')})` : ''}${model.head && model.head.format !== 'native' ? ` · imported from ${escapeInline(model.head.format)}` : ''}`, '')
  if (model.status === 'invalid' && model.head) {
    out.push(`The head version has ${count(model.head.problems.filter((p) => p.severity === 'error').length, 'error')}; everything else below is from what could be read.`, '')
    out.push(...problemTable(review, model.head.problems, detail.rowsPerTable || 10))
  }
  if (model.base && !model.base.valid) out.push(`_The base version did not load (${count(model.base.problems.length, 'problem')}); the head is reviewed on its own._`, '')
  out.push(...findingsTables(review, model, detail))
  out.push(...threatMoves(model, detail))
  out.push(...maturityMoves(model))
  out.push(...changeList(model, detail))
  if (detail.diagram && model.diagram && model.diagram.nodes.length > 0) {
    out.push('<details open><summary>Data-flow diagram of the change</summary>', '', '```mermaid', renderMermaid(model.diagram), '```', '')
    const { nodes, edges } = model.diagram.omitted
    if (nodes + edges > 0) out.push(`_${count(nodes, 'component')} and ${count(edges, 'flow')} left out of the diagram to keep it readable._`, '')
    out.push('Legend: green added, red removed, amber changed, grey unchanged context.', '', '</details>', '')
  }
  if (detail.maturityTable) out.push(...maturityTable(model))
  return out
}

/** A level as the seed names it: `3 (Threat modeling patterns)`, or why there is none. */
function seedLevel(side: { level: number | null; levelName: string | null; assessed: boolean } | undefined): string {
  if (!side) return '—'
  if (!side.assessed) return 'not assessed'
  return side.level === null ? 'no level evidenced' : `${side.level} (${side.levelName ?? ''})`
}

function maturityMoves(model: ModelReview): string[] {
  const moved = model.maturity.comparison?.moved ?? []
  if (moved.length === 0) return []
  const out = ['**Maturity levels that moved** (levels of the seed whitepaper)', '']
  for (const move of moved) {
    const mark = move.move === 'up' ? '▲' : '▼'
    out.push(`- ${escapeInline(move.title)}: ${escapeInline(seedLevel(move.base))} → ${escapeInline(seedLevel(move.head))} ${mark}${move.reason ? ` — ${escapeInline(move.reason, 300)}` : ''}`)
  }
  return [...out, '']
}

function maturityTable(model: ModelReview): string[] {
  const head = model.maturity.head
  if (!head) return []
  const base = new Map((model.maturity.base?.categories ?? []).map((c) => [c.id, c]))
  const out = [`<details><summary>Maturity: all ${head.categories.length} categories</summary>`, '', '| category | before | now | next step |', '|---|---|---|---|']
  for (const category of head.categories) {
    const before = base.get(category.id)
    const level = (c: typeof category | undefined): string => (c === undefined ? '—' : !c.assessed ? 'not assessed' : c.level === null ? `below ${c.minLevel}` : `${c.level}/${c.maxLevel}`)
    const next = !category.assessed ? escapeTableCell(category.notAssessedReason ?? '', 200) : category.nextStep ? escapeTableCell(category.nextStep.text, 300) : 'top level reached'
    out.push(`| ${escapeTableCell(category.title)} | ${level(before)} | ${level(category)} | ${next} |`)
  }
  return [...out, '', '</details>', '']
}

function problemTable(review: Review, problems: Review['problems'], limit: number): string[] {
  const rows = ['| where | problem |', '|---|---|']
  for (const p of problems.slice(0, limit)) rows.push(`| ${fileLink(review, p.file, p.line, p.column)} | ${escapeTableCell(p.message, 300)}${p.path ? ` (${escapeTableCell(p.path)})` : ''} |`)
  if (problems.length > limit) rows.push(`| … | ${problems.length - limit} more in the job summary |`)
  return [...rows, '']
}

function findingsTables(review: Review, model: ModelReview, detail: Detail): string[] {
  const findings = model.findings
  if (!findings) return []
  const out: string[] = []
  const table = (title: string, list: Finding[]): void => {
    if (list.length === 0) return
    const sorted = [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : 1))
    out.push(`**${title} (${list.length})**`, '')
    if (detail.rowsPerTable === 0) {
      out.push(summaryBySeverity(sorted), '')
      return
    }
    out.push('| severity | rule | finding | where |', '|---|---|---|---|')
    for (const f of sorted.slice(0, detail.rowsPerTable)) {
      out.push(`| ${SEVERITY_ICONS[f.severity]} ${f.severity} | ${codeSpan(f.ruleId, 60)} | ${escapeTableCell(f.message, 240)} | ${fileLink(review, f.file, f.position.line)} |`)
    }
    if (sorted.length > detail.rowsPerTable) out.push(`| | | … and ${sorted.length - detail.rowsPerTable} more | |`)
    out.push('')
  }
  table('New findings', findings.new)
  if (model.status === 'removed') {
    if (findings.fixed.length > 0) out.push(`_${count(findings.fixed.length, 'finding')} of the removed model go away with it._`, '')
  } else table('Fixed findings', findings.fixed)
  if (findings.suppressed.length > 0) out.push(`_${count(findings.suppressed.length, 'finding')} newly suppressed in the model._`, '')
  return out
}

function summaryBySeverity(findings: Finding[]): string {
  const counts = new Map<string, number>()
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1)
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ')
}

function threatMoves(model: ModelReview, detail: Detail): string[] {
  const delta = model.risk.delta
  if (!delta || delta.threats.length === 0 || detail.rowsPerTable === 0) return []
  const currency = model.risk.head?.currency ?? model.risk.base?.currency ?? 'USD'
  const moves = [...delta.threats].sort((a, b) => Math.abs(b.aleMean.change) - Math.abs(a.aleMean.change) || (a.id < b.id ? -1 : 1))
  const out = ['**Threats whose risk changed**', '', '| threat | severity | mean annual loss | change | why |', '|---|---|---|---|---|']
  for (const t of moves.slice(0, detail.rowsPerTable)) {
    const base = t.severity.base ?? (t.change === 'added' ? 'new' : '—')
    const head = t.severity.head ?? (t.change === 'removed' ? 'removed' : '—')
    const direction = t.direction === 'up' ? ' ▲' : t.direction === 'down' ? ' ▼' : ''
    const ale = t.aleMean.base === null && t.aleMean.head === null ? '—' : `${t.aleMean.base === null ? '—' : formatMoney(t.aleMean.base, currency)} → ${t.aleMean.head === null ? '—' : formatMoney(t.aleMean.head, currency)}`
    out.push(`| ${codeSpan(t.id, 40)} ${escapeTableCell(t.title, 80)} | ${base} → ${head}${direction} | ${ale} | ${t.aleMean.change === 0 ? '0' : formatMoney(t.aleMean.change, currency, true)} | ${escapeTableCell(t.reasons.slice(0, 3).join('; '), 200)} |`)
  }
  if (moves.length > detail.rowsPerTable) out.push(`| … ${moves.length - detail.rowsPerTable} more | | | | |`)
  out.push('', `_${count(delta.unchanged, 'threat')} unchanged (bit-identical between base and head)._`, '')
  return out
}

const SECTION_TITLES: Record<string, string> = {
  model: 'Model',
  zones: 'Trust zones',
  assets: 'Assets',
  components: 'Components',
  dataflows: 'Data flows',
  actors: 'Actors',
  threats: 'Threats',
  mitigations: 'Mitigations',
  assumptions: 'Assumptions',
  incidents: 'Incidents',
  suppressions: 'Suppressions',
  risk: 'Risk settings'
}

function changeList(model: ModelReview, detail: Detail): string[] {
  const diff = model.diff
  if (!diff || diff.isEmpty || model.status === 'added' || model.status === 'removed') {
    if (diff && (model.status === 'added' || model.status === 'removed')) {
      const total = diff.changes.length
      return total > 0 ? [`_${count(total, 'element')} ${model.status === 'added' ? 'in the new model' : 'in the removed model'}._`, ''] : []
    }
    return []
  }
  const out: string[] = []
  // The risk engine's residual severities are authoritative; the diff's qualitative moves would contradict them.
  const derived = model.risk.delta ? diff.derived.filter((d) => d.kind !== 'threat-severity-moved') : diff.derived
  const limit = Math.max(detail.rowsPerTable, 10)
  if (derived.length > 0) {
    out.push('**What the change means**', '')
    for (const d of derived.slice(0, limit)) out.push(`- ${escapeInline(d.message, 300)}`)
    if (derived.length > limit) out.push(`- … and ${derived.length - limit} more`)
    out.push('')
  }
  const bySection = new Map<string, ElementChange[]>()
  for (const change of diff.changes) bySection.set(change.section, [...(bySection.get(change.section) ?? []), change])
  out.push('**Changed elements**', '')
  for (const [section, changes] of bySection) {
    const limit = detail.rowsPerTable === 0 ? 0 : Math.max(detail.rowsPerTable, 5)
    const parts = changes.slice(0, limit).map((c) => changeText(c, detail.fieldDetail))
    const more = changes.length > limit ? `${limit > 0 ? '; ' : ''}${changes.length - limit} more` : ''
    out.push(`- ${SECTION_TITLES[section] ?? section}: ${parts.join('; ')}${more}`)
  }
  out.push('')
  return out
}

function changeText(change: ElementChange, fieldDetail: boolean): string {
  const id = codeSpan(change.id, 60)
  if (change.change === 'added') return `${id} added`
  if (change.change === 'removed') return `${id} removed`
  if (change.change === 'renamed') return `${codeSpan(change.previousId ?? '', 60)} renamed to ${id}${fieldDetail && change.fields.length > 0 ? ` (${fieldsText(change.fields)})` : ''}`
  return fieldDetail ? `${id} (${fieldsText(change.fields)})` : `${id} changed`
}

function fieldsText(fields: FieldChange[]): string {
  const shown = fields.slice(0, 4).map((f) => {
    if (f.change === 'modified' && isScalar(f.before) && isScalar(f.after)) return `${escapeInline(f.path)}: ${valueText(f.before)} → ${valueText(f.after)}`
    if (f.change === 'members') {
      const added = (f.addedMembers ?? []).map((m) => `+${valueText(m)}`)
      const removed = (f.removedMembers ?? []).map((m) => `−${valueText(m)}`)
      return `${escapeInline(f.path)}: ${[...added, ...removed].join(' ')}`
    }
    return `${escapeInline(f.path)} ${f.change}`
  })
  return shown.join(', ') + (fields.length > 4 ? `, +${fields.length - 4} more` : '')
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 || /\n/.test(value) ? '(text)' : codeSpan(value, 40)
  if (isScalar(value)) return codeSpan(String(value), 40)
  return '(…)'
}

function issuesSection(review: Review, detail: Detail): string[] {
  const plan = review.issues
  if (!plan || plan.mode === 'off') return []
  const { create, update, close, reopen } = plan.summary
  const writing = plan.mode === 'write'
  const verbs = writing ? ['opens', 'reopens', 'updates', 'closes'] : ['open', 'reopen', 'update', 'close']
  const parts = [create && `${verbs[0]} ${count(create, 'issue')}`, reopen && `${verbs[1]} ${count(reopen, 'issue')}`, update && `${verbs[2]} ${count(update, 'issue')}`, close && `${verbs[3]} ${count(close, 'issue')}`].filter(Boolean)
  if (parts.length === 0 && plan.drift.length === 0) return []
  const out = ['#### Mitigation issues', '']
  const changeEvent = review.context.event === 'pull_request' || review.context.event === 'merge_request'
  if (parts.length > 0) {
    const lead = writing ? 'This run' : changeEvent ? 'When this merges, Threatloop will' : 'With issue writing on, Threatloop would'
    out.push(`${lead} ${parts.join(', ')}.`, '')
  }
  if (detail.rowsPerTable > 0) {
    for (const op of plan.operations.slice(0, detail.rowsPerTable)) {
      if (op.op === 'create') out.push(`- open: ${escapeInline(op.title, 200)}`)
      else if (op.op === 'close') out.push(`- close #${op.number} (${op.reason === 'completed' ? 'completed' : 'not planned'}): ${codeSpan(op.key)}`)
      else if (op.op === 'reopen') out.push(`- reopen #${op.number}: ${codeSpan(op.key)}`)
      else out.push(`- update #${op.number}: ${codeSpan(op.key)}`)
    }
    if (plan.operations.length > detail.rowsPerTable) out.push(`- … and ${plan.operations.length - detail.rowsPerTable} more`)
  }
  if (plan.deferred > 0) out.push(`- ${count(plan.deferred, 'operation')} deferred to the next run (per-run limit).`)
  if (plan.drift.length > 0) {
    out.push('', '**Drift between the tracker and the model**', '')
    for (const drift of plan.drift.slice(0, Math.max(detail.rowsPerTable, 5))) out.push(`- ${escapeInline(drift.message, 300)}`)
  }
  return [...out, '']
}

function unchangedSection(review: Review): string[] {
  const unchanged = review.models.filter((m) => m.status === 'unchanged')
  const out: string[] = []
  const items: string[] = unchanged.map((m) => `- ${codeSpan(m.modelId)} ${escapeInline(m.title)} (${escapeInline(m.head?.file ?? '')})`)
  for (const model of review.models) {
    const findings = model.findings?.unchanged ?? []
    if (findings.length > 0) items.push(`- ${codeSpan(model.modelId)}: ${count(findings.length, 'finding')} present before and after`)
  }
  if (items.length === 0) return []
  out.push(`<details><summary>Unchanged (${items.length})</summary>`, '', ...items.slice(0, 200), items.length > 200 ? `- … and ${items.length - 200} more` : '', '', '</details>', '')
  return out
}

function footer(review: Review): string {
  const risk = review.models.find((m) => m.risk.head ?? m.risk.base)?.risk
  const summary = risk?.head ?? risk?.base
  const engine = summary ? ` · risk engine ${summary.engine}, seed ${summary.seed}, ${summary.iterations.toLocaleString('en-US')} iterations` : ''
  return `<sub>Threatloop ${escapeInline(review.tool.version)}${engine} · ${count(review.models.length, 'model')} reviewed</sub>`
}

function fileLink(review: Review, file: string, line?: number, column?: number): string {
  const text = `${escapeInline(file, 200)}${line ? `:${line}` : ''}${column ? `:${column}` : ''}`
  const { repositoryUrl, head } = review.context
  if (!repositoryUrl || !head.sha || !/^https:\/\//.test(repositoryUrl)) return text
  const url = `${repositoryUrl}/${review.context.blobPath ?? 'blob'}/${head.sha}/${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`
  return `[${text}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}
