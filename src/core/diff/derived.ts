import type { ModelIndex } from '../model/model-index.js'
import { CLASSIFICATIONS, type Classification, type Dataflow, type Level, type MitigationStatus, type Threat } from '../model/schema.js'
import { qualitativeSeverity, severityRank } from './severity.js'
import type { DerivedChange, DiffSection } from './types.js'

/** A base element and the head element it became (same id, or renamed). */
export interface ElementMatch {
  baseId: string
  headId: string
}

/** Matched elements of the sections derived changes look at. */
export type SectionMatches = Partial<Record<DiffSection, readonly ElementMatch[]>>

/**
 * How far along a mitigation is: rejected < proposed < planned < in-progress < implemented = existing < verified.
 * A missing status counts as proposed (nothing has been decided).
 */
const STATUS_RANK: Record<MitigationStatus, number> = {
  rejected: 0,
  proposed: 1,
  planned: 2,
  'in-progress': 3,
  implemented: 4,
  existing: 4,
  verified: 5
}

/** Computes the consequences of a change from the two model graphs (elements present on both sides). */
export function deriveChanges(base: ModelIndex, head: ModelIndex, matches: SectionMatches): DerivedChange[] {
  const out: DerivedChange[] = []
  for (const match of matches.threats ?? []) {
    const before = base.threats.get(match.baseId)
    const after = head.threats.get(match.headId)
    if (before && after) deriveThreat(base, head, before, after, match, out)
  }
  for (const match of matches.mitigations ?? []) {
    const before = base.mitigations.get(match.baseId)
    const after = head.mitigations.get(match.headId)
    if (!before || !after || before.status === after.status) continue
    const from = before.status ?? 'proposed'
    const to = after.status ?? 'proposed'
    const delta = STATUS_RANK[to] - STATUS_RANK[from]
    const direction = delta > 0 ? 'progress' : delta < 0 ? 'regression' : 'lateral'
    const word = direction === 'progress' ? 'progressed' : direction === 'regression' ? 'regressed' : 'moved'
    out.push({
      ...ids('mitigations', match),
      kind: 'mitigation-status-moved',
      direction,
      before: before.status ?? null,
      after: after.status ?? null,
      message: `Mitigation ${after.id} ${word}: status ${before.status ?? 'unset'} → ${after.status ?? 'unset'}.`
    })
  }
  for (const match of matches.dataflows ?? []) {
    const before = base.dataflows.get(match.baseId)
    const after = head.dataflows.get(match.headId)
    if (before && after) deriveFlow(base, head, before, after, match, out)
  }
  for (const match of matches.assets ?? []) {
    const before = base.assets.get(match.baseId)?.classification
    const after = head.assets.get(match.headId)?.classification
    if (before === undefined || after === undefined || before === after) continue
    const direction = classificationRank(after) > classificationRank(before) ? 'rose' : 'fell'
    out.push({
      ...ids('assets', match),
      kind: 'asset-classification-moved',
      direction,
      before,
      after,
      message: `Asset ${match.headId} classification ${direction} from ${before} to ${after}.`
    })
  }
  for (const match of matches.components ?? []) {
    const before = base.components.get(match.baseId)
    const after = head.components.get(match.headId)
    if (!before || !after || before.internet_facing === true || after.internet_facing !== true) continue
    out.push({
      ...ids('components', match),
      kind: 'component-became-internet-facing',
      before: before.internet_facing ?? false,
      after: true,
      message: `Component ${after.id} is now internet-facing.`
    })
  }
  return out
}

function ids(section: DiffSection, match: ElementMatch): Pick<DerivedChange, 'section' | 'elementId' | 'previousId'> {
  return match.baseId === match.headId
    ? { section, elementId: match.headId }
    : { section, elementId: match.headId, previousId: match.baseId }
}

/** The stated likelihood and impact of a threat: those under `risk` first, as the risk engine reads them. */
function levelsOf(threat: Threat): { likelihood?: Level; impact?: Level } {
  return { likelihood: threat.risk?.likelihood ?? threat.likelihood, impact: threat.risk?.impact ?? threat.impact }
}

