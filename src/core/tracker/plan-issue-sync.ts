import type { ModelDocument, Mitigation, Severity } from '../model/schema.js'
import { SEVERITY_RANK } from '../findings.js'
import { sha256Hex } from '../encoding/sha256.js'
import { escapeBlock, escapeInline, escapeTableCell } from '../render/escape.js'
import { IN_PLACE_STATUSES, OPEN_STATUSES, type IssueMode } from '../domain.js'
import { formatMoney } from '../render/format.js'
import type { MitigationValue } from '../value/mitigation-value.js'
import type { DesiredIssue, ExistingIssue, IssueDrift, IssueOperation, IssueSyncPlan } from './types.js'

const MARKER_PATTERN = /<!-- threatloop:mitigation:([^\s>]+) -->/
const HASH_PATTERN = /<!-- threatloop:hash:([0-9a-f]+) -->/

/** The hidden marker that ties an issue to a mitigation. */
export function mitigationMarker(key: string): string {
  return `<!-- threatloop:mitigation:${key} -->`
}

/** The mitigation key an issue body carries, if any. */
export function issueKey(body: string): string | undefined {
  return MARKER_PATTERN.exec(body)?.[1]
}

/** Where the model lives, for links from issue bodies. */
export interface ModelLinkContext {
  /** e.g. https://github.com/o/r — links are left out when unknown. */
  repositoryUrl?: string
  /** Commit the link points at. */
  commit?: string
  /** `blob` (GitHub) or `-/blob` (GitLab). */
  blobPath?: string
}

/** A head model as the planner needs it. */
export interface ModelForIssues {
  modelId: string
  file: string
  document: ModelDocument
  /** Residual severity per threat id (from the risk engine). */
  threatSeverity: ReadonlyMap<string, Severity | null>
  /** Line of each mitigation in the model file. */
  lineOf(mitigationId: string): number | undefined
  /** What each mitigation not yet in place buys, by mitigation id (docs/business-value.md). */
  values?: ReadonlyMap<string, MitigationValue>
  /** Currency of the model's risk figures. */
  currency?: string
}

export interface IssueSettings {
  /** Label every Threatloop issue carries; issues are listed by it. */
  label: string
  /** Extra labels for every issue. */
  extraLabels: readonly string[]
  assignOwners: boolean
  /** Label for the issues of the mitigations of most value (`issues.top_value`), and their keys. */
  topValue?: { label: string; keys: ReadonlySet<string> }
}

function sanitizeTitle(text: string): string {
  // Titles are plain text, but keep them one line and bounded.
  const one = text
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return one.length > 200 ? `${one.slice(0, 199)}…` : one
}

function ownerAsUser(owner: string | undefined): string | undefined {
  if (!owner) return undefined
  const name = owner.replace(/^@/, '')
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(name) ? name : undefined
}

/**
 * A desired issue whose body and hash are built when first read: a run reads them only for the
 * issues it writes or compares with an existing issue (the rest wait behind the per-run cap).
 */
class MitigationIssue implements DesiredIssue {
  readonly key: string
  readonly modelId: string
  readonly mitigationId: string
  readonly status: DesiredIssue['status']
  readonly state: DesiredIssue['state']
  readonly closeReason: DesiredIssue['closeReason']
  readonly title: string
  readonly labels: string[]
  readonly assignee: string | undefined
  readonly severity: Severity | null
  #texts: { body: string; hash: string } | undefined
  readonly #build: () => { body: string; hash: string }

  constructor(fields: Omit<DesiredIssue, 'body' | 'hash'>, build: () => { body: string; hash: string }) {
    this.key = fields.key
    this.modelId = fields.modelId
    this.mitigationId = fields.mitigationId
    this.status = fields.status
    this.state = fields.state
    this.closeReason = fields.closeReason
    this.title = fields.title
    this.labels = fields.labels
    this.assignee = fields.assignee
    this.severity = fields.severity
    this.#build = build
  }

