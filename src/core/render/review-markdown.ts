// The review as Markdown: the sticky PR/MR comment and the job summary. One renderer for GitHub
// and GitLab (links follow the review context). Layout, top to bottom:
//   visible  — a one-line verdict, a compact summary of what moved, new unmodelled attack surface,
//              the top findings and what to do next (about one screen for any change);
//   folded   — every finding, threats whose risk changed, what the change means, changed
//              elements (word diffs), the data-flow diagram, maturity moves, mitigation issues,
//              and the slots later features fill (code drift, next mitigations, intelligence).
import type { ElementChange, FieldChange } from '../diff/index.js'
import type { Finding } from '../findings.js'
import { SEVERITY_RANK } from '../findings.js'
import type { Severity } from '../model/schema.js'
import { sha256Hex } from '../encoding/sha256.js'
import type { ThreatDelta } from '../risk/compare.js'
import { naturalCompare, type NewSurface } from '../review/surface.js'
import type { ModelReview, Review } from '../review/types.js'
import { codeSpan, escapeInline, escapeTableCell } from './escape.js'
import { count, groupThousands, money, NBSP, percent, severityMoves, severityWords, SEVERITY_ICONS } from './format.js'
import { renderMermaid } from './mermaid.js'
import { renderBusinessSummary } from './business-summary.js'
import { renderApprovals, renderBestMitigations, renderCodeDrift, renderHorizons } from './review-sections.js'
import { DOCS_BASE_URL, remediationStep, ruleDocsUrl } from './rule-docs.js'
import { wordDiff } from './word-diff.js'

/** The marker that finds Threatloop's sticky comment again (with the bot author). */
export const COMMENT_MARKER = '<!-- threatloop:sticky v1 -->'
const HASH_PREFIX = '<!-- threatloop:hash:'

/** GitHub rejects comment bodies over 65,536 characters; stay well below. */
export const COMMENT_BUDGET = 60_000

/** The longest headline: one line a reader can act on. */
export const HEADLINE_MAX = 200

/** Sections later features fill, in the order they appear. */
export const EXTENSION_SLOTS = ['code-drift', 'next-mitigations', 'intelligence-proposals'] as const
export type ExtensionSlot = (typeof EXTENSION_SLOTS)[number]

/** What a later feature adds to the comment; its text must already be escaped Markdown. */
export interface ReviewExtension {
  slot: ExtensionSlot
  /** At most three short lines in the visible part (e.g. "2 mitigations would remove 60 % of the risk"). */
  visible?: string[]
  /** Next steps it suggests, listed with the others under "What to do next". */
  nextSteps?: string[]
  /** Folded detail. */
  detail?: { title: string; body: string[] }
}

export interface ReviewMarkdownOptions {
  /** `comment` for the PR/MR comment, `summary` for the fuller job summary. */
  audience: 'comment' | 'summary'
  /** Largest body to produce; detail is dropped in stages to fit. */
  maxLength?: number
  /** Where the fuller report is, named when detail had to be dropped. */
  fullReportHint?: string
  /** Base address of Threatloop's documentation (rule pages, glossary). */
  docsBaseUrl?: string
  /** Sections of later features (code drift, best next mitigations, pending intelligence). */
  extensions?: readonly ReviewExtension[]
}

/** Detail stages, dropped from the end of this list first. */
interface Detail {
  rows: number
  diagram: boolean
  fieldDetail: boolean
  folded: boolean
}

const STAGES: Detail[] = [
  { rows: 2000, diagram: true, fieldDetail: true, folded: true },
  { rows: 100, diagram: true, fieldDetail: true, folded: true },
  { rows: 50, diagram: false, fieldDetail: true, folded: true },
  { rows: 20, diagram: false, fieldDetail: false, folded: true },
  { rows: 5, diagram: false, fieldDetail: false, folded: true },
  { rows: 0, diagram: false, fieldDetail: false, folded: false }
]

/** Findings shown in the visible part. */
const TOP_FINDINGS = 5
/** Next steps shown in the visible part. */
const TOP_STEPS = 5
/** A diagram larger than this is folded. */
const OPEN_DIAGRAM = { nodes: 10, edges: 12 }

