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
export function buildChangeDiagram(base: LoadedModel | undefined, head: LoadedModel | undefined, diff: ModelDiff): ChangeDiagram | null {
  const componentState = new Map<string, DiagramState>()
  const flowState = new Map<string, DiagramState>()
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
  const flowOf = (id: string, state: DiagramState) => (state === 'removed' ? base?.index.dataflows.get(id) : (head?.index.dataflows.get(id) ?? base?.index.dataflows.get(id)))
  const zoneOfComponent = (id: string, state: DiagramState) => (state === 'removed' ? base?.index.components.get(id)?.zone : (head?.index.components.get(id)?.zone ?? base?.index.components.get(id)?.zone))

  const edges: DiagramEdge[] = []
  const addEdge = (id: string, state: DiagramState): void => {
    const flow = flowOf(id, state)
    if (!flow || edges.some((e) => e.id === id)) return
    edges.push({ id, from: flow.from, to: flow.to, label: flow.title ?? flow.protocol ?? id, state })
  }
  for (const [id, state] of flowState) addEdge(id, state)
  // Neighbouring flows of changed components give the change its context.
  const graph = head ?? base
  for (const componentId of componentState.keys()) {
    for (const index of [head?.index, base?.index]) {
      if (!index) continue
      for (const flow of [...(index.inboundFlows.get(componentId) ?? []), ...(index.outboundFlows.get(componentId) ?? [])]) {
        if (!flowState.has(flow.id)) addEdge(flow.id, index === graph?.index ? 'context' : 'removed')
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
  return { zones, nodes: keptNodes, edges: visibleEdges, omitted: { nodes: nodes.length - keptNodes.length, edges: edges.length - visibleEdges.length } }
}

function stateOrder(state: DiagramState): number {
  return state === 'added' ? 0 : state === 'removed' ? 1 : state === 'changed' ? 2 : 3
}
