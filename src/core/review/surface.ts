import type { ModelDiff } from '../diff/index.js'
import type { LoadedModel } from '../model/load.js'
import type { ModelIndex } from '../model/model-index.js'

/** Attack surface a change adds that no threat in the head model covers. */
export interface NewSurface {
  kind: 'internet-facing-component' | 'cross-boundary-flow' | 'restricted-data-to-lower-trust'
  section: 'components' | 'dataflows'
  /** Element id in the head. */
  id: string
  title: string
  /** Component type (service, datastore, …) or the flow's protocol. */
  type?: string
  /** For flows: the zones crossed (titles) and the restricted assets carried. */
  fromZone?: string
  toZone?: string
  assets?: string[]
  /** Line of the element in the head model file. */
  line?: number
}

/**
 * New attack surface without threats: a component that became (or was added) internet-facing, a
 * flow that newly crosses a trust boundary, or restricted data that newly reaches a lower-trust
 * zone, where no head threat targets the element (for a flow: the flow or its target component).
 */
export function newUnmodelledSurface(base: LoadedModel | undefined, head: LoadedModel | undefined, diff: ModelDiff | null): NewSurface[] {
  if (!head || !diff || diff.isEmpty) return []
  const index = head.index
  const out: NewSurface[] = []
  const covered = (id: string): boolean => (index.threatsByTarget.get(id)?.length ?? 0) > 0
  const previousOf = new Map<string, string>()
  for (const change of diff.changes)
    if (change.change === 'renamed' && change.previousId) previousOf.set(`${change.section}/${change.id}`, change.previousId)
  const baseIndex = base?.index
  const added = new Set(diff.changes.filter((c) => c.change === 'added').map((c) => `${c.section}/${c.id}`))
  const touched = new Set(diff.changes.map((c) => `${c.section}/${c.id}`))
  for (const d of diff.derived) touched.add(`${d.section}/${d.elementId}`)

  for (const [id, component] of index.components) {
    if (component.internet_facing !== true || !touched.has(`components/${id}`)) continue
    const before = added.has(`components/${id}`) ? undefined : baseIndex?.components.get(previousOf.get(`components/${id}`) ?? id)
    if (before?.internet_facing === true || covered(id)) continue
    out.push({
      kind: 'internet-facing-component',
      section: 'components',
      id,
      title: component.title ?? id,
      type: component.type,
      line: index.positionOf(id)?.line
    })
  }
  for (const [id, flow] of index.dataflows) {
    if (!touched.has(`dataflows/${id}`) || covered(id)) continue
    const beforeFlow = added.has(`dataflows/${id}`) ? undefined : baseIndex?.dataflows.get(previousOf.get(`dataflows/${id}`) ?? id)
    const zoneTitle = (component: string): string | undefined => {
      const zone = index.components.get(component)?.zone
      return zone === undefined ? undefined : (index.zones.get(zone)?.title ?? zone)
    }
    const fromZone = zoneTitle(flow.from)
    const toZone = zoneTitle(flow.to)
    const crosses = (i: ModelIndex | undefined, from: string, to: string): boolean => {
      const a = i?.components.get(from)?.zone
      const b = i?.components.get(to)?.zone
      return a !== undefined && b !== undefined && a !== b
    }
    const restricted = (i: ModelIndex | undefined, flowId: string): string[] =>
      i
        ? i
            .assetsOnFlow(flowId)
            .filter((a) => a.classification === 'restricted')
            .map((a) => a.id)
        : []
    const trustFrom = index.trustOf(flow.from)
    const trustTo = index.trustOf(flow.to)
    const lower = trustFrom !== undefined && trustTo !== undefined && trustTo < trustFrom
    const restrictedNow = restricted(index, id)
    const restrictedBefore = beforeFlow && baseIndex ? restricted(baseIndex, beforeFlow.id) : []
    const lowerBefore =
      beforeFlow && baseIndex ? (baseIndex.trustOf(beforeFlow.to) ?? 0) < (baseIndex.trustOf(beforeFlow.from) ?? 0) : false
    const newRestricted = lower ? restrictedNow.filter((a) => !(lowerBefore && restrictedBefore.includes(a))) : []
    if (newRestricted.length > 0) {
      out.push({
        kind: 'restricted-data-to-lower-trust',
        section: 'dataflows',
        id,
        title: flow.title ?? id,
        type: flow.protocol,
        fromZone,
        toZone,
        assets: newRestricted,
        line: index.positionOf(id)?.line
      })
      continue
    }
    const crossedBefore = beforeFlow !== undefined && crosses(baseIndex, beforeFlow.from, beforeFlow.to)
    if (crosses(index, flow.from, flow.to) && !crossedBefore) {
      out.push({
        kind: 'cross-boundary-flow',
        section: 'dataflows',
        id,
        title: flow.title ?? id,
        type: flow.protocol,
        fromZone,
        toZone,
        line: index.positionOf(id)?.line
      })
    }
  }
  const order = { 'internet-facing-component': 0, 'restricted-data-to-lower-trust': 1, 'cross-boundary-flow': 2 }
  return out.sort((a, b) => order[a.kind] - order[b.kind] || naturalCompare(a.id, b.id))
}

/** Orders ids the way people read them: T-2 before T-10. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? []
  const pb = b.match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === y) continue
    const digits = /^\d/.test(x) && /^\d/.test(y)
    if (digits) {
      const nx = x.replace(/^0+/, '')
      const ny = y.replace(/^0+/, '')
      if (nx.length !== ny.length) return nx.length - ny.length
      if (nx !== ny) return nx < ny ? -1 : 1
      continue
    }
    return x < y ? -1 : 1
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0)
}