/** Renders the review as Markdown for a PR/MR comment or a job summary, within a size budget. */
export function renderReviewMarkdown(review: Review, options: ReviewMarkdownOptions): string {
  const budget = options.maxLength ?? (options.audience === 'comment' ? COMMENT_BUDGET : 900_000)
  const view = new View(review, options)
  let body = ''
  // The comment starts with bounded tables; the job summary may list everything.
  for (let stage = options.audience === 'comment' ? 1 : 0; stage < STAGES.length; stage++) {
    body = view.render(STAGES[stage], stage > 1)
    if (body.length + 200 <= budget) break
  }
  if (body.length + 200 > budget)
    body =
      body.slice(0, budget - 400).replace(/\n[^\n]*$/, '') +
      '\n\n_The report was cut to fit; the job summary and the JSON report have everything._\n'
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

/** The one-line verdict of a review (inline Markdown), as the comment's headline shows it. */
export function reviewHeadline(review: Review): string {
  return new View(review, { audience: 'comment' }).headline()
}

/** The part of a rendered comment a reader sees without opening anything: everything outside `<details>`. */
export function visiblePart(markdown: string): string {
  let out = ''
  let depth = 0
  for (const line of markdown.split('\n')) {
    const opens = (line.match(/<details[ >]/g) ?? []).length
    const closes = (line.match(/<\/details>/g) ?? []).length
    if (depth === 0 && opens === 0) out += `${line}\n`
    depth = Math.max(0, depth + opens - closes)
  }
  return out.replace(/<!--[^\n]*-->\n/g, '')
}

interface Step {
  text: string
  /** Element ids the step is about, so findings on them are not repeated as steps. */
  about: string[]
}

/** Everything the sections share: the review, options and derived facts. */
class View {
  readonly docs: string
  readonly shown: ModelReview[]
  readonly multi: boolean
  constructor(
    readonly review: Review,
    readonly options: ReviewMarkdownOptions
  ) {
    this.docs = options.docsBaseUrl ?? DOCS_BASE_URL
    this.shown = review.models.filter((m) => m.status !== 'unchanged' || (m.findings?.new.length ?? 0) > 0)
    this.multi = review.models.length > 1
  }

  glossary(anchor: string, text: string): string {
    return `[${text}](${this.docs}/glossary.md#${anchor})`
  }

  ruleLink(ruleId: string, text = ruleId): string {
    const url = ruleDocsUrl(ruleId, this.docs)
    return url ? `[${escapeInline(text, 100)}](${url})` : codeSpan(text, 100)
  }

  /** An element id, prefixed with its model when several models are reviewed. */
  id(model: ModelReview, id: string): string {
    return codeSpan(this.multi ? `${model.modelId}/${id}` : id, 80)
  }

  render(detail: Detail, reduced: boolean): string {
    const out: string[] = []
    out.push(`### ${this.headline()}`, '')
    out.push(...this.summaryTable())
    out.push(...this.invalidModels(detail))
    out.push(...this.surfaceWarnings())
    out.push(...this.topFindings())
    out.push(...this.nextSteps())
    out.push(...this.featureSections())
    // The business summary is for the job summary's readers, not the pull/merge request comment.
    if (this.options.audience === 'summary') out.push(...renderBusinessSummary(this.review))
    for (const slot of EXTENSION_SLOTS)
      for (const ext of this.extensions(slot)) if (ext.visible?.length) out.push(...ext.visible.slice(0, 3), '')
    if (detail.folded) {
      for (const model of this.shown) out.push(...this.modelDetails(model, detail))
      out.push(...this.maturitySection())
      out.push(...this.issuesSection(detail))
      for (const slot of EXTENSION_SLOTS)
        for (const ext of this.extensions(slot)) if (ext.detail) out.push(...fold(ext.detail.title, ext.detail.body))
      out.push(...this.configurationProblems(detail))
      out.push(...this.unchangedSection())
    }
    if (reduced) {
      out.push(
        '',
        `> [!NOTE]\n> Some detail was left out to keep this ${this.options.audience === 'comment' ? 'comment' : 'report'} within its size limit. ${escapeInline(this.options.fullReportHint ?? 'The job summary and the JSON report have everything.')}`
      )
    }
    out.push('', this.footer())
    return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n'
  }

  /** Sections of features that render from the review (code drift, approvals, best next mitigations). */
  featureSections(): string[] {
    const out: string[] = []
    const drift = renderCodeDrift(this.review)
    if (drift.length > 0) out.push('**Code changed while its threat model did not**', '', ...drift, '')
    const approvals = renderApprovals(this.review)
    if (approvals.length > 0) out.push('**Approvals this change needs**', '', ...approvals, '')
    const best = renderBestMitigations(this.review)
    if (best.length > 0 && this.review.models.some((m) => m.status === 'changed' || m.status === 'added')) {
      const body = [...best, '']
      const horizons = renderHorizons(this.review)
      if (horizons.length > 0) body.push('Roadmap — residual annual loss (mean) as planned work lands:', '', ...horizons)
      out.push(...fold('Best next mitigations (by value per cost, then by reduction)', body))
    }
    return out
  }

  extensions(slot: ExtensionSlot): readonly ReviewExtension[] {
    return (this.options.extensions ?? []).filter((e) => e.slot === slot)
  }

  // ── headline ────────────────────────────────────────────────────────────────────────────

  headline(): string {
    const review = this.review
    const gate = review.gate
    const delta = this.riskDeltaText()
    const fit = (text: string): string => (text.length <= HEADLINE_MAX ? text : `${text.slice(0, HEADLINE_MAX - 1)}…`)
    if (gate.status !== 'pass') {
      const reason = gate.reasons.find((r) => r.level === 'fail') ?? gate.reasons[0]
      const lead = gate.status === 'fail' ? '🛑 Blocks merge' : '⚠️ Needs a look'
      const because = reason ? this.reasonText(reason.condition, reason.message) : 'the gate failed'
      return fit(`${lead}: ${because}${delta ? ` · ${delta}` : ''}`)
    }
    if (review.models.length === 0) return '✅ No threat-model files found'
    if (review.models.every((m) => m.status === 'unchanged') && review.codeDrift.length > 0)
      return fit(`⚠️ Code of ${count(review.codeDrift.length, 'component')} changed, its threat model did not`)
    if (review.totals.surface > 0) return fit(`⚠️ ${this.surfaceHeadline()}`)
    const down = this.riskDown()
    if (down) return fit(`✅ ${down}`)
    const changed = review.models.filter((m) => m.status !== 'unchanged')
    if (changed.length === 0)
      return `✅ No semantic change${review.models.length > 1 ? ` to ${count(review.models.length, 'threat model')}` : ''} — formatting or comments only`
    const worse = this.riskUpWithoutGate()
    if (worse) return fit(`✅ Within the gate: ${worse}`)
    return fit(`✅ No risk change — ${this.changeWords(changed)}`)
  }

  /** `risk +$697k/yr (+237 %)`, or the severity moves when there is no money; '' when nothing moved. */
  riskDeltaText(): string {
    const t = this.review.totals
    if (t.money) {
      const change = t.money.head.mean - t.money.base.mean
      if (change !== 0 && this.materialMean()) {
        const p = percent(t.money.base.mean === 0 ? null : change / t.money.base.mean)
        return `risk ${money(change, t.money.currency, true)}/yr${t.money.estimated > 0 ? ' est.' : ''}${p ? ` (${p})` : ''}`
      }
    }
    const moves = severityMoves(t.severity.base, t.severity.head)
    const parts = [...moves.worse, ...moves.better]
    return parts.length > 0 ? `threats ${parts.join(', ')}` : ''
  }

  materialMean(): boolean {
    return this.review.models.some((m) => m.risk.delta?.views.residual.aleMean.material)
  }

  /** Threat ids of a gate signal over all models, in natural order. */
  gateIds(signal: 'newCritical' | 'newHigh' | 'increaseToCritical' | 'severityIncrease'): string[] {
    const ids: string[] = []
    for (const model of this.review.models)
      for (const id of [...(model.risk.delta?.gates[signal] ?? [])].sort(naturalCompare))
        ids.push(this.multi ? `${model.modelId}/${id}` : id)
    return ids
  }

  reasonText(condition: string, message: string): string {
    const ids = (list: string[]): string => idList(list)
    const t = this.review.totals
    switch (condition) {
      case 'validation-error': {
        const invalid = this.review.models.filter((m) => m.head?.problems.some((p) => p.severity === 'error') ?? false)
        const where = invalid.length === 1 ? ` in ${codeSpan(invalid[0].head?.file ?? '', 80)}` : ''
        return `${count(t.validationErrors, 'validation error')}${where}`
      }
      case 'new-critical': {
        const list = this.gateIds('newCritical')
        return `new critical ${list.length === 1 ? 'threat' : 'threats'} ${ids(list)}`
      }
      case 'severity-increase-to-critical': {
        const list = this.gateIds('increaseToCritical')
        return `${ids(list)} rose to critical`
      }
      case 'new-high': {
        const list = [...this.gateIds('newHigh'), ...this.gateIds('newCritical')]
        return `new high ${list.length === 1 ? 'threat' : 'threats'} ${ids(list)}`
      }
      case 'severity-increase': {
        const list = this.gateIds('severityIncrease')
        return `${list.length === 1 ? 'threat' : `${list.length} threats`} ${ids(list)} rose in severity`
      }
      case 'ale-mean-increase':
      case 'ale-p90-increase':
        return `material rise of the ${condition === 'ale-mean-increase' ? 'mean' : 'P90'} annual loss`
      case 'maturity-regression': {
        const titles = this.review.models.flatMap((m) =>
          (m.maturity.comparison?.moved ?? []).filter((c) => c.move === 'down').map((c) => c.title)
        )
        return `maturity fell in ${titles.length > 2 ? count(titles.length, 'category', 'categories') : titles.map((x) => escapeInline(x, 60)).join(' and ')}`
      }
      case 'new-attack-surface': {
        const text = this.surfaceHeadline()
        return text.charAt(0).toLowerCase() + text.slice(1)
      }
      default: {
        const match = /^new-finding-(\w+)$/.exec(condition)
        if (match) return `${count(this.review.totals.findings.new, 'new finding')} at ${match[1]} or above`
        return escapeInline(message, 150)
      }
    }
  }

  surfaceHeadline(): string {
    const all = this.review.models.flatMap((m) => m.surface.map((s) => ({ model: m, surface: s })))
    const first = all[0]
    const rest = all.length - 1
    const text = surfaceSentence(first.surface, this.id(first.model, first.surface.id))
    if (rest === 0) return text
    return `${text}; ${count(rest, 'more new element')} without threats`
  }

  riskDown(): string | undefined {
    const t = this.review.totals
    const reduced = this.review.models.flatMap((m) =>
      (m.risk.delta?.threats ?? []).filter((x) => x.direction === 'down' && x.severity.base !== null && x.severity.head !== null)
    )
    const raised = this.review.models.flatMap((m) =>
      (m.risk.delta?.threats ?? []).filter((x) => x.direction === 'up' || (x.change === 'added' && x.severity.head !== null))
    )
    const change = t.money ? t.money.head.mean - t.money.base.mean : 0
    const moneyDown = t.money !== null && change < 0 && this.review.models.some((m) => m.risk.delta?.views.residual.aleMean.material)
    if (!moneyDown && (reduced.length === 0 || raised.length > 0)) return undefined
    const parts: string[] = []
    if (moneyDown && t.money) {
      const p = percent(t.money.base.mean === 0 ? null : -change / t.money.base.mean, false)
      parts.push(`Risk down ${p ?? money(-change, t.money.currency)}${t.money.estimated > 0 ? ' est.' : ''}`)
    } else parts.push('Risk down')
    if (reduced.length > 0) {
      const bySeverity = new Map<string, number>()
      for (const x of reduced) bySeverity.set(x.severity.base!, (bySeverity.get(x.severity.base!) ?? 0) + 1)
      const top = [...bySeverity].sort((a, b) => SEVERITY_RANK[b[0] as Severity] - SEVERITY_RANK[a[0] as Severity])[0]
      parts.push(`${count(top[1], `${top[0]} threat`)} reduced`)
    }
    return parts.join(' · ')
  }

  /** Risk that rose without tripping the gate, said plainly. */
  riskUpWithoutGate(): string | undefined {
    const delta = this.riskDeltaText()
    const moves = severityMoves(this.review.totals.severity.base, this.review.totals.severity.head)
    if (
      moves.worse.length === 0 &&
      !(this.review.totals.money && this.materialMean() && this.review.totals.money.head.mean > this.review.totals.money.base.mean)
    )
      return undefined
    return delta
  }

  /** What changed, in words: `1 description edited`, `4 elements renamed, 1 zone added`. */
  changeWords(models: readonly ModelReview[]): string {
    const changes = models.flatMap((m) => m.diff?.changes ?? [])
    if (changes.length === 0) return models.some((m) => m.moved) ? 'model file moved' : 'no semantic change'
    const fields = changes.flatMap((c) => (c.change === 'changed' ? c.fields : []))
    const onlyText =
      changes.every((c) => c.change === 'changed') &&
      fields.length > 0 &&
      fields.every(
        (f) =>
          f.change === 'modified' &&
          typeof f.before === 'string' &&
          typeof f.after === 'string' &&
          /(^|\.)(description|title|text|summary|verification|reason|notes?)$/.test(f.path)
      )
    if (onlyText) {
      const names = new Map<string, number>()
      for (const f of fields) {
        const name = f.path.split('.').pop()!
        names.set(name, (names.get(name) ?? 0) + 1)
      }
      return [...names].map(([name, n]) => `${count(n, name)} edited`).join(', ')
    }
    const by = new Map<string, number>()
    for (const c of changes) by.set(c.change, (by.get(c.change) ?? 0) + 1)
    const word: Record<string, string> = { added: 'added', removed: 'removed', renamed: 'renamed', changed: 'changed' }
    return [...by].map(([change, n]) => `${count(n, 'element')} ${word[change]}`).join(', ')
  }

  // ── visible part ────────────────────────────────────────────────────────────────────────

  summaryTable(): string[] {
    const t = this.review.totals
    const rows: string[] = []
    const better = (parts: string[]): string => (parts.length > 0 ? `🟢 ${parts.join(', ')}` : '')
    const worse = (parts: string[]): string => (parts.length > 0 ? `🔴 ${parts.join(', ')}` : '')
    const join = (...parts: string[]): string => parts.filter(Boolean).join(' · ')
    const transitions = this.threatTransitions()
    if (transitions.worse.length + transitions.better.length > 0) {
      rows.push(
        `| Threats by ${this.glossary('residual', 'residual')} severity | ${severityWords(t.severity.base)} | ${severityWords(t.severity.head)} | ${join(worse(transitions.worse), better(transitions.better))} |`
      )
    }
    let estimatedNote = ''
    if (t.money) {
      const { currency, base, head, estimated } = t.money
      const est = estimated > 0 ? ' est.' : ''
      const change = head.mean - base.mean
      if (change !== 0) {
        const p = percent(base.mean === 0 ? null : change / base.mean)
        const text = `${money(change, currency, true)}${p ? ` (${p})` : ''}`
        const material = this.materialMean()
        rows.push(
          `| Annual loss, mean (${this.glossary('ale', 'ALE')}) | ${money(base.mean, currency)}${est} | ${money(head.mean, currency)}${est} | ${material ? (change > 0 ? worse([text]) : better([text])) : `${text}, within noise`} |`
        )
        const p90 = this.review.models.filter((m) => m.risk.delta?.views.residual.p90.material)
        if (p90.length > 0) {
          const c = head.p90 - base.p90
          rows.push(
            `| Annual loss, bad year (${this.glossary('p90', 'P90')}) | ${money(base.p90, currency)}${est} | ${money(head.p90, currency)}${est} | ${c > 0 ? worse([money(c, currency, true)]) : better([money(c, currency, true)])} |`
          )
        }
        const whatIfBase = sum(this.review.models.map((m) => m.risk.base?.whatIf.all ?? 0))
        const whatIfHead = sum(this.review.models.map((m) => m.risk.head?.whatIf.all ?? 0))
        if (whatIfHead !== whatIfBase)
          rows.push(
            `| ${this.glossary('what-if', 'What-if')}: planned mitigations done | ${money(whatIfBase, currency)}${est} | ${money(whatIfHead, currency)}${est} | ${money(whatIfHead - whatIfBase, currency, true)} |`
          )
        if (estimated > 0) {
          const calibration = this.review.models.some((m) => (m.risk.head ?? m.risk.base)?.money.calibration === 'model')
            ? "the model file's calibration"
            : 'the default calibration'
          const share = estimated >= 1 ? '100' : estimated > 0.99 ? 'over 99' : String(Math.max(1, Math.round(estimated * 100)))
          estimatedNote = `_est._ — ${share}${NBSP}% of this money is estimated from likelihood and impact ratings through ${calibration}, not from FAIR inputs (${this.glossary('estimated', 'what this means')}).`
        }
      }
    }
    const f = t.findings
    if (f.new + f.fixed > 0) {
      const before = f.unchanged + f.fixed + f.suppressed
      rows.push(
        `| Rule findings | ${before} | ${f.unchanged + f.new} | ${join(worse(f.new > 0 ? [`${f.new} new`] : []), better(f.fixed > 0 ? [`${f.fixed} fixed`] : []))} |`
      )
    }
    if (t.maturity.up + t.maturity.down > 0) {
      rows.push(
        `| Maturity categories | | | ${join(worse(t.maturity.down > 0 ? [`${t.maturity.down} fell`] : []), better(t.maturity.up > 0 ? [`${t.maturity.up} rose`] : []))} |`
      )
    }
    if (rows.length === 0) return []
    const baseLabel = escapeTableCell(this.review.context.base?.label ?? 'before', 60)
    const headLabel = escapeTableCell(this.review.context.head.label, 60)
    return [`| | ${baseLabel} | ${headLabel} | change |`, '|---|---|---|---|', ...rows, '', ...(estimatedNote ? [estimatedNote, ''] : [])]
  }

  /** How threats moved, grouped: `1 new critical`, `2 high → medium`, `1 low removed`; worse and better apart. */
  threatTransitions(): { worse: string[]; better: string[] } {
    const groups = new Map<string, { n: number; worse: boolean; order: number }>()
    for (const model of this.review.models) {
      if (model.status === 'invalid') continue
      for (const t of model.risk.delta?.threats ?? []) {
        const { base, head } = t.severity
        if (base === head) continue
        const key =
          base === null ? `new ${head}` : head === null ? `${base} ${t.change === 'removed' ? 'removed' : 'unrated'}` : `${base} → ${head}`
        const worse = base === null ? true : head === null ? false : SEVERITY_RANK[head] > SEVERITY_RANK[base]
        const order = -Math.max(rank(base), rank(head))
        const group = groups.get(key) ?? { n: 0, worse, order }
        group.n++
        groups.set(key, group)
      }
    }
    const sorted = [...groups].sort((a, b) => a[1].order - b[1].order || (a[0] < b[0] ? -1 : 1))
    const words = ([key, g]: [string, { n: number }]): string => `${g.n}${NBSP}${key.replace(/ → /g, `${NBSP}→ `)}`
    return { worse: sorted.filter(([, g]) => g.worse).map(words), better: sorted.filter(([, g]) => !g.worse).map(words) }
  }

  invalidModels(detail: Detail): string[] {
    const out: string[] = []
    for (const model of this.review.models.filter((m) => m.status === 'invalid' && m.head)) {
      const errors = model.head!.problems.filter((p) => p.severity === 'error')
      out.push(
        `**🛑 ${fileLink(this.review, model.head!.file)} does not load** (${count(errors.length, 'error')}); nothing else of this model could be compared.`,
        ''
      )
      out.push(...problemTable(this.review, errors.length > 0 ? errors : model.head!.problems, Math.min(detail.rows || 3, 5)))
    }
    return out
  }

  surfaceWarnings(): string[] {
    const all = this.review.models.flatMap((m) => m.surface.map((s) => ({ model: m, surface: s })))
    if (all.length === 0) return []
    const out = [`**⚠️ New ${this.glossary('new-attack-surface', 'attack surface')} without threats**`, '']
    for (const { model, surface } of all.slice(0, 3))
      out.push(
        `- ${surfaceSentence(surface, this.id(model, surface.id))} (${fileLink(this.review, model.head?.file ?? '', surface.line, undefined, true)})`
      )
    if (all.length > 3) out.push(`- … and ${all.length - 3} more under "All findings" below`)
    return [...out, '']
  }

  topFindings(): string[] {
    // Findings that only repeat a surface warning above are left to the full list.
    const repeats = (m: ModelReview, f: Finding): boolean =>
      SURFACE_RULES.has(f.ruleId) && f.elementIds.every((id) => m.surface.some((s) => s.id === id))
    const all = this.shown.flatMap((m) => (m.findings?.new ?? []).filter((f) => !repeats(m, f)).map((f) => ({ model: m, finding: f })))
    if (all.length === 0) return []
    all.sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] || naturalCompare(a.finding.id, b.finding.id))
    const top = all.slice(0, TOP_FINDINGS)
    const total = this.review.totals.findings.new
    const out = [
      all.length > TOP_FINDINGS
        ? `**Top ${TOP_FINDINGS} of ${total} new findings**`
        : `**New ${all.length === 1 ? 'finding' : 'findings'}${total > all.length ? ` (${total - all.length} more in the attack surface above)` : ''}**`,
      '',
      '| | finding | where |',
      '|---|---|---|'
    ]
    for (const { finding } of top) {
      out.push(
        `| ${SEVERITY_ICONS[finding.severity]}${NBSP}${finding.severity} | ${escapeTableCell(finding.message, 200)} ${this.ruleLink(finding.ruleId, 'rule')} | ${fileLink(this.review, finding.file, finding.position.line, undefined, true)} |`
      )
    }
    return [...out, '']
  }

  /** Each blocking or warning item with what would resolve it and the rule's page. */
  steps(): Step[] {
    const steps: Step[] = []
    const review = this.review
    for (const model of review.models) {
      if (model.status === 'invalid' && model.head) {
        const first = model.head.problems.find((p) => p.severity === 'error')
        steps.push({
          text: `Fix the errors in ${fileLink(review, model.head.file)}${first ? `, starting at line ${first.line}: ${escapeInline(first.message, 160).replace(/[.?!]$/, '')}` : ''}.`,
          about: []
        })
      }
      const delta = model.risk.delta
      const findings = model.findings?.new ?? []
      const ruleOn = (id: string, rules: string[]): string | undefined =>
        findings.find((f) => f.elementIds.includes(id) && rules.includes(f.ruleId))?.ruleId
      const threatIds = [
        ...new Set([...(delta?.gates.newCritical ?? []), ...(delta?.gates.newHigh ?? []), ...(delta?.gates.severityIncrease ?? [])])
      ].sort(naturalCompare)
      for (const id of threatIds) {
        const threat = delta?.threats.find((x) => x.id === id)
        const level = threat?.severity.head ?? 'high'
        const unmitigated = ruleOn(id, ['threat-without-mitigation'])
        const action =
          unmitigated || threat?.change === 'added'
            ? `Add a mitigation to ${this.id(model, id)} (${level})`
            : `Bring ${this.id(model, id)} (now ${level}) back down: finish or add a mitigation`
        steps.push({
          text: `${action}, or record an acceptance with an approver and an expiry (${this.ruleLink(unmitigated ?? 'threat-without-mitigation', 'how')}).`,
          about: [id]
        })
      }
      for (const surface of model.surface) {
        const rule =
          surface.kind === 'internet-facing-component'
            ? 'internet-facing-component-without-threat'
            : surface.kind === 'cross-boundary-flow'
              ? 'cross-boundary-flow-without-threat'
              : 'restricted-data-in-low-trust-zone'
        const what =
          surface.kind === 'internet-facing-component'
            ? `the new internet-facing ${escapeInline(surface.type ?? 'component', 40)} ${this.id(model, surface.id)}`
            : `the flow ${this.id(model, surface.id)} (${zones(surface)})`
        steps.push({
          text: `Add a threat for ${what} with ${codeSpan(`targets: [${surface.id}]`, 80)}, or a not-applicable one saying why none applies (${this.ruleLink(rule, 'how')}).`,
          about: [surface.id]
        })
      }
    }
    const failingFindings = new Set<string>()
    for (const reason of review.gate.reasons) {
      const match = /^new-finding-(\w+)$/.exec(reason.condition)
      if (match) failingFindings.add(match[1])
    }
    const threshold = Math.min(...[...failingFindings].map((s) => SEVERITY_RANK[s as Severity]), SEVERITY_RANK.high)
    const covered = new Set(steps.flatMap((s) => s.about))
    const findings = this.shown.flatMap((m) => (m.findings?.new ?? []).map((f) => ({ model: m, finding: f })))
    findings.sort(
      (a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] || naturalCompare(a.finding.id, b.finding.id)
    )
    for (const { model, finding } of findings) {
      if (SEVERITY_RANK[finding.severity] < threshold || finding.elementIds.some((id) => covered.has(id))) continue
      const remedy = remediationStep(finding.ruleId)
      const on = finding.elementIds
        .slice(0, 2)
        .map((id) => this.id(model, id))
        .join(', ')
      const text = remedy ? trustedInline(remedy, 240).replace(/\.$/, '') : escapeInline(finding.title, 160)
      steps.push({ text: `${on}: ${text} (${this.ruleLink(finding.ruleId, 'how')}).`, about: finding.elementIds })
      for (const id of finding.elementIds) covered.add(id)
    }
    if (review.gate.reasons.some((r) => r.condition === 'maturity-regression')) {
      for (const model of review.models) {
        for (const move of (model.maturity.comparison?.moved ?? []).filter((c) => c.move === 'down')) {
          const next = model.maturity.head?.categories.find((c) => c.id === move.id)?.nextStep?.text
          steps.push({ text: `Restore ${escapeInline(move.title, 80)}${next ? `: ${escapeInline(next, 200)}` : ''}.`, about: [] })
        }
      }
    }
    if (steps.length === 0 && review.gate.reasons.some((r) => r.condition === 'ale-mean-increase' || r.condition === 'ale-p90-increase')) {
      steps.push({
        text: 'Check the threats whose risk rose (under "Threats whose risk changed") and plan mitigations for the largest.',
        about: []
      })
    }
    for (const slot of EXTENSION_SLOTS)
      for (const ext of this.extensions(slot)) for (const text of ext.nextSteps ?? []) steps.push({ text, about: [] })
    return steps
  }

  nextSteps(): string[] {
    const steps = this.steps()
    if (steps.length === 0) return []
    const out = ['**What to do next**', '']
    steps.slice(0, TOP_STEPS).forEach((step, i) => out.push(`${i + 1}. ${step.text}`))
    if (steps.length > TOP_STEPS)
      out.push(`${TOP_STEPS + 1}. … and ${count(steps.length - TOP_STEPS, 'more step')}: see all findings below.`)
    return [...out, '']
  }

  // ── folded detail ───────────────────────────────────────────────────────────────────────

  modelDetails(model: ModelReview, detail: Detail): string[] {
    const out: string[] = []
    const prefix = this.multi ? `${escapeInline(model.title, 80)}: ` : ''
    if (this.multi || model.moved || model.status === 'added' || model.status === 'removed') {
      const status = { added: 'new model', removed: 'model removed', changed: 'changed', unchanged: 'unchanged', invalid: 'does not load' }[
        model.status
      ]
      const file = model.head?.file ?? model.base?.file ?? ''
      out.push(
        `**${escapeInline(model.title, 100)}** ${codeSpan(model.modelId, 80)} — ${status} · ${fileLink(this.review, file)}${model.moved ? ` (moved from ${escapeInline(model.base?.file ?? '', 200)})` : ''}${model.head && model.head.format !== 'native' ? ` · imported from ${escapeInline(model.head.format, 40)}` : ''}`,
        ''
      )
    }
    if (model.base && !model.base.valid)
      out.push(`_The base version did not load (${count(model.base.problems.length, 'problem')}); the head is reviewed on its own._`, '')
    if (model.notExpressible.length > 0)
      out.push(
        `_Rules about fields the source format cannot express were skipped: ${model.notExpressible.map((x) => escapeInline(x, 60)).join(', ')}._`,
        ''
      )
    out.push(...this.findingsDetail(model, detail, prefix))
    out.push(...this.threatMoves(model, detail, prefix))
    out.push(...this.meaning(model, detail, prefix))
    out.push(...this.changedElements(model, detail, prefix))
    if (detail.diagram) out.push(...this.diagram(model, prefix))
    return out
  }

  findingsDetail(model: ModelReview, detail: Detail, prefix: string): string[] {
    const findings = model.findings
    if (!findings || findings.new.length + findings.fixed.length + findings.suppressed.length === 0) return []
    const body: string[] = []
    const table = (title: string, list: Finding[]): void => {
      if (list.length === 0) return
      const sorted = [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || naturalCompare(a.id, b.id))
      body.push(`**${title} (${list.length})**`, '')
      if (detail.rows === 0) {
        body.push(summaryBySeverity(sorted), '')
        return
      }
      body.push('| | rule | finding | where |', '|---|---|---|---|')
      for (const f of sorted.slice(0, detail.rows)) {
        body.push(
          `| ${SEVERITY_ICONS[f.severity]}${NBSP}${f.severity} | ${this.ruleLink(f.ruleId)} | ${escapeTableCell(f.message, 240)} | ${fileLink(this.review, f.file, f.position.line, undefined, true)} |`
        )
      }
      if (sorted.length > detail.rows) body.push(`| | | … and ${sorted.length - detail.rows} more | |`)
      body.push('')
    }
    table('New', findings.new)
    if (model.status === 'removed') {
      if (findings.fixed.length > 0) body.push(`_${count(findings.fixed.length, 'finding')} of the removed model go away with it._`, '')
    } else table('Fixed', findings.fixed)
    if (findings.suppressed.length > 0) body.push(`_${count(findings.suppressed.length, 'finding')} newly suppressed in the model._`, '')
    const parts = [
      findings.new.length > 0 ? `${findings.new.length} new` : '',
      findings.fixed.length > 0 ? `${findings.fixed.length} fixed` : '',
      findings.suppressed.length > 0 ? `${findings.suppressed.length} suppressed` : ''
    ].filter(Boolean)
    return fold(`${prefix}All findings: ${parts.join(', ')}`, body)
  }

  threatMoves(model: ModelReview, detail: Detail, prefix: string): string[] {
    const delta = model.risk.delta
    if (!delta || detail.rows === 0) return []
    // Rows that moved nothing a reader can see leave the table.
    const moves = delta.threats.filter((t) => t.change !== 'changed' || t.severity.base !== t.severity.head || t.aleMean.change !== 0)
    if (moves.length === 0) return []
    const currency = model.risk.head?.currency ?? model.risk.base?.currency ?? 'USD'
    const priced = new Set([...(model.risk.base?.money.quantitative ?? []), ...(model.risk.head?.money.quantitative ?? [])])
    const configured = (model.risk.head ?? model.risk.base)?.money.calibration === 'configured'
    const showMoney = this.review.totals.money !== null
    const moneyOf = (t: ThreatDelta): string => {
      if (!priced.has(t.id) && !(t.previousId && priced.has(t.previousId)) && !configured) return 'qualitative'
      const side = (v: number | null): string => (v === null ? '—' : money(v, currency))
      return `${side(t.aleMean.base)} → ${side(t.aleMean.head)}`
    }
    const sorted = [...moves].sort(
      (a, b) =>
        rank(b.severity.head) - rank(a.severity.head) ||
        Math.abs(b.aleMean.change) - Math.abs(a.aleMean.change) ||
        naturalCompare(a.id, b.id)
    )
    const body = [
      `| threat | ${this.glossary('residual', 'residual')} severity |${showMoney ? ' mean annual loss |' : ''} why |`,
      `|---|---|${showMoney ? '---|' : ''}---|`
    ]
    for (const t of sorted.slice(0, detail.rows)) {
      const before = t.severity.base ?? (t.change === 'added' ? 'new' : 'unrated')
      const after = t.severity.head ?? (t.change === 'removed' ? 'removed' : 'unrated')
      const mark = t.direction === 'up' ? '🔴 ' : t.direction === 'down' ? '🟢 ' : ''
      const reasons = t.reasons.filter((r) => !r.startsWith('renamed from'))
      const why = [t.previousId ? `renamed from ${t.previousId}` : '', ...reasons.slice(0, 3)].filter(Boolean).join('; ')
      body.push(
        `| ${codeSpan(t.id, 40)} ${escapeTableCell(t.title, 80)} | ${mark}${before} → ${after} |${showMoney ? ` ${moneyOf(t)} |` : ''} ${escapeTableCell(why || 'inputs changed', 200)} |`
      )
    }
    if (sorted.length > detail.rows) body.push(`| … ${sorted.length - detail.rows} more | |${showMoney ? ' |' : ''} |`)
    const unchanged = delta.unchanged + (delta.threats.length - moves.length)
    body.push(
      '',
      `_${unchanged === 0 ? 'No other threat' : count(unchanged, 'other threat')} ${unchanged === 1 ? 'is' : 'are'} unchanged._`,
      ''
    )
    return fold(`${prefix}Threats whose risk changed (${moves.length})`, body)
  }

  meaning(model: ModelReview, detail: Detail, prefix: string): string[] {
    const diff = model.diff
    if (!diff || diff.isEmpty) return []
    // The risk engine's residual severities are authoritative; the diff's qualitative moves would contradict them.
    const derived = model.risk.delta ? diff.derived.filter((d) => d.kind !== 'threat-severity-moved') : diff.derived
    if (derived.length === 0) return []
    const limit = Math.max(detail.rows, 10)
    const body = derived.slice(0, limit).map((d) => `- ${escapeInline(d.message, 300)}`)
    if (derived.length > limit) body.push(`- … and ${derived.length - limit} more`)
    return fold(`${prefix}What the change means (${derived.length})`, body)
  }

  changedElements(model: ModelReview, detail: Detail, prefix: string): string[] {
    const diff = model.diff
    if (!diff || diff.isEmpty) return []
    if (model.status === 'added' || model.status === 'removed')
      return [`_${count(diff.changes.length, 'element')} ${model.status === 'added' ? 'in the new model' : 'in the removed model'}._`, '']
    const bySection = new Map<string, ElementChange[]>()
    for (const change of diff.changes) bySection.set(change.section, [...(bySection.get(change.section) ?? []), change])
    const body: string[] = []
    const limit = detail.rows === 0 ? 0 : Math.max(detail.rows, 5)
    for (const [section, changes] of bySection) {
      const sorted = [...changes].sort((a, b) => naturalCompare(a.id, b.id))
      const parts = sorted.slice(0, limit).map((c) => changeText(c, detail.fieldDetail))
      const more = sorted.length > limit ? `${limit > 0 ? '; ' : ''}${sorted.length - limit} more` : ''
      body.push(`- ${SECTION_TITLES[section] ?? section}: ${parts.join('; ')}${more}`)
    }
    return fold(`${prefix}Changed elements (${diff.changes.length})`, body)
  }

  diagram(model: ModelReview, prefix: string): string[] {
    const diagram = model.diagram
    if (!diagram || diagram.nodes.length === 0) return []
    const large = diagram.nodes.length > OPEN_DIAGRAM.nodes || diagram.edges.length > OPEN_DIAGRAM.edges
    const body = ['```mermaid', renderMermaid(diagram), '```', '']
    const { nodes, edges } = diagram.omitted
    if (nodes + edges > 0)
      body.push(`_${count(nodes, 'component')} and ${count(edges, 'flow')} left out of the diagram to keep it readable._`, '')
    body.push(
      'Legend: `+` added (green), `~` changed (amber), `−` removed (red, dashed), grey boxes are unchanged neighbours; thick arrows are new flows; ⚠ marks a flow with a new finding or threat; "now unencrypted" / "now encrypted" mark flows whose encryption changed.'
    )
    const flagged = diagram.edges.filter((e) => (e.notes?.length ?? 0) > 0 || e.encryption === 'lost').length
    return fold(
      `${prefix}Data-flow diagram of the change${flagged > 0 ? ` (${count(flagged, 'flow')} to look at)` : ''}`,
      body,
      !large && this.options.audience === 'comment' ? 'open' : !large
    )
  }

  maturitySection(): string[] {
    const body: string[] = []
    for (const model of this.review.models) {
      const moved = model.maturity.comparison?.moved ?? []
      for (const move of moved) {
        const mark = move.move === 'up' ? '🟢' : '🔴'
        body.push(
          `- ${mark} ${this.multi ? `${codeSpan(model.modelId, 60)} ` : ''}${escapeInline(move.title, 80)}: ${escapeInline(seedLevel(move.base), 80)} → ${escapeInline(seedLevel(move.head), 80)}${move.reason ? ` — ${escapeInline(move.reason, 300)}` : ''}`
        )
      }
    }
    if (body.length === 0) return []
    return fold(`Maturity: ${count(body.length, 'category', 'categories')} moved (levels of the seed whitepaper)`, body)
  }

  issuesSection(detail: Detail): string[] {
    const plan = this.review.issues
    if (!plan || plan.mode === 'off') return []
    const caused = new Set<string>()
    for (const model of this.review.models) {
      const all = model.status === 'added' || model.status === 'removed'
      for (const change of model.diff?.changes ?? []) {
        if (change.section === 'mitigations' || all) caused.add(`${model.modelId}/${change.id}`)
        if (change.previousId) caused.add(`${model.modelId}/${change.previousId}`)
      }
      if (all) caused.add(`${model.modelId}/`)
    }
    const causedByChange = (key: string): boolean => caused.has(key) || [...caused].some((k) => k.endsWith('/') && key.startsWith(k))
    const ours = plan.operations.filter((op) => causedByChange(op.key))
    const others = plan.operations.length - ours.length
    if (ours.length === 0 && plan.drift.length === 0 && others === 0) return []
    const writing = plan.mode === 'write'
    const changeEvent = this.review.context.event === 'pull_request' || this.review.context.event === 'merge_request'
    const lead = writing ? 'This run' : changeEvent ? 'When this merges, Threatloop will' : 'With issue writing on, Threatloop would'
    const { create, update, close, reopen } = plan.summary
    const verbs = writing ? ['opens', 'reopens', 'updates', 'closes'] : ['open', 'reopen', 'update', 'close']
    const counts = [
      create && `${verbs[0]} ${count(create, 'issue')}`,
      reopen && `${verbs[1]} ${count(reopen, 'issue')}`,
      update && `${verbs[2]} ${count(update, 'issue')}`,
      close && `${verbs[3]} ${count(close, 'issue')}`
    ].filter(Boolean)
    const verb = (op: (typeof plan.operations)[number]['op']): string =>
      ({ create: verbs[0], reopen: verbs[1], update: verbs[2], close: verbs[3] })[op]
    const body: string[] = []
    if (counts.length > 0) {
      const share =
        ours.length === 0
          ? ' (none of them for a mitigation this change touches; the tracker is catching up with the model)'
          : ours.length === plan.operations.length
            ? ', all for mitigations this change touches:'
            : `; ${ours.length} of them for mitigations this change touches:`
      body.push(`${lead} ${counts.join(', ')}${share}${ours.length === 0 ? '.' : ''}`, '')
    }
    if (ours.length > 0) {
      for (const op of ours.slice(0, Math.max(detail.rows, 5))) {
        if (op.op === 'create') body.push(`- ${verb(op.op)}: ${escapeInline(op.title, 200)}`)
        else
          body.push(
            `- ${verb(op.op)} #${op.number}${op.op === 'close' ? ` (${op.reason === 'completed' ? 'completed' : 'not planned'})` : ''}: ${codeSpan(op.key)}`
          )
      }
      if (ours.length > Math.max(detail.rows, 5)) body.push(`- … and ${ours.length - Math.max(detail.rows, 5)} more`)
      body.push('')
    }
    if (plan.deferred > 0) body.push(`_${count(plan.deferred, 'operation')} deferred to the next run (per-run limit)._`, '')
    if (plan.drift.length > 0) {
      body.push('**Drift between the tracker and the model**', '')
      for (const drift of plan.drift.slice(0, Math.max(detail.rows, 5))) body.push(`- ${escapeInline(drift.message, 300)}`)
    }
    const total = ours.length + others
    return fold(
      `Mitigation issues: ${count(total, 'tracker update')}${total > 0 ? `, ${ours.length === 0 ? 'none' : ours.length === total ? 'all' : ours.length} from this change` : ''}`,
      body
    )
  }

  configurationProblems(detail: Detail): string[] {
    const problems = this.review.problems
    if (problems.length === 0) return []
    const shown = problems.slice(0, Math.max(detail.rows, 3))
    const body = shown.map(
      (p) => `- ${p.severity === 'error' ? '🛑' : '⚠️'} ${fileLink(this.review, p.file, p.line)}: ${escapeInline(p.message)}`
    )
    if (problems.length > shown.length) body.push(`- … and ${problems.length - shown.length} more`)
    return fold(`Configuration problems (${problems.length})`, body)
  }

  unchangedSection(): string[] {
    const items: string[] = this.review.models
      .filter((m) => m.status === 'unchanged')
      .map((m) => `- ${codeSpan(m.modelId)} ${escapeInline(m.title)} (${escapeInline(m.head?.file ?? '')})`)
    for (const model of this.review.models) {
      const findings = model.findings?.unchanged ?? []
      if (findings.length > 0) items.push(`- ${codeSpan(model.modelId)}: ${count(findings.length, 'finding')} present before and after`)
    }
    if (items.length === 0) return []
    return fold(`Unchanged (${items.length})`, [
      ...items.slice(0, 200),
      ...(items.length > 200 ? [`- … and ${items.length - 200} more`] : [])
    ])
  }

  footer(): string {
    const risk = this.review.models.find((m) => m.risk.head ?? m.risk.base)?.risk
    const summary = risk?.head ?? risk?.base
    const engine = summary ? ` · risk engine ${summary.engine}, seed ${summary.seed}, ${groupThousands(summary.iterations)} iterations` : ''
    return `<sub>Threatloop ${escapeInline(this.review.tool.version)} · ${this.glossary('ale', 'glossary')} · ${count(this.review.models.length, 'model')} reviewed${engine}</sub>`
  }
}

