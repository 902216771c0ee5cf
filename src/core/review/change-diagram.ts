import type { ModelDiff } from '../diff/index.js'
import type { LoadedModel } from '../model/load.js'

/** How an element of the diagram changed. */
export type DiagramState = 'added' | 'removed' | 'changed' | 'context'

export interface DiagramNode {
  id: string
  label: string
  type: string
  zone: string | null
  state: DiagramState
}

export interface DiagramEdge {
  id: string
  from: string
  to: string
  label: string
  state: DiagramState
  /** Encryption that the change removed or added on this flow. */
  encryption?: 'lost' | 'gained'
  /** What is new on this flow that a reviewer should look at: new findings, new threats. */
  notes?: string[]
}

/** New findings and threats per element (head ids), to mark the flows that carry them. */
export interface DiagramMarks {
  notes: ReadonlyMap<string, readonly string[]>
}

/** The changed part of a model's data-flow graph with its neighbours, as data. */
export interface ChangeDiagram {
  zones: { id: string; label: string; trust: number | null }[]
  nodes: DiagramNode[]
  edges: DiagramEdge[]
  /** Elements left out to keep the diagram readable. */
  omitted: { nodes: number; edges: number }
}

const MAX_NODES = 40
const MAX_EDGES = 60

/**
 * The changed components and flows, their neighbours as context, grouped by trust zone.
 * Returns null when no component or flow changed.
 */
