import type { Component, Dataflow, Mitigation, MitigationStatus, ModelDocument, Threat, ThreatStatus } from '../model/schema.js'
import {
  compact,
  Conversion,
  cweIds,
  isRecord,
  listOf,
  percentToCia,
  percentToLevel,
  shortText,
  strings,
  text,
  threatCategory,
  unique,
  modelIdFromPath,
  type SourceFile,
  type SourceRef
} from './conversion.js'
import type { Converted, FormatProbe, Importer } from './importer.js'
import { IN_PLACE_STATUSES, MITIGATION_STATUSES } from '../domain.js'
import { combineThreatStatuses, componentTypeFromLabel, mitigationStatusFromState, threatStatusFromState } from './states.js'

interface Instance {
  targetId: string
  state: string | undefined
  at: SourceRef
  mitigations: { id: string | undefined; state: string | undefined; at: SourceRef }[]
}

/** Converts an OTM 0.1/0.2 document (JSON or YAML) into the native model. */
export function convertOtm(source: SourceFile): Converted {
  const c = new Conversion('otm', source)
  const root = source.value as Record<string, unknown>
  const project = isRecord(root.project) ? root.project : {}
  const title = text(project.name) ?? 'Untitled OTM project'
  const model: ModelDocument['model'] = compact({
    id: text(project.id) ?? modelIdFromPath(source.file),
    title: shortText(title)!,
    description: text(project.description),
    owner: shortText(text(project.owner)),
    tags: strings(project.tags)
  })
  if (!isRecord(root.project))
    c.warn(
      c.at(),
      'import/otm-missing-project',
      'the OTM document has no `project` mapping; OTM requires `project` with `id` and `name`; the model is named after the file'
    )
  if (root.representations !== undefined && root.representations !== null)
    c.cannotExpress('diagram and code representations (positions, sizes, code snippets)')

  // Foreign id → native id, one map for zones, components and flows (OTM shares that id space).
  const idOf = new Map<string, string>()
  const zoneIds = new Set<string>()
  const componentIds = new Set<string>()
  const assetIds = new Map<string, string>()
  const threatIds = new Map<string, string>()
  const mitigationIds = new Map<string, string>()

  const elementId = (raw: unknown, at: SourceRef, kind: string): string | undefined => {
    const id = text(raw)
    if (id === undefined) {
      c.warn(at, 'import/otm-missing-id', `this OTM ${kind} has no \`id\`, so nothing can refer to it; it is left out`)
      return undefined
    }
    return id
  }

  listOf(root.assets).forEach((raw, i) => {
    const at = c.at('assets', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM asset mapping')
    const foreign = elementId(raw.id, at, 'asset')
    if (foreign === undefined) return
    if (assetIds.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM asset id \`${foreign}\`; the first one is kept`
      )
    const id = c.ids.claim(foreign, 'asset')
    assetIds.set(foreign, id)
    const risk = isRecord(raw.risk) ? raw.risk : undefined
    const cia = risk
      ? compact({
          confidentiality: percentToCia(risk.confidentiality),
          integrity: percentToCia(risk.integrity),
          availability: percentToCia(risk.availability)
        })
      : undefined
    if (risk && (text(risk.comment) ?? text(risk.riskComments))) c.cannotExpress('asset risk comments')
    c.assets.push(
      compact({
        id,
        title: shortText(text(raw.name)),
        description: text(raw.description),
        cia: cia && Object.keys(cia).length > 0 ? cia : undefined
      })
    )
    c.origin(id, at)
  })

  const zoneParents: { id: string; parent: string; at: SourceRef }[] = []
  listOf(root.trustZones).forEach((raw, i) => {
    const at = c.at('trustZones', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM trust zone mapping')
    const foreign = elementId(raw.id, at, 'trust zone')
    if (foreign === undefined) return
    if (idOf.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM id \`${foreign}\` (trust zones, components and dataflows share one id space); the first one is kept`
      )
    let rating = isRecord(raw.risk) ? raw.risk.trustRating : undefined
    if (typeof rating !== 'number' || !Number.isFinite(rating)) {
      c.warn(
        { ...at, path: [...at.path, 'risk'] },
        'import/otm-missing-trust',
        `trust zone \`${foreign}\` has no numeric \`risk.trustRating\` (0–100); it gets trust 50`
      )
      c.cannotExpress('the trust of zones without `risk.trustRating` (they get trust 50)')
      rating = 50
    }
    const id = c.ids.claim(foreign, 'zone')
    idOf.set(foreign, id)
    zoneIds.add(id)
    const parent = parentOf(c, raw, at).zone
    if (parent !== undefined && parent !== foreign)
      zoneParents.push({ id, parent, at: { ...at, path: [...at.path, 'parent', 'trustZone'] } })
    c.zones.push(
      compact({
        id,
        title: shortText(text(raw.name)),
        description: text(raw.description),
        trust: Math.round(Math.min(100, Math.max(0, rating as number)))
      })
    )
    c.origin(id, at)
    if (raw.attributes) c.cannotExpress('free-form `attributes` maps')
  })
  for (const { id, parent, at } of zoneParents) {
    const parentId = idOf.get(parent)
    if (parentId === undefined || !zoneIds.has(parentId))
      c.dangling(at, `trust zone parent \`${parent}\` is not a trust zone in this file; the zone is imported without a parent`, id)
    else c.zones.find((z) => z.id === id)!.parent = parentId
  }

  // Components first get ids, then parents are resolved (a parent may come later in the list).
  const instances = new Map<string, Instance[]>()
  const collectInstances = (list: unknown, owner: string, at: SourceRef): void => {
    listOf(list).forEach((raw, j) => {
      const here: SourceRef = { ...at, path: [...at.path, j] }
      if (!isRecord(raw))
        return c.warn(here, 'import/otm-malformed', 'expected a threat instance mapping with `threat` and `state`; it is left out')
      const threat = text(raw.threat)
      if (threat === undefined) return c.warn(here, 'import/otm-malformed', 'this threat instance has no `threat` id; it is left out')
      const mitigations = listOf(raw.mitigations).map((m, k) => ({
        id: isRecord(m) ? text(m.mitigation) : undefined,
        state: isRecord(m) ? text(m.state) : undefined,
        at: { ...here, path: [...here.path, 'mitigations', k] }
      }))
      const list2 = instances.get(threat) ?? []
      list2.push({ targetId: owner, state: text(raw.state), at: here, mitigations })
      instances.set(threat, list2)
    })
  }

  const pendingComponents: { component: Component; raw: Record<string, unknown>; at: SourceRef }[] = []
  listOf(root.components).forEach((raw, i) => {
    const at = c.at('components', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM component mapping')
    const foreign = elementId(raw.id, at, 'component')
    if (foreign === undefined) return
    if (idOf.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM id \`${foreign}\` (trust zones, components and dataflows share one id space); the first one is kept`
      )
    const id = c.ids.claim(foreign, 'component')
    idOf.set(foreign, id)
    componentIds.add(id)
    const type = text(raw.type)
    const component: Component = compact({
      id,
      title: shortText(text(raw.name)),
      description: text(raw.description),
      type: componentTypeFromLabel(type),
      tags: strings(raw.tags)
    })
    pendingComponents.push({ component, raw, at })
    c.components.push(component)
    c.origin(id, at)
  })
  for (const { component, raw, at } of pendingComponents) {
    const { zone, component: parentComponent, at: parentAt } = parentOf(c, raw, at)
    if (zone !== undefined) {
      const zoneId = idOf.get(zone)
      if (zoneId && zoneIds.has(zoneId)) component.zone = zoneId
      else
        c.dangling(
          parentAt,
          `component \`${component.id}\` names trust zone \`${zone}\`, which is not defined in \`trustZones\`; it is imported without a zone`,
          component.id
        )
    } else if (parentComponent !== undefined) {
      const parentId = idOf.get(parentComponent)
      if (parentId && componentIds.has(parentId) && parentId !== component.id) component.parent = parentId
      else
        c.dangling(
          parentAt,
          `component \`${component.id}\` names parent component \`${parentComponent}\`, which is not defined; it is imported without a parent`,
          component.id
        )
    } else {
      c.warn(
        at,
        'import/otm-missing-parent',
        `component \`${component.id}\` has no \`parent\` (a trust zone or component); OTM requires one, so it is imported without a zone`,
        component.id
      )
    }
    const assets = isRecord(raw.assets) ? [...listOf(raw.assets.processed), ...listOf(raw.assets.stored)] : []
    const assetList = resolveList(c, assets, assetIds, { ...at, path: [...at.path, 'assets'] }, 'asset', component.id)
    if (assetList.length > 0) component.assets = assetList
    collectInstances(raw.threats, component.id, { ...at, path: [...at.path, 'threats'] })
    if (raw.representations) c.cannotExpress('diagram and code representations (positions, sizes, code snippets)')
    if (raw.attributes) c.cannotExpress('free-form `attributes` maps')
  }
  // A nested component lives in its parent's zone.
  const byId = new Map(c.components.map((k) => [k.id, k]))
  for (const component of c.components) {
    const seen = new Set<string>()
    let current = component
    while (current.zone === undefined && current.parent !== undefined && !seen.has(current.parent)) {
      seen.add(current.parent)
      current = byId.get(current.parent) ?? current
      if (current.zone !== undefined) component.zone = current.zone
    }
  }

  listOf(root.dataflows).forEach((raw, i) => {
    const at = c.at('dataflows', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM dataflow mapping')
    const foreign = elementId(raw.id, at, 'dataflow')
    if (foreign === undefined) return
    if (idOf.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM id \`${foreign}\` (trust zones, components and dataflows share one id space); the first one is kept`
      )
    const id = c.ids.claim(foreign, 'dataflow')
    idOf.set(foreign, id)
    // 0.1 documentation examples also spell the destination `target`.
    const endpoints = [
      ['source', text(raw.source)],
      ['destination', text(raw.destination) ?? text(raw.target)]
    ] as const
    const resolved: string[] = []
    for (const [field, value] of endpoints) {
      if (value === undefined) {
        c.warn(at, 'import/otm-malformed', `dataflow \`${foreign}\` has no \`${field}\`; it is left out`, id)
        continue
      }
      const target = idOf.get(value)
      if (target !== undefined && componentIds.has(target)) resolved.push(target)
      else if (target !== undefined) {
        c.dangling(
          { ...at, path: [...at.path, field] },
          `dataflow \`${foreign}\` ${field} \`${value}\` is a trust zone or dataflow, not a component; the dataflow is left out`,
          id
        )
      } else resolved.push(c.stub(value, { ...at, path: [...at.path, field] }, `dataflow \`${foreign}\` ${field}`))
    }
    if (resolved.length < 2) return
    const flow: Dataflow = compact({
      id,
      title: shortText(text(raw.name)),
      description: text(raw.description),
      from: resolved[0],
      to: resolved[1],
      bidirectional: typeof raw.bidirectional === 'boolean' ? raw.bidirectional : undefined,
      tags: strings(raw.tags)
    })
    const assets = resolveList(c, listOf(raw.assets), assetIds, { ...at, path: [...at.path, 'assets'] }, 'asset', id)
    if (assets.length > 0) flow.assets = assets
    c.dataflows.push(flow)
    c.origin(id, at)
    collectInstances(raw.threats, id, { ...at, path: [...at.path, 'threats'] })
    if (raw.attributes) c.cannotExpress('free-form `attributes` maps')
  })

  listOf(root.mitigations).forEach((raw, i) => {
    const at = c.at('mitigations', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM mitigation mapping')
    const foreign = elementId(raw.id, at, 'mitigation')
    if (foreign === undefined) return
    if (mitigationIds.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM mitigation id \`${foreign}\`; the first one is kept`
      )
    const id = c.ids.claim(foreign, 'mitigation')
    mitigationIds.set(foreign, id)
    c.mitigations.push(compact({ id, title: shortText(text(raw.name) ?? foreign)!, description: text(raw.description) }))
    c.origin(id, at)
  })
  if (c.mitigations.length > 0) c.cannotExpress('mitigation type (preventive, detective, …)')

  const reductionOf = new Map<string, number>()
  listOf(root.mitigations).forEach((raw) => {
    if (!isRecord(raw)) return
    const id = mitigationIds.get(text(raw.id) ?? '')
    if (id !== undefined && typeof raw.riskReduction === 'number' && Number.isFinite(raw.riskReduction))
      reductionOf.set(id, Math.min(100, Math.max(0, raw.riskReduction)) / 100)
  })

  const mitigationStates = new Map<string, InstanceState[]>()
  listOf(root.threats).forEach((raw, i) => {
    const at = c.at('threats', i)
    if (!isRecord(raw)) return c.warn(at, 'import/otm-malformed', 'expected an OTM threat mapping')
    const foreign = elementId(raw.id, at, 'threat')
    if (foreign === undefined) return
    if (threatIds.has(foreign))
      return c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/duplicate-id',
        `duplicate OTM threat id \`${foreign}\`; the first one is kept`
      )
    const id = c.ids.claim(foreign, 'threat')
    threatIds.set(foreign, id)
    const categories = listOf(raw.categories)
    const category = categories.map(threatCategory).find((x) => x !== undefined)
    const extraCategories = categories
      .map(text)
      .filter((label): label is string => label !== undefined && threatCategory(label) !== category)
    const cwes = cweIds(listOf(raw.cwes))
    if (cwes.rejected.length > 0)
      c.warn(
        { ...at, path: [...at.path, 'cwes'] },
        'import/otm-bad-cwe',
        `threat \`${foreign}\` lists ${cwes.rejected.map((r) => JSON.stringify(r)).join(', ')} under \`cwes\`, which are not CWE ids; they are left out`,
        id
      )
    const risk = isRecord(raw.risk) ? raw.risk : {}
    if (text(risk.likelihoodComment) || text(risk.impactComment)) c.cannotExpress('likelihood and impact comments of OTM threats')
    const tags = unique([...(strings(raw.tags) ?? []), ...extraCategories.map((label) => `category:${label}`)])
    const threat: Threat = compact({
      id,
      title: shortText(text(raw.name) ?? foreign)!,
      description: text(raw.description),
      category,
      references: cwes.ids.length > 0 ? { cwe: cwes.ids } : undefined,
      likelihood: percentToLevel(risk.likelihood),
      impact: percentToLevel(risk.impact),
      tags: tags.length > 0 ? tags : undefined
    })
    const found = instances.get(foreign) ?? []
    if (found.length > 0) {
      threat.targets = unique(found.map((f) => f.targetId))
      const statuses: ThreatStatus[] = []
      for (const instance of found) {
        if (instance.state === undefined) continue
        const status = threatStatusFromState(instance.state)
        if (status) statuses.push(status)
        else
          c.warn(
            { ...instance.at, path: [...instance.at.path, 'state'] },
            'import/otm-unknown-state',
            `unknown threat state \`${instance.state}\`; expected one of exposed, mitigated, partly-mitigated, accepted, transferred, not-applicable; the status is left unset`,
            id
          )
      }
      if (new Set(statuses).size > 1)
        c.cannotExpress('per-instance threat states (instances that disagree are combined into the least settled status)')
      const status = combineThreatStatuses(statuses)
      if (status) threat.status = status
      const linked: string[] = []
      for (const instance of found) {
        for (const m of instance.mitigations) {
          if (m.id === undefined) {
            c.warn(m.at, 'import/otm-malformed', 'this mitigation instance has no `mitigation` id; it is left out', id)
            continue
          }
          const mitigationId = mitigationIds.get(m.id)
          if (mitigationId === undefined) {
            c.dangling(
              { ...m.at, path: [...m.at.path, 'mitigation'] },
              `mitigation \`${m.id}\` is not defined in \`mitigations\`; the link is left out`,
              id
            )
            continue
          }
          linked.push(mitigationId)
          if (m.state !== undefined) {
            const mstatus = mitigationStatusFromState(m.state)
            if (mstatus)
              mitigationStates.set(mitigationId, [
                ...(mitigationStates.get(mitigationId) ?? []),
                { status: mstatus, state: m.state, target: instance.targetId, at: m.at }
              ])
            else
              c.warn(
                { ...m.at, path: [...m.at.path, 'state'] },
                'import/otm-unknown-state',
                `unknown mitigation state \`${m.state}\`; expected one of recommended, required, implemented, rejected, not-applicable; the status is left unset`,
                mitigationId
              )
          }
        }
      }
      if (linked.length > 0) threat.mitigations = unique(linked)
    }
    c.threats.push(threat)
    c.origin(id, at)
    if (raw.attributes) c.cannotExpress('free-form `attributes` maps')
  })

  for (const [foreign, list] of instances) {
    if (threatIds.has(foreign)) continue
    for (const instance of list)
      c.dangling(
        { ...instance.at, path: [...instance.at.path, 'threat'] },
        `threat \`${foreign}\` is not defined in \`threats\`; the instance is left out`,
        instance.targetId
      )
  }

  const threatsOf = new Map<string, string[]>()
  for (const threat of c.threats) for (const m of threat.mitigations ?? []) threatsOf.set(m, [...(threatsOf.get(m) ?? []), threat.id])
  for (const mitigation of c.mitigations) {
    const states = mitigationStates.get(mitigation.id) ?? []
    const status = combineInstanceStates(c, mitigation.id, states)
    if (status) mitigation.status = status
    const reduction = reductionOf.get(mitigation.id)
    if (reduction !== undefined) {
      const effects: NonNullable<Mitigation['effects']> = (threatsOf.get(mitigation.id) ?? []).map((threat) => ({
        threat,
        reduces: 'lef',
        by: { min: reduction, likely: reduction, max: reduction }
      }))
      if (effects.length > 0) mitigation.effects = effects
    }
  }
  return { conversion: c, model }
}

function resolveList(c: Conversion, values: unknown[], ids: Map<string, string>, at: SourceRef, kind: string, owner: string): string[] {
  const out: string[] = []
  values.forEach((value, i) => {
    const raw = text(value)
    if (raw === undefined) return
    const id = ids.get(raw)
    if (id === undefined)
      c.dangling({ ...at, path: [...at.path, i] }, `${kind} \`${raw}\` is not defined in this file; the reference is left out`, owner)
    else out.push(id)
  })
  return unique(out)
}

/**
 * The parent an OTM element names: `parent: {trustZone}` or `parent: {component}`, and the draft
 * form `parent: {id, type: trustZone|component}` of early 0.1 files (read, with a warning).
 */
function parentOf(c: Conversion, raw: Record<string, unknown>, at: SourceRef): { zone?: string; component?: string; at: SourceRef } {
  const parent = isRecord(raw.parent) ? raw.parent : undefined
  const here: SourceRef = { ...at, path: [...at.path, 'parent'] }
  if (!parent) return { at: here }
  const zone = text(parent.trustZone)
  if (zone !== undefined) return { zone, at: { ...at, path: [...here.path, 'trustZone'] } }
  const component = text(parent.component)
  if (component !== undefined) return { component, at: { ...at, path: [...here.path, 'component'] } }
  const draftType = text(parent.type)?.toLowerCase()
  const draftId = text(parent.id)
  if (draftId !== undefined && (draftType === 'trustzone' || draftType === 'component')) {
    c.warn(
      here,
      'import/otm-draft-parent',
      `\`parent: {id, type}\` is the draft form of OTM 0.1; it is read as \`parent: {${draftType === 'trustzone' ? 'trustZone' : 'component'}: ${draftId}}\``
    )
    return draftType === 'trustzone' ? { zone: draftId, at: here } : { component: draftId, at: here }
  }
  return { at: here }
}

/**
 * One status for a mitigation from its instances. Instances that agree give their status.
 * When some instances have it in place and others still need it, it is `in-progress` (in place
 * for part of what it protects), never `planned`, with a warning naming both sides; otherwise the
 * least advanced status wins, so nothing looks safer than the file says.
 */
interface InstanceState {
  status: MitigationStatus
  /** The state as the file writes it. */
  state: string
  target: string
  at: SourceRef
}

function combineInstanceStates(c: Conversion, id: string, states: InstanceState[]): MitigationStatus | undefined {
  const distinct = unique(states.map((s) => s.status))
  if (distinct.length <= 1) return distinct[0]
  const inPlace = states.filter((s) => IN_PLACE_STATUSES.has(s.status))
  const pending = states.filter((s) => !IN_PLACE_STATUSES.has(s.status) && s.status !== 'rejected')
  c.cannotExpress('per-instance mitigation states (a mitigation has one status in the native model)')
  if (inPlace.length > 0 && pending.length > 0) {
    const list = (items: typeof states): string => unique(items.map((s) => `${s.state} on \`${s.target}\``)).join(', ')
    c.warn(
      pending[0].at,
      'import/otm-mixed-states',
      `mitigation \`${id}\` is ${list(inPlace)} but ${list(pending)}; it is imported as in-progress`,
      id
    )
    return 'in-progress'
  }
  const active = states.filter((s) => s.status !== 'rejected')
  if (active.length === 0) return 'rejected'
  return active.map((s) => s.status).sort((a, b) => MITIGATION_STATUSES.indexOf(a) - MITIGATION_STATUSES.indexOf(b))[0]
}

function probeOtm(value: Record<string, unknown>): FormatProbe<'otm'> {
  const hints = ['project', 'trustZones', 'representations'].filter((key) => Object.hasOwn(value, key))
  const flows = listOf(value.dataflows)
  const flowHint = flows.some((f) => isRecord(f) && Object.hasOwn(f, 'source') && Object.hasOwn(f, 'destination'))
  if (!Object.hasOwn(value, 'otmVersion')) {
    if (hints.length + (flowHint ? 1 : 0) < 2) return { format: 'otm', score: 0, reason: '', issues: [] }
    return {
      format: 'otm',
      score: 0.5,
      reason: `has OTM keys (${[...hints, ...(flowHint ? ['dataflows with source/destination'] : [])].join(', ')})`,
      issues: ['the `otmVersion` key is missing (OTM files start with `otmVersion: 0.2.0`)']
    }
  }
  const issues: string[] = []
  const version = typeof value.otmVersion === 'number' ? String(value.otmVersion) : value.otmVersion
  if (typeof version !== 'string' || !/^0\.[12](\.\d+)?$/.test(version.trim())) {
    issues.push(`\`otmVersion\` is ${JSON.stringify(value.otmVersion)}; this release reads OTM 0.1.x and 0.2.x`)
  }
  if (value.project !== undefined && value.project !== null && !isRecord(value.project))
    issues.push('`project` must be a mapping with `id` and `name`')
  for (const key of ['trustZones', 'components', 'dataflows', 'assets', 'threats', 'mitigations']) {
    if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  return { format: 'otm', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `otmVersion` key', issues }
}

/** Open Threat Model (OTM) 0.1 and 0.2, in JSON or YAML. */
export const otmImporter: Importer<'otm'> = {
  name: 'otm',
  formats: { otm: 'Open Threat Model (OTM)' },
  detect: probeOtm,
  convert: (main) => convertOtm(main),
  globs: ['**/*.otm', '**/*.otm.json', '**/*.otm.yaml', '**/*.otm.yml'],
  cannotExpress: [
    'owners of components and mitigations',
    'mitigation type and verification',
    'asset classification and owners',
    'who accepted a threat and why',
    'the date of the last review'
  ],
  skipRules: () => ({
    'component-without-owner': 'component owners',
    'mitigation-without-owner': 'mitigation owners',
    'mitigation-without-verification': 'mitigation verification',
    'high-threat-without-detective-control': 'mitigation type',
    'asset-without-classification': 'asset classification',
    'sensitive-asset-without-owner': 'asset owners',
    'accepted-threat-without-approver': 'who accepted a threat',
    'accepted-threat-without-reason': 'why a threat was accepted',
    'model-review-stale': 'the date of the last review'
  })
}