/**
 * Rule text (trusted: built-in or from the trusted configuration) as inline Markdown: its code
 * spans are kept, everything else is escaped like model text.
 */
function trustedInline(text: string, maxLength: number): string {
  const one = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
  return one
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1 ? codeSpan(part.slice(1, -1), 100) : spacedInline(part, maxLength)
    )
    .join('')
}

/** Escapes prose between code spans, keeping one space where it began or ended with white space. */
function spacedInline(part: string, maxLength: number): string {
  const escaped = escapeInline(part, maxLength)
  if (escaped === '') return /\s/.test(part) ? ' ' : ''
  return `${/^\s/.test(part) ? ' ' : ''}${escaped}${/\s$/.test(part) ? ' ' : ''}`
}

/** A level as the seed names it: `level 3 (Threat modeling patterns)`, or why there is none. */
function seedLevel(side: { level: number | null; levelName?: string | null; assessed: boolean } | undefined): string {
  if (!side) return 'none'
  if (!side.assessed) return 'not assessed'
  return side.level === null ? 'no level evidenced' : `level ${side.level}${side.levelName ? ` (${side.levelName})` : ''}`
}

/** A folded section; `open` keeps it open (small diagrams). */
function fold(summary: string, body: readonly string[], open: boolean | 'open' = false): string[] {
  if (body.length === 0) return []
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>', '']
}