function deriveThreat(base: ModelIndex, head: ModelIndex, before: Threat, after: Threat, match: ElementMatch, out: DerivedChange[]): void {
  const b = levelsOf(before)
  const a = levelsOf(after)
  const from = b.likelihood && b.impact ? qualitativeSeverity(b.likelihood, b.impact) : undefined
  const to = a.likelihood && a.impact ? qualitativeSeverity(a.likelihood, a.impact) : undefined
  if (from !== to) {
    const direction = from === undefined ? 'rated' : to === undefined ? 'unrated' : severityRank(to) > severityRank(from) ? 'up' : 'down'
    const reasons: string[] = []
    if (b.likelihood !== a.likelihood) reasons.push(`likelihood ${b.likelihood ?? 'unset'} → ${a.likelihood ?? 'unset'}`)
    if (b.impact !== a.impact) reasons.push(`impact ${b.impact ?? 'unset'} → ${a.impact ?? 'unset'}`)
    const verb = direction === 'up' ? 'rose' : direction === 'down' ? 'fell' : direction === 'rated' ? 'is now rated' : 'is no longer rated'
    const change = from && to ? `${verb} from ${from} to ${to}` : to ? `${verb} ${to}` : `${verb} (was ${from})`
    out.push({
      ...ids('threats', match),
      kind: 'threat-severity-moved',
      direction,
      before: from ?? null,
      after: to ?? null,
      message: `Threat ${after.id} severity ${change} (${reasons.join(', ')}).`
    })
  }
  const linkedBefore = activeMitigations(base, before.id)
  if (linkedBefore.length > 0 && activeMitigations(head, after.id).length === 0) {
    out.push({
      ...ids('threats', match),
      kind: 'threat-lost-last-mitigation',
      before: linkedBefore,
      after: [],
      message: `Threat ${after.id} lost its last mitigation (had ${linkedBefore.join(', ')}).`
    })
  }
}

/** Ids of the mitigations linked to a threat that exist and are not rejected. */
function activeMitigations(index: ModelIndex, threatId: string): string[] {
  return (index.mitigationsByThreat.get(threatId) ?? []).filter((m) => m.status !== 'rejected').map((m) => m.id)
}

function deriveFlow(
  base: ModelIndex,
  head: ModelIndex,
  before: Dataflow,
  after: Dataflow,
  match: ElementMatch,
  out: DerivedChange[]
): void {
  const trustBefore = { from: base.trustOf(before.from) ?? null, to: base.trustOf(before.to) ?? null }
  const trustAfter = { from: head.trustOf(after.from) ?? null, to: head.trustOf(after.to) ?? null }
  if (!crosses(trustBefore) && crosses(trustAfter)) {
    out.push({
      ...ids('dataflows', match),
      kind: 'flow-crosses-trust-boundary',
      before: trustBefore,
      after: trustAfter,
      message: `Flow ${after.id} (${after.from} → ${after.to}) now crosses a trust boundary: trust ${String(trustAfter.from)} → ${String(trustAfter.to)}.`
    })
  }
  if (before.encrypted === true && after.encrypted !== true) {
    out.push({
      ...ids('dataflows', match),
      kind: 'flow-lost-encryption',
      before: true,
      after: after.encrypted ?? null,
      message: `Flow ${after.id} (${after.from} → ${after.to}) is no longer encrypted.`
    })
  }
  if (isAuthenticated(before) && !isAuthenticated(after)) {
    out.push({
      ...ids('dataflows', match),
      kind: 'flow-lost-authentication',
      before: before.authentication ?? null,
      after: after.authentication ?? null,
      message: `Flow ${after.id} (${after.from} → ${after.to}) lost its authentication (was ${before.authentication ?? 'unset'}, now ${after.authentication ?? 'unset'}).`
    })
  }
  const sensitivityBefore = highestClassification(base, before.id)
  const sensitivityAfter = highestClassification(head, after.id)
  if (classificationRank(sensitivityAfter) > classificationRank(sensitivityBefore)) {
    out.push({
      ...ids('dataflows', match),
      kind: 'flow-data-more-sensitive',
      direction: 'rose',
      before: sensitivityBefore ?? null,
      after: sensitivityAfter ?? null,
      message: `Flow ${after.id} (${after.from} → ${after.to}) now carries ${sensitivityAfter ?? 'unclassified'} data (was ${sensitivityBefore ?? 'unclassified'}).`
    })
  }
}

function crosses(trust: { from: number | null; to: number | null }): boolean {
  return trust.from !== null && trust.to !== null && trust.from !== trust.to
}

/** A flow is authenticated when it names a scheme other than `none`. */
function isAuthenticated(flow: Dataflow): boolean {
  const scheme = flow.authentication?.trim().toLowerCase()
  return scheme !== undefined && scheme !== '' && scheme !== 'none'
}

function highestClassification(index: ModelIndex, flowId: string): Classification | undefined {
  let highest: Classification | undefined
  for (const asset of index.assetsOnFlow(flowId)) {
    if (asset.classification !== undefined && classificationRank(asset.classification) > classificationRank(highest))
      highest = asset.classification
  }
  return highest
}

/** public 0 … restricted 3; unclassified −1. */
function classificationRank(classification: Classification | undefined): number {
  return classification === undefined ? -1 : CLASSIFICATIONS.indexOf(classification)
}
