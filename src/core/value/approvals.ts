/**
 * Approved acceptances: a change that adds or changes a risk acceptance, or a suppression of a
 * high or critical finding, needs an approving review on that change from someone the trusted
 * configuration names (`approvals: { acceptance: [...], suppression: [...] }`). A name typed into
 * the YAML (`acceptance.by`, `approved_by`) is not an approval. Pure: the adapter lists the
 * change's approving reviewers (and their teams, when the token may read them).
 */
import type { Finding } from '../findings.js'
import type { ModelDocument, Severity, Suppression } from '../model/schema.js'
import { canonicalJson } from '../encoding/canonical-json.js'
import { suppressionMatches } from '../rules/run-rules.js'

/** Who may approve what, from the trusted configuration: logins (`alice`) or teams (`org/team` or `@org/team`). */
export interface ApproverSettings {
  acceptance: readonly string[]
  suppression: readonly string[]
}

/** One approving review of the change, as the platform reports it. */
export interface Approval {
  login: string
  /** Teams (`org/team`) the reviewer belongs to, when the adapter could read them. */
  teams?: readonly string[]
}

/** What the adapter found out about approvals on this change. */
export interface ApprovalEvidence {
  /** Approving reviews at the head commit (GitHub: state APPROVED; GitLab: approved_by). */
  approvals: readonly Approval[]
  /** Teams named in the settings whose members could not be read (the token lacks access). */
  unreadableTeams?: readonly string[]
  /** Listed approvers whose approval is of an earlier commit than the one reviewed (GitHub). */
  staleApprovals?: readonly string[]
}

export interface ApprovalRequirement {
  modelId: string
  kind: 'acceptance' | 'suppression'
  /** Threat id (acceptance) or `rule@target` (suppression). */
  element: string
  /** Highest severity of what is accepted or suppressed, when known. */
  severity: Severity | null
  /** Who may approve it (from the configuration). */
  approvers: string[]
  /** The approving reviewer that satisfies it, or null. */
  approvedBy: string | null
  /** Why it cannot be decided (unreadable teams, no approvers configured), when so. */
  note: string | null
}

const HIGH: ReadonlySet<Severity> = new Set(['high', 'critical'])

function normaliseName(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase()
}

function satisfies(approval: Approval, approvers: readonly string[]): boolean {
  const login = normaliseName(approval.login)
  const teams = new Set((approval.teams ?? []).map(normaliseName))
  return approvers.some((a) => {
    const name = normaliseName(a)
    return name.includes('/') ? teams.has(name) : name === login
  })
}

function suppressionKey(s: Suppression): string {
  return `${s.rule}@${s.target}`
}

/** Who of the approvers approved (the first approving review that satisfies them), or why it is open. */
function settle(
  approvers: readonly string[],
  kind: ApprovalRequirement['kind'],
  evidence: ApprovalEvidence | null
): Pick<ApprovalRequirement, 'approvedBy' | 'note'> {
  if (approvers.length === 0)
    return { approvedBy: null, note: `no ${kind} approvers are configured (approvals.${kind} in .threatloop.yaml)` }
  if (evidence === null) return { approvedBy: null, note: 'approving reviews could not be read on this run' }
  const approval = evidence.approvals.find((a) => satisfies(a, approvers))
  if (approval) return { approvedBy: approval.login, note: null }
  const notes: string[] = []
  const unreadable = approvers.filter((a) => (evidence.unreadableTeams ?? []).map(normaliseName).includes(normaliseName(a)))
  if (unreadable.length > 0) notes.push(`members of ${unreadable.join(', ')} could not be read with this token`)
  const stale = (evidence.staleApprovals ?? []).filter((login) => satisfies({ login }, approvers))
  if (stale.length > 0) notes.push(`${stale.join(', ')} approved an earlier commit; an approval of the latest commit is needed`)
  return { approvedBy: null, note: notes.length > 0 ? notes.join('; ') : null }
}

/** The same requirements decided again with the approvals the platform read (the second step of a review). */
export function settleApprovals(requirements: readonly ApprovalRequirement[], evidence: ApprovalEvidence | null): ApprovalRequirement[] {
  return requirements.map((r) => ({ ...r, ...settle(r.approvers, r.kind, evidence) }))
}

/** Teams (`org/team`) named among the approvers of these requirements, as written, without duplicates. */
export function approverTeams(requirements: readonly ApprovalRequirement[]): string[] {
  const teams = new Map<string, string>()
  for (const r of requirements)
    for (const a of r.approvers) if (normaliseName(a).includes('/')) teams.set(normaliseName(a), a.trim().replace(/^@/, ''))
  return [...teams.values()].sort()
}

/**
 * The acceptances and suppressions a change adds or changes that need approval, each with the
 * approver that satisfies it (if any). Suppressions count only when they silence a high or
 * critical finding on the head.
 */
export function approvalRequirements(
  modelId: string,
  base: ModelDocument | undefined,
  head: ModelDocument,
  headFindings: readonly Finding[],
  threatSeverity: ReadonlyMap<string, Severity | null>,
  settings: ApproverSettings,
  evidence: ApprovalEvidence | null
): ApprovalRequirement[] {
  const requirements: ApprovalRequirement[] = []
  const baseThreats = new Map((base?.threats ?? []).map((t) => [t.id, t]))
  const decide = (kind: ApprovalRequirement['kind'], element: string, severity: Severity | null): void => {
    const approvers = [...(kind === 'acceptance' ? settings.acceptance : settings.suppression)]
    requirements.push({ modelId, kind, element, severity, approvers, ...settle(approvers, kind, evidence) })
  }

  for (const threat of head.threats ?? []) {
    const accepted = threat.acceptance !== undefined || threat.status === 'accepted'
    if (!accepted) continue
    const before = baseThreats.get(threat.id)
    const was = before ? canonicalJson({ status: before.status === 'accepted', acceptance: before.acceptance ?? null }) : null
    const now = canonicalJson({ status: threat.status === 'accepted', acceptance: threat.acceptance ?? null })
    if (was !== now) decide('acceptance', threat.id, threatSeverity.get(threat.id) ?? null)
  }

  const baseSuppressions = new Map((base?.suppressions ?? []).map((s) => [suppressionKey(s), canonicalJson(s)]))
  for (const suppression of head.suppressions ?? []) {
    const key = suppressionKey(suppression)
    if (baseSuppressions.get(key) === canonicalJson(suppression)) continue
    const silenced = headFindings.filter((f) => f.suppressed && suppressionMatches(suppression, f, modelId))
    const severities = silenced.map((f) => f.severity).filter((s) => HIGH.has(s))
    if (severities.length === 0) continue
    decide('suppression', key, severities.includes('critical') ? 'critical' : 'high')
  }
  return requirements.sort((a, b) =>
    a.kind === b.kind ? (a.element < b.element ? -1 : a.element > b.element ? 1 : 0) : a.kind < b.kind ? -1 : 1
  )
}