/** At most three ids, natural order, then "and N more". */
function idList(ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort(naturalCompare)
  const shown = sorted.slice(0, 3).map((id) => codeSpan(id, 60))
  if (sorted.length <= 3) return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
  return `${shown.join(', ')} and ${sorted.length - 3} more`
}

function zones(surface: NewSurface): string {
  return `${escapeInline(surface.fromZone ?? '?', 40)} → ${escapeInline(surface.toZone ?? '?', 40)}`
}

function surfaceSentence(surface: NewSurface, id: string): string {
  if (surface.kind === 'internet-facing-component')
    return `New internet-facing ${escapeInline(surface.type ?? 'component', 40)} ${id} has no threats`
  if (surface.kind === 'cross-boundary-flow') return `New flow ${id} crosses ${zones(surface)} with no threat`
  return `Restricted ${(surface.assets ?? []).map((a) => codeSpan(a, 40)).join(', ')} now flows ${zones(surface)} (lower trust) on ${id} with no threat`
}

function rank(severity: Severity | null): number {
  return severity === null ? -1 : SEVERITY_RANK[severity]
}

/** Rules whose findings say the same as a new-attack-surface warning. */
const SURFACE_RULES = new Set([
  'internet-facing-component-without-threat',
  'cross-boundary-flow-without-threat',
  'restricted-data-in-low-trust-zone'
])

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