  get body(): string {
    return (this.#texts ??= this.#build()).body
  }

  get hash(): string {
    return (this.#texts ??= this.#build()).hash
  }
}

/** The issue each mitigation of the head models should have. */
export function desiredMitigationIssues(
  models: readonly ModelForIssues[],
  settings: IssueSettings,
  link: ModelLinkContext = {}
): DesiredIssue[] {
  const desired: DesiredIssue[] = []
  for (const model of models) {
    const addressing = new Map<string, NonNullable<ModelDocument['threats']>>()
    for (const threat of model.document.threats ?? [])
      for (const id of new Set(threat.mitigations ?? [])) {
        const list = addressing.get(id)
        if (list) list.push(threat)
        else addressing.set(id, [threat])
      }
    for (const mitigation of model.document.mitigations ?? []) {
      const status = mitigation.status ?? 'proposed'
      const addressed = addressing.get(mitigation.id) ?? []
      let severity: Severity | null = null
      for (const threat of addressed) {
        const s = model.threatSeverity.get(threat.id) ?? null
        if (s && (severity === null || SEVERITY_RANK[s] > SEVERITY_RANK[severity])) severity = s
      }
      const key = `${model.modelId}/${mitigation.id}`
      const labels = [settings.label, ...settings.extraLabels]
      if (severity) labels.push(`severity:${severity}`)
      if (mitigation.type) labels.push(`mitigation:${mitigation.type}`)
      if (settings.topValue?.keys.has(key)) labels.push(settings.topValue.label)
      const title = sanitizeTitle(`${mitigation.title} (${key})`)
      const open = OPEN_STATUSES.has(status)
      const fields: Omit<DesiredIssue, 'body' | 'hash'> = {
        key,
        modelId: model.modelId,
        mitigationId: mitigation.id,
        status,
        state: open ? 'open' : 'closed',
        closeReason: open ? undefined : IN_PLACE_STATUSES.has(status) ? 'completed' : 'not_planned',
        title,
        labels: [...new Set(labels)],
        assignee: settings.assignOwners ? ownerAsUser(mitigation.owner) : undefined,
        severity
      }
      const issue = new MitigationIssue(fields, () => {
        const content = issueBody(model, mitigation, addressed, link)
        // The link names the commit of this run; hashing without it keeps unchanged issues untouched on every push.
        const unlinked = link.repositoryUrl && link.commit ? issueBody(model, mitigation, addressed, {}) : content
        const hash = sha256Hex(JSON.stringify([title, unlinked, [...labels].sort()])).slice(0, 16)
        return { body: `${mitigationMarker(key)}\n<!-- threatloop:hash:${hash} -->\n${content}`, hash }
      })
      desired.push(issue)
    }
  }
  return desired.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function issueBody(
  model: ModelForIssues,
  mitigation: Mitigation,
  addressed: NonNullable<ModelDocument['threats']>,
  link: ModelLinkContext
): string {
  const lines: string[] = []
  lines.push(`**Mitigation** ${escapeInline(mitigation.id)}: ${escapeInline(mitigation.title)}`)
  const facts = [
    `status: ${mitigation.status ?? 'proposed'}`,
    mitigation.type ? `type: ${mitigation.type}` : undefined,
    mitigation.roadmap ? `roadmap: ${mitigation.roadmap}` : undefined,
    mitigation.owner ? `owner: ${escapeInline(mitigation.owner)}` : undefined
  ].filter((f): f is string => f !== undefined)
  lines.push('', facts.join(' · '))
  lines.push('', '### What to do', '', mitigation.description ? escapeBlock(mitigation.description) : '_No description in the model._')
  lines.push(
    '',
    '### Verification',
    '',
    mitigation.verification
      ? escapeBlock(mitigation.verification)
      : '_No verification criteria in the model: add `verification:` so this can be closed with evidence._'
  )
  const value = model.values?.get(mitigation.id)
  if (value) lines.push('', '### Value', '', valueText(value, model.currency ?? 'USD'))
  lines.push('', '### Threats addressed', '')
  if (addressed.length === 0) lines.push('_None: this mitigation is linked to no threat._')
  else {
    lines.push('| threat | title | residual severity |', '|---|---|---|')
    for (const threat of addressed) {
      lines.push(
        `| ${escapeTableCell(threat.id)} | ${escapeTableCell(threat.title)} | ${model.threatSeverity.get(threat.id) ?? 'unrated'} |`
      )
    }
  }
  const line = model.lineOf(mitigation.id)
  if (link.repositoryUrl && link.commit) {
    const url = `${link.repositoryUrl}/${link.blobPath ?? 'blob'}/${link.commit}/${model.file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`
    lines.push('', `Model: [${escapeInline(model.file)}](${url}) at ${link.commit.slice(0, 7)}`)
  } else {
    lines.push('', `Model: ${escapeInline(model.file)}${line ? ` line ${line}` : ''}`)
  }
  lines.push('', '_Managed by Threatloop from the threat model: edit the model, not this issue; its status closes and reopens the issue._')
  return lines.join('\n')
}

/**
 * What the mitigation buys, in one paragraph: money only when it rests on quantitative inputs,
 * else the residual severity moves. Rounded figures from keyed streams: the same on every run.
 */
function valueText(value: MitigationValue, currency: string): string {
  const parts: string[] = []
  if (value.aleReduction) {
    parts.push(
      `If it were in place, the residual annual loss of the threats it affects would fall by ${formatMoney(value.aleReduction.mean, currency)} a year on average (${formatMoney(value.aleReduction.p90, currency)} at the 90th percentile).`
    )
    if (value.valuePerCost !== null && value.annualCost !== null)
      parts.push(
        `That is ${value.valuePerCost.toLocaleString('en-US', { maximumFractionDigits: 1 })}× its yearly cost of ${formatMoney(value.annualCost, value.cost?.currency ?? currency)}.`
      )
  }
  if (value.severityChange.length > 0) {
    const moves = value.severityChange
      .slice(0, 10)
      .map((c) => `${escapeInline(c.threat, 60)} ${c.from ?? 'unrated'} → ${c.to ?? 'unrated'}`)
      .join(', ')
    parts.push(
      `Residual severity if in place: ${moves}${value.severityChange.length > 10 ? `, and ${value.severityChange.length - 10} more` : ''}.`
    )
  } else if (value.aleReduction === null && value.note === null) parts.push('It changes no residual severity.')
  if (value.note) parts.push(`_${capitalise(escapeInline(value.note, 200))}._`)
  return parts.join(' ')
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export interface PlanOptions {
  mode: IssueMode
  /** Model ids this review covered: issues of other models are left alone. */
  modelsInScope: ReadonlySet<string>
  /** Mitigation keys whose status changed in this change (base → head), to tell reopen from drift. */
  changedKeys?: ReadonlySet<string>
  /** Most write operations in one run (the rest wait for the next run). */
  maxOperations?: number
}

/**
 * Reconciles the issues mitigations should have with the issues that exist: every open-status
 * mitigation ends with exactly one open issue; done ones closed as completed, rejected or removed
 * ones closed as not planned. Unchanged issues are never rewritten.
 */
export function planIssueSync(desired: readonly DesiredIssue[], existing: readonly ExistingIssue[], options: PlanOptions): IssueSyncPlan {
  // Create and update operations read the issue body, which is built on first read: they are
  // queued as thunks and built only when they fall within the per-run cap.
  const operations: (IssueOperation | (() => IssueOperation))[] = []
  const drift: IssueDrift[] = []
  const byKey = new Map<string, ExistingIssue[]>()
  for (const issue of [...existing].sort((a, b) => a.number - b.number)) {
    const key = issueKey(issue.body)
    if (key === undefined) continue
    const list = byKey.get(key)
    if (list) list.push(issue)
    else byKey.set(key, [issue])
  }
  let unchanged = 0
  const wanted = new Set<string>()
  for (const want of desired) {
    wanted.add(want.key)
    const found = byKey.get(want.key) ?? []
    // Prefer an open issue when duplicates exist; the others are reported.
    const primary = found.find((i) => i.state === 'open') ?? found[0]
    for (const other of found) {
      if (other === primary) continue
      drift.push({
        key: want.key,
        number: other.number,
        kind: 'duplicate-issue',
        message: `issue #${other.number} duplicates #${primary.number} for mitigation ${want.key}`
      })
      if (other.state === 'open')
        operations.push({
          op: 'close',
          key: want.key,
          number: other.number,
          reason: 'not_planned',
          comment: `Duplicate of #${primary.number}, which tracks this mitigation.`
        })
    }
    if (!primary) {
      if (want.state === 'open')
        operations.push(() => ({
          op: 'create',
          key: want.key,
          title: want.title,
          body: want.body,
          labels: want.labels,
          assignee: want.assignee
        }))
      continue
    }
    const bodyChanged = HASH_PATTERN.exec(primary.body)?.[1] !== want.hash
    // Built when it is read: the body is only composed for the operations that are kept.
    const update = (): IssueOperation => ({
      op: 'update',
      key: want.key,
      number: primary.number,
      title: want.title,
      body: want.body,
      labels: want.labels
    })
    if (want.state === 'open' && primary.state === 'closed') {
      const statusChanged = options.changedKeys?.has(want.key) ?? false
      if (!statusChanged) {
        drift.push({
          key: want.key,
          number: primary.number,
          kind: 'closed-while-open-in-model',
          message: `issue #${primary.number} was closed, but the model still says mitigation ${want.mitigationId} is ${want.status}${options.mode === 'write' ? '; reopened — set the status in the model if the work is done' : ''}`
        })
      }
      operations.push({
        op: 'reopen',
        key: want.key,
        number: primary.number,
        comment: `Reopened by Threatloop: the threat model says mitigation ${escapeInline(want.mitigationId, 200)} is ${want.status}.`
      })
      if (bodyChanged) operations.push(update)
      continue
    }
    if (want.state === 'closed' && primary.state === 'open') {
      if (!(options.changedKeys?.has(want.key) ?? false)) {
        drift.push({
          key: want.key,
          number: primary.number,
          kind: 'open-while-done-in-model',
          message: `issue #${primary.number} is open, but the model says mitigation ${want.mitigationId} is ${want.status}`
        })
      }
      if (bodyChanged) operations.push(update)
      operations.push({
        op: 'close',
        key: want.key,
        number: primary.number,
        reason: want.closeReason ?? 'completed',
        comment: `Closed by Threatloop: the threat model says mitigation ${escapeInline(want.mitigationId, 200)} is ${want.status}.`
      })
      continue
    }
    if (bodyChanged && want.state === 'open') operations.push(update)
    else unchanged++
  }
  // Issues of mitigations that disappeared from a model this review covered.
  for (const [key, issues] of byKey) {
    if (wanted.has(key)) continue
    const modelId = key.slice(0, key.lastIndexOf('/'))
    if (!options.modelsInScope.has(modelId)) continue
    for (const issue of issues) {
      if (issue.state === 'open')
        operations.push({
          op: 'close',
          key,
          number: issue.number,
          reason: 'not_planned',
          comment: `Closed by Threatloop: mitigation ${escapeInline(key, 200)} is no longer in the threat model.`
        })
    }
  }
  const limit = options.maxOperations ?? Infinity
  const kept = operations.slice(0, limit).map((operation) => (typeof operation === 'function' ? operation() : operation))
  const summary = { create: 0, update: 0, close: 0, reopen: 0, unchanged }
  for (const operation of kept) summary[operation.op]++
  return { mode: options.mode, operations: options.mode === 'off' ? [] : kept, drift, summary, deferred: operations.length - kept.length }
}
