import type { TextPosition } from './yaml-document.js'
import type {
  Actor,
  Asset,
  Assumption,
  Component,
  Dataflow,
  ElementKind,
  ElementSection,
  Incident,
  Mitigation,
  ModelDocument,
  Threat,
  Zone
} from './schema.js'
import { ELEMENT_SECTIONS } from './schema.js'

/** Any element of a model section. */
export type ModelElement = Zone | Asset | Component | Dataflow | Actor | Threat | Mitigation | Assumption | Incident

/** Where an element lives: its kind, section and index in that section. */
export interface ElementLocation {
  kind: ElementKind
  section: ElementSection
  index: number
  element: ModelElement
}

/** The resolved graph of one model, built once and read by diff, rules, risk and maturity. */
export interface ModelIndex {
  readonly document: ModelDocument
  readonly modelId: string
  readonly elements: ReadonlyMap<string, ElementLocation>
  readonly zones: ReadonlyMap<string, Zone>
  readonly assets: ReadonlyMap<string, Asset>
  readonly components: ReadonlyMap<string, Component>
  readonly dataflows: ReadonlyMap<string, Dataflow>
  readonly actors: ReadonlyMap<string, Actor>
  readonly threats: ReadonlyMap<string, Threat>
  readonly mitigations: ReadonlyMap<string, Mitigation>
  readonly assumptions: ReadonlyMap<string, Assumption>
  readonly incidents: ReadonlyMap<string, Incident>
  /** Flows that end at a component. */
  readonly inboundFlows: ReadonlyMap<string, readonly Dataflow[]>
  /** Flows that start at a component. */
  readonly outboundFlows: ReadonlyMap<string, readonly Dataflow[]>
  /** Threats that name an element (component, flow, asset or zone) among their targets. */
  readonly threatsByTarget: ReadonlyMap<string, readonly Threat[]>
  /** Mitigations a threat links to. */
  readonly mitigationsByThreat: ReadonlyMap<string, readonly Mitigation[]>
  /** Threats that link to a mitigation. */
  readonly threatsByMitigation: ReadonlyMap<string, readonly Threat[]>
  /** Components that store or process an asset, and flows that carry it. */
  readonly holdersByAsset: ReadonlyMap<string, readonly (Component | Dataflow)[]>
  /** Zone of a component, if it names one that exists. */
  zoneOf(componentId: string): Zone | undefined
  /** Trust level of a component's zone, if known. */
  trustOf(componentId: string): number | undefined
  /** Assets a flow carries. */
  assetsOnFlow(flowId: string): Asset[]
  /** Assets a component stores or processes itself. */
  assetsOfComponent(componentId: string): Asset[]
  /** Source position of an element (its first key), when the model came from a file. */
  positionOf(elementId: string): TextPosition | undefined
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The items of a list without repeats, in order (short lists, the usual case, need no set). */
function distinct(list: readonly string[] | undefined): readonly string[] {
  if (list === undefined) return []
  if (list.length > 16) return [...new Set(list)]
  for (let i = 1; i < list.length; i++) if (list.lastIndexOf(list[i], i - 1) >= 0) return [...new Set(list)]
  return list
}

/** Builds the index of a schema-valid model. `locate` maps a section and index to a position. */
export function buildModelIndex(document: ModelDocument, locate?: (section: ElementSection, index: number) => TextPosition): ModelIndex {
  const elements = new Map<string, ElementLocation>()
  for (const [section, kind] of ELEMENT_SECTIONS) {
    const list = (document[section] ?? []) as ModelElement[]
    for (let index = 0; index < list.length; index++) {
      const element = list[index]
      if (!elements.has(element.id)) elements.set(element.id, { kind, section, index, element })
    }
  }
  const byId = <T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> => {
    const map = new Map<string, T>()
    for (const item of list ?? []) if (!map.has(item.id)) map.set(item.id, item)
    return map
  }
  const zones = byId(document.zones)
  const assets = byId(document.assets)
  const components = byId(document.components)
  const dataflows = byId(document.dataflows)
  const actors = byId(document.actors)
  const threats = byId(document.threats)
  const mitigations = byId(document.mitigations)
  const assumptions = byId(document.assumptions)
  const incidents = byId(document.incidents)

  const inboundFlows = new Map<string, Dataflow[]>()
  const outboundFlows = new Map<string, Dataflow[]>()
  const holdersByAsset = new Map<string, (Component | Dataflow)[]>()
  for (const flow of dataflows.values()) {
    pushTo(outboundFlows, flow.from, flow)
    pushTo(inboundFlows, flow.to, flow)
    for (const asset of flow.assets ?? []) pushTo(holdersByAsset, asset, flow)
  }
  for (const component of components.values()) for (const asset of component.assets ?? []) pushTo(holdersByAsset, asset, component)

  const threatsByTarget = new Map<string, Threat[]>()
  const mitigationsByThreat = new Map<string, Mitigation[]>()
  const threatsByMitigation = new Map<string, Threat[]>()
  for (const threat of threats.values()) {
    for (const target of distinct(threat.targets)) pushTo(threatsByTarget, target, threat)
    const linked: Mitigation[] = []
    for (const mitigationId of distinct(threat.mitigations)) {
      const mitigation = mitigations.get(mitigationId)
      if (!mitigation) continue
      linked.push(mitigation)
      pushTo(threatsByMitigation, mitigationId, threat)
    }
    mitigationsByThreat.set(threat.id, linked)
  }

  const zoneOf = (componentId: string): Zone | undefined => {
    const zone = components.get(componentId)?.zone
    return zone === undefined ? undefined : zones.get(zone)
  }
  return {
    document,
    modelId: document.model.id,
    elements,
    zones,
    assets,
    components,
    dataflows,
    actors,
    threats,
    mitigations,
    assumptions,
    incidents,
    inboundFlows,
    outboundFlows,
    threatsByTarget,
    mitigationsByThreat,
    threatsByMitigation,
    holdersByAsset,
    zoneOf,
    trustOf: (componentId) => zoneOf(componentId)?.trust,
    assetsOnFlow: (flowId) => (dataflows.get(flowId)?.assets ?? []).flatMap((id) => assets.get(id) ?? []),
    assetsOfComponent: (componentId) => (components.get(componentId)?.assets ?? []).flatMap((id) => assets.get(id) ?? []),
    positionOf: (elementId) => {
      const location = elements.get(elementId)
      return location && locate ? locate(location.section, location.index) : undefined
    }
  }
}