function changeText(change: ElementChange, fieldDetail: boolean): string {
  const id = codeSpan(change.id, 60)
  if (change.change === 'added') return `${id} added`
  if (change.change === 'removed') return `${id} removed`
  if (change.change === 'renamed')
    return `${codeSpan(change.previousId ?? '', 60)} renamed to ${id}${fieldDetail && change.fields.length > 0 ? ` (${fieldsText(change.fields)})` : ''}`
  return fieldDetail ? `${id} (${fieldsText(change.fields)})` : `${id} changed`
}

function fieldsText(fields: FieldChange[]): string {
  const shown = fields.slice(0, 4).map((f) => {
    if (
      f.change === 'modified' &&
      typeof f.before === 'string' &&
      typeof f.after === 'string' &&
      (f.before.length > 40 || f.after.length > 40 || /\s/.test(f.before + f.after))
    ) {
      return `${escapeInline(f.path)}: ${wordDiff(f.before, f.after)}`
    }
    if (f.change === 'modified' && isScalar(f.before) && isScalar(f.after))
      return `${escapeInline(f.path)}: ${valueText(f.before)} → ${valueText(f.after)}`
    if (f.change === 'members') {
      const added = (f.addedMembers ?? []).map((m) => `+${valueText(m)}`)
      const removed = (f.removedMembers ?? []).map((m) => `−${valueText(m)}`)
      return `${escapeInline(f.path)}: ${[...added, ...removed].join(' ')}`
    }
    if (f.change === 'added' && isScalar(f.after)) return `${escapeInline(f.path)} set to ${valueText(f.after)}`
    if (f.change === 'removed' && isScalar(f.before)) return `${escapeInline(f.path)} ${valueText(f.before)} removed`
    return `${escapeInline(f.path)} ${f.change}`
  })
  return shown.join(', ') + (fields.length > 4 ? `, ${fields.length - 4} more` : '')
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return codeSpan(value, 40)
  if (isScalar(value)) return codeSpan(String(value), 40)
  return '(…)'
}