export function buildChangeDiagram(
  base: LoadedModel | undefined,
  head: LoadedModel | undefined,
  diff: ModelDiff,
  marks?: DiagramMarks
): ChangeDiagram | null {
  const componentState = new Map<string, DiagramState>()
  const flowState = new Map<string, DiagramState>()
  // A renamed or moved element is one element: base ids are read as their head ids.
  const renamed = new Map<string, string>()
  const encryption = new Map<string, 'lost' | 'gained'>()
  for (const change of diff.changes) {
    if (change.change === 'renamed' && change.previousId && (change.section === 'components' || change.section === 'dataflows'))
      renamed.set(`${change.section}/${change.previousId}`, change.id)
    if (change.section === 'dataflows') {
      const field = change.fields.find((f) => f.path === 'encrypted')
      if (field && field.after === true && field.before !== true) encryption.set(change.id, 'gained')
    }
  }
  for (const derived of diff.derived) if (derived.kind === 'flow-lost-encryption') encryption.set(derived.elementId, 'lost')
  const headComponentId = (id: string, fromBase: boolean): string => (fromBase ? (renamed.get(`components/${id}`) ?? id) : id)
  for (const change of diff.changes) {
    const state: DiagramState = change.change === 'added' ? 'added' : change.change === 'removed' ? 'removed' : 'changed'
    if (change.section === 'components') componentState.set(change.id, state)
    if (change.section === 'dataflows') flowState.set(change.id, state)
  }
  for (const derived of diff.derived) {
    if (derived.section === 'components' && !componentState.has(derived.elementId)) componentState.set(derived.elementId, 'changed')
    if (derived.section === 'dataflows' && !flowState.has(derived.elementId)) flowState.set(derived.elementId, 'changed')
  }
  if (componentState.size === 0 && flowState.size === 0) return null

  const componentOf = (id: string) => head?.index.components.get(id) ?? base?.index.components.get(id)
  const flowOf = (id: string, state: DiagramState) =>
    state === 'removed' ? base?.index.dataflows.get(id) : (head?.index.dataflows.get(id) ?? base?.index.dataflows.get(id))
  const zoneOfComponent = (id: string, state: DiagramState) =>
    state === 'removed'
      ? base?.index.components.get(id)?.zone
      : (head?.index.components.get(id)?.zone ?? base?.index.components.get(id)?.zone)

  const edges: DiagramEdge[] = []
  const addEdge = (id: string, state: DiagramState, fromBase = state === 'removed'): void => {
    const flow = fromBase ? base?.index.dataflows.get(id) : flowOf(id, state)
    const edgeId = fromBase ? (renamed.get(`dataflows/${id}`) ?? id) : id
    if (!flow || edges.some((e) => e.id === edgeId)) return
    const assets = (fromBase ? base : head)?.index.assetsOnFlow(flow.id).map((a) => a.id) ?? []
    const label = [flow.protocol ?? flow.title ?? edgeId, assets.slice(0, 2).join(', ') + (assets.length > 2 ? ' …' : '')]
      .filter((x) => x !== '')
      .join(' · ')
    const notes = marks?.notes.get(edgeId) ?? []
    edges.push({
      id: edgeId,
      from: headComponentId(flow.from, fromBase),
      to: headComponentId(flow.to, fromBase),
      label,
      state,
      ...(encryption.has(edgeId) && state !== 'removed' ? { encryption: encryption.get(edgeId) } : {}),
      ...(notes.length > 0 && state !== 'removed' ? { notes: [...notes] } : {})
    })
  }
  for (const [id, state] of flowState) addEdge(id, state)
  // Neighbouring flows of changed components give the change its context.
  const graph = head ?? base
  const previousComponent = new Map(
    [...renamed].filter(([key]) => key.startsWith('components/')).map(([key, to]) => [to, key.slice('components/'.length)])
  )
  for (const componentId of componentState.keys()) {
    for (const index of [head?.index, base?.index]) {
      if (!index) continue
      const id = index === head?.index ? componentId : (previousComponent.get(componentId) ?? componentId)
      for (const flow of [...(index.inboundFlows.get(id) ?? []), ...(index.outboundFlows.get(id) ?? [])]) {
        const fromBase = index !== graph?.index
        const headId = fromBase ? (renamed.get(`dataflows/${flow.id}`) ?? flow.id) : flow.id
        // A base flow that still exists (maybe renamed) is context, not removed.
        const stillThere = fromBase && head?.index.dataflows.has(headId)
        if (!flowState.has(headId) && !stillThere) addEdge(flow.id, fromBase ? 'removed' : 'context', fromBase)
      }
    }
  }
  edges.sort((a, b) => stateOrder(a.state) - stateOrder(b.state) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const keptEdges = edges.slice(0, MAX_EDGES)

  const nodeIds = new Set<string>(componentState.keys())
  for (const edge of keptEdges) {
    nodeIds.add(edge.from)
    nodeIds.add(edge.to)
  }
  const nodes: DiagramNode[] = []
  for (const id of nodeIds) {
    const component = componentOf(id)
    const state = componentState.get(id) ?? 'context'
    nodes.push({ id, label: component?.title ?? id, type: component?.type ?? 'component', zone: zoneOfComponent(id, state) ?? null, state })
  }
  nodes.sort((a, b) => stateOrder(a.state) - stateOrder(b.state) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const keptNodes = nodes.slice(0, MAX_NODES)
  const kept = new Set(keptNodes.map((n) => n.id))
  const visibleEdges = keptEdges.filter((e) => kept.has(e.from) && kept.has(e.to))
  const zoneIds = [...new Set(keptNodes.map((n) => n.zone).filter((z): z is string => z !== null))].sort()
  const zones = zoneIds.map((id) => {
    const zone = head?.index.zones.get(id) ?? base?.index.zones.get(id)
    return { id, label: zone?.title ?? id, trust: zone?.trust ?? null }
  })
  zones.sort((a, b) => (a.trust ?? 99) - (b.trust ?? 99) || (a.id < b.id ? -1 : 1))
  keptNodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    zones,
    nodes: keptNodes,
    edges: visibleEdges,
    omitted: { nodes: nodes.length - keptNodes.length, edges: edges.length - visibleEdges.length }
  }
}

function stateOrder(state: DiagramState): number {
  return state === 'added' ? 0 : state === 'removed' ? 1 : state === 'changed' ? 2 : 3
}