function summaryBySeverity(findings: Finding[]): string {
  const counts = new Map<string, number>()
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1)
  return [...counts].map(([s, n]) => `${n}${NBSP}${s}`).join(', ')
}

function problemTable(review: Review, problems: Review['problems'], limit: number): string[] {
  const rows = ['| where | problem |', '|---|---|']
  for (const p of problems.slice(0, limit))
    rows.push(
      `| ${fileLink(review, p.file, p.line, p.column, true)} | ${escapeTableCell(p.message, 300)}${p.path ? ` (${escapeTableCell(p.path)})` : ''} |`
    )
  if (problems.length > limit) rows.push(`| … | ${problems.length - limit} more in the job summary |`)
  return [...rows, '']
}

/**
 * A link to a line of a model file at the head commit, on GitHub (`blob`) or GitLab (`-/blob`).
 * `short` shows only the file name (the link keeps the full path).
 */
function fileLink(review: Review, file: string, line?: number, column?: number, short = false): string {
  const name = short ? (file.split('/').pop() ?? file) : file
  const text = `${escapeInline(name, 200)}${line ? `:${line}` : ''}${column ? `:${column}` : ''}`
  const { repositoryUrl, head } = review.context
  if (!repositoryUrl || !head.sha || !/^https:\/\//.test(repositoryUrl)) return text
  const url = `${repositoryUrl}/${review.context.blobPath ?? 'blob'}/${head.sha}/${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`
  return `[${text}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}
