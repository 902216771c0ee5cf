import type { Actor, Component, Mitigation, ModelDocument, Threat } from '../model/schema.js'
import { compact, Conversion, isRecord, listOf, modelIdFromPath, shortText, text, unique, type SourceRef } from './conversion.js'
import type { SourceFile } from './conversion.js'
import type { Converted, FormatProbe, Importer } from './importer.js'

type Raw = Record<string, unknown>

const CRITICALITY: Record<string, NonNullable<NonNullable<ModelDocument['model']['business']>['criticality']>> = {
  minimal: 'low',
  low: 'low',
  moderate: 'medium',
  high: 'high',
  maximal: 'critical'
}
const CONTROL_STATUS: Record<string, Mitigation['status']> = {
  assumed: 'existing',
  active: 'implemented',
  suggested: 'proposed',
  under_review: 'proposed',
  approved: 'planned',
  scheduled: 'planned',
  retired: 'rejected',
  wont_do: 'rejected'
}
const PRIORITY: Record<string, Mitigation['priority'] | null> = {
  none: null,
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical'
}
const LIKELIHOOD: Record<string, Threat['likelihood']> = {
  rare: 'very-low',
  unlikely: 'low',
  possible: 'medium',
  likely: 'high',
  certain: 'very-high'
}
const IMPACT: Record<string, Threat['impact']> = {
  negligible: 'very-low',
  minor: 'low',
  moderate: 'medium',
  major: 'high',
  severe: 'very-high'
}
const LEVEL_ORDER = ['very-low', 'low', 'medium', 'high', 'very-high']
/** A risk's own overall `level` as the native severity-only rating (it wins over the likelihood × impact matrix). */
const RISK_LEVEL: Record<string, NonNullable<NonNullable<Threat['risk']>['bugbar']>> = {
  critical: 'critical',
  high: 'important',
  medium: 'moderate',
  low: 'low'
}
const BUGBAR_ORDER = ['low', 'moderate', 'important', 'critical']
const SKILL: Record<string, Actor['capability']> = {
  script_kid: 'low',
  insider: 'medium',
  engineer: 'medium',
  expert_engineer: 'high',
  oc_sponsored: 'high',
  state_sponsored: 'very-high'
}
const ACTOR_TYPE: Record<string, Component['type']> = {
  system: 'external',
  third_party: 'external',
  user: 'user',
  power_user: 'user',
  administrator: 'user',
  engineer: 'user'
}

/** Converts an OWASP Threat Model Library (TM-BOM) JSON document into the native model. */
export function convertTmBom(main: SourceFile): Converted {
  const c = new Conversion('tm-bom', main)
  const root = main.value as Raw
  const scope = isRecord(root.scope) ? root.scope : {}
  const title = text(scope.title) ?? text(root.title) ?? 'Untitled threat model'
  const reviewed = text(root.reviewed_at)?.slice(0, 10)
  const model: ModelDocument['model'] = compact({
    id: modelIdFromPath(main.file),
    title: shortText(title)!,
    description: [text(root.description), text(scope.description)].filter(Boolean).join('\n\n') || undefined,
    business: CRITICALITY[text(scope.business_criticality) ?? '']
      ? { criticality: CRITICALITY[text(scope.business_criticality)!] }
      : undefined,
    version: text(root.version),
    reviewed: reviewed && /^\d{4}-\d{2}-\d{2}$/.test(reviewed) ? reviewed : undefined,
    tags: unique([
      ...listOf(scope.data_sensitivity).map((s) => `data-sensitivity:${String(s)}`),
      ...(text(scope.exposure) ? [`exposure:${text(scope.exposure)}`] : []),
      ...(text(scope.tier) ? [`tier:${text(scope.tier)}`] : [])
    ])
  })
  if (model.tags?.length === 0) delete model.tags

  const ids = new Map<string, { id: string; kind: string }>()
  const claim = (raw: unknown, at: SourceRef, kind: string): string | undefined => {
    if (!isRecord(raw)) {
      c.warn(at, 'import/tm-bom-malformed', `expected a ${kind} mapping; it is left out`)
      return undefined
    }
    let name = text(raw.symbolic_name)
    if (name === undefined && text(raw.id) !== undefined) {
      name = text(raw.id)!
      c.warn(
        { ...at, path: [...at.path, 'id'] },
        'import/tm-bom-id',
        `this ${kind} names itself with \`id\`; the schema calls it \`symbolic_name\` (read as such)`
      )
    }
    if (name === undefined) {
      c.warn(at, 'import/tm-bom-missing-id', `this ${kind} has no \`symbolic_name\`, so nothing can refer to it; it is left out`)
      return undefined
    }
    if (ids.has(`${kind}:${name}`)) {
      c.warn(
        { ...at, path: [...at.path, 'symbolic_name'] },
        'import/duplicate-id',
        `duplicate ${kind} symbolic name \`${name}\`; the first one is kept`
      )
      return undefined
    }
    const id = c.ids.claim(name, kind)
    ids.set(`${kind}:${name}`, { id, kind })
    return id
  }
  const resolve = (name: unknown, kinds: string[], at: SourceRef, what: string, owner?: string): string | undefined => {
    const raw = text(name)
    if (raw === undefined) return undefined
    for (const kind of kinds) {
      const found = ids.get(`${kind}:${raw}`)
      if (found) return found.id
    }
    c.dangling(at, `${what} \`${raw}\` is not defined in the file; the reference is left out`, owner)
    return undefined
  }

  listOf(root.trust_zones).forEach((raw, i) => {
    const at = c.at('trust_zones', i)
    const id = claim(raw, at, 'zone')
    if (id === undefined) return
    const z = raw as Raw
    c.zones.push(compact({ id, title: shortText(text(z.title) ?? text(z.name)), description: text(z.description), trust: 50 }))
    c.origin(id, at)
  })
  if (c.zones.length > 0) c.cannotExpress('zone trust levels (TM-BOM trust zones carry no rating: every zone gets trust 50)')
  if (listOf(root.trust_boundaries).length > 0)
    c.cannotExpress('trust boundaries between pairs of zones and their authentication, access-control and token settings')

  const nodes: [string, string, Component['type'] | undefined][] = [
    ['actors', 'actor', undefined],
    ['components', 'component', 'service'],
    ['data_stores', 'data-store', 'datastore']
  ]
  const parents: { component: Component; parent: unknown; at: SourceRef }[] = []
  for (const [section, kind, fixedType] of nodes) {
    listOf(root[section]).forEach((raw, i) => {
      const at = c.at(section, i)
      const id = claim(raw, at, kind)
      if (id === undefined) return
      const v = raw as Raw
      const technologies = [text(v.vendor), text(v.product)].filter((x): x is string => x !== undefined)
      const type = fixedType ?? ACTOR_TYPE[text(v.type) ?? ''] ?? 'external'
      const tags = unique([
        ...(text(v.type) && section !== 'components' ? [`${kind}-type:${text(v.type)}`] : []),
        ...(text(v.repo_link) ? [`repo:${text(v.repo_link)}`] : [])
      ])
      const component: Component = compact({
        id,
        title: shortText(text(v.title) ?? text(v.name)),
        description:
          [text(v.description), text(v.permissions) ? `Permissions: ${text(v.permissions)}` : undefined].filter(Boolean).join('\n\n') ||
          undefined,
        type,
        zone: resolve(v.trust_zone, ['zone'], { ...at, path: [...at.path, 'trust_zone'] }, 'trust zone', id),
        technologies: technologies.length > 0 ? [shortText(technologies.join(' '))!] : undefined,
        tags: tags.length > 0 ? tags.map((t) => shortText(t)!) : undefined
      })
      if (v.parent_component !== undefined)
        parents.push({ component, parent: v.parent_component, at: { ...at, path: [...at.path, 'parent_component'] } })
      c.components.push(component)
      c.origin(id, at)
    })
  }
  for (const { component, parent, at } of parents) {
    const id = resolve(parent, ['component'], at, 'parent component', component.id)
    if (id !== undefined) component.parent = id
  }

  listOf(root.data_sets).forEach((raw, i) => {
    const at = c.at('data_sets', i)
    const id = claim(raw, at, 'data-set')
    if (id === undefined) return
    const v = raw as Raw
    const tags = unique(listOf(v.data_sensitivity).map((s) => `data-sensitivity:${String(s)}`))
    c.assets.push(
      compact({
        id,
        title: shortText(text(v.title) ?? text(v.name)),
        description: text(v.description),
        tags: tags.length > 0 ? tags : undefined
      })
    )
    c.origin(id, at)
    listOf(v.placements).forEach((placement, j) => {
      if (!isRecord(placement)) return
      const store = resolve(
        placement.data_store,
        ['data-store'],
        { ...at, path: [...at.path, 'placements', j, 'data_store'] },
        'data store',
        id
      )
      const component = c.components.find((k) => k.id === store)
      if (component) component.assets = unique([...(component.assets ?? []), id])
    })
  })
  if (
    listOf(root.data_sets).some(
      (d) => isRecord(d) && (d.record_count !== undefined || listOf(d.placements).some((p) => isRecord(p) && p.encrypted !== undefined))
    )
  ) {
    c.cannotExpress('data-set record counts and per-store encryption')
  }

  listOf(root.data_flows).forEach((raw, i) => {
    const at = c.at('data_flows', i)
    const id = claim(raw, at, 'data-flow')
    if (id === undefined) return
    const v = raw as Raw
    const endpoint = (key: 'source' | 'destination'): string | undefined => {
      const plain = text(v[key])
      const ref = isRecord(v[key]) ? v[key] : undefined
      const name = ref ? text(ref.object) : plain
      const here: SourceRef = { ...at, path: ref ? [...at.path, key, 'object'] : [...at.path, key] }
      if (name === undefined) {
        c.warn(
          { ...at, path: [...at.path, key] },
          'import/tm-bom-malformed',
          `data flow \`${id}\` has no \`${key}\` ({type, object}); it is left out`,
          id
        )
        return undefined
      }
      if (!ref)
        c.warn(
          here,
          'import/tm-bom-plain-endpoint',
          `data flow \`${id}\` names its ${key} as plain text; the schema writes \`{type, object}\` (read as the object's name)`,
          id
        )
      for (const kind of ['component', 'data-store', 'actor']) {
        const found = ids.get(`${kind}:${name}`)
        if (found) return found.id
      }
      return c.stub(name, here, `the ${key} of data flow \`${id}\``)
    }
    const from = endpoint('source')
    const to = endpoint('destination')
    if (from === undefined || to === undefined) return
    c.dataflows.push(
      compact({
        id,
        title: shortText(text(v.title) ?? text(v.name)),
        description: text(v.description),
        from,
        to,
        encrypted: typeof v.encrypted === 'boolean' ? v.encrypted : undefined,
        tags: v.has_sensitive_data === true ? ['sensitive-data'] : undefined
      })
    )
    c.origin(id, at)
  })

  listOf(root.threat_personas).forEach((raw, i) => {
    const at = c.at('threat_personas', i)
    const id = claim(raw, at, 'threat-persona')
    if (id === undefined) return
    const v = raw as Raw
    const skill = text(v.skill_level)
    c.actors.push(
      compact({
        id,
        title: shortText(text(v.title) ?? text(v.name)),
        description: text(v.description),
        capability: SKILL[skill ?? ''],
        insider: skill === 'insider' ? true : undefined,
        privileged: text(v.access_level) === 'admin' ? true : undefined,
        tags: unique([
          ...(v.malicious_intent === false ? ['not-malicious'] : []),
          ...(text(v.applicability_to_org) ? [`applicability:${text(v.applicability_to_org)}`] : [])
        ])
      })
    )
    const actor = c.actors[c.actors.length - 1]
    if (actor.tags?.length === 0) delete actor.tags
    c.origin(id, at)
  })

  listOf(root.threats).forEach((raw, i) => {
    const at = c.at('threats', i)
    const id = claim(raw, at, 'threat')
    if (id === undefined) return
    const v = raw as Raw
    const targets = listOf(v.components_affected)
      .map((name, j) =>
        resolve(
          name,
          ['component', 'data-store', 'actor', 'data-flow', 'data-set'],
          { ...at, path: [...at.path, 'components_affected', j] },
          'affected component',
          id
        )
      )
      .filter((x): x is string => x !== undefined)
    const cwe = unique(
      listOf(v.weaknesses)
        .map((w) => (isRecord(w) && typeof w.cwe_id === 'number' ? `CWE-${w.cwe_id}` : undefined))
        .filter((x): x is string => x !== undefined)
    )
    const capec = unique(
      listOf(v.attack_mechanisms)
        .map((m) => (isRecord(m) && typeof m.capec_id === 'number' ? `CAPEC-${m.capec_id}` : undefined))
        .filter((x): x is string => x !== undefined)
    )
    const sources = listOf(v.sources)
      .map((s) => text(s))
      .filter((s): s is string => s !== undefined)
    c.threats.push(
      compact({
        id,
        title: shortText(text(v.title) ?? id)!,
        description: text(v.description),
        targets: targets.length > 0 ? unique(targets) : undefined,
        source: resolve(v.threat_persona, ['threat-persona'], { ...at, path: [...at.path, 'threat_persona'] }, 'threat persona', id),
        action: text(v.event),
        references:
          cwe.length + capec.length > 0
            ? compact({ cwe: cwe.length > 0 ? cwe : undefined, capec: capec.length > 0 ? capec : undefined })
            : undefined,
        tags: sources.length > 0 ? sources.map((s) => `threat-source:${s}`) : undefined
      })
    )
    c.origin(id, at)
  })
  if (c.threats.length > 0) c.cannotExpress('threat status (TM-BOM threats carry none; controls carry the status)')

  listOf(root.controls).forEach((raw, i) => {
    const at = c.at('controls', i)
    const id = claim(raw, at, 'control')
    if (id === undefined) return
    const v = raw as Raw
    const status = text(v.status)
    if (status !== undefined && CONTROL_STATUS[status] === undefined)
      c.warn(
        { ...at, path: [...at.path, 'status'] },
        'import/tm-bom-bad-status',
        `control status ${JSON.stringify(status)} is not one of ${Object.keys(CONTROL_STATUS).join(', ')}; it is left unset`,
        id
      )
    const priority = PRIORITY[text(v.priority) ?? '']
    c.mitigations.push(
      compact({
        id,
        title: shortText(text(v.title) ?? id)!,
        description: text(v.description),
        status: status === undefined ? undefined : CONTROL_STATUS[status],
        priority: priority ?? undefined
      })
    )
    c.origin(id, at)
    listOf(v.threats).forEach((name, j) => {
      const threatId = resolve(name, ['threat'], { ...at, path: [...at.path, 'threats', j] }, 'threat', id)
      const threat = c.threats.find((t) => t.id === threatId)
      if (threat) threat.mitigations = unique([...(threat.mitigations ?? []), id])
    })
    if (v.trust_boundary !== undefined) c.cannotExpress('the trust boundary a control protects')
  })
  if (c.mitigations.length > 0) c.cannotExpress('mitigation type (preventive, detective, …)')

  // Risks are not elements here: their likelihood and impact rate the threats they name (the highest wins).
  listOf(root.risks).forEach((raw, i) => {
    const at = c.at('risks', i)
    if (!isRecord(raw)) return c.warn(at, 'import/tm-bom-malformed', 'expected a risk mapping; it is left out')
    const likelihood = LIKELIHOOD[text(raw.likelihood) ?? '']
    const impact = IMPACT[text(raw.impact) ?? '']
    const levelText = text(raw.level)?.toLowerCase()
    const level = levelText === undefined ? undefined : RISK_LEVEL[levelText]
    if (levelText !== undefined && level === undefined)
      c.warn(
        { ...at, path: [...at.path, 'level'] },
        'import/tm-bom-bad-level',
        `risk level ${JSON.stringify(raw.level)} is not low, medium, high or critical; it is left out`
      )
    listOf(raw.threats).forEach((name, j) => {
      const threatId = resolve(name, ['threat'], { ...at, path: [...at.path, 'threats', j] }, 'threat')
      const threat = c.threats.find((t) => t.id === threatId)
      if (!threat) return
      if (likelihood && (!threat.likelihood || LEVEL_ORDER.indexOf(likelihood) > LEVEL_ORDER.indexOf(threat.likelihood)))
        threat.likelihood = likelihood
      if (impact && (!threat.impact || LEVEL_ORDER.indexOf(impact) > LEVEL_ORDER.indexOf(threat.impact))) threat.impact = impact
      if (text(raw.impact_description) && !threat.business_impact) threat.business_impact = text(raw.impact_description)
      const stated = threat.risk?.bugbar
      if (level && (stated === undefined || BUGBAR_ORDER.indexOf(level) > BUGBAR_ORDER.indexOf(stated)))
        threat.risk = { ...threat.risk, bugbar: level }
    })
  })
  if (listOf(root.risks).length > 0)
    c.cannotExpress(
      'risks as separate objects (their likelihood, impact and own level rate the threats they name; the highest wins, and a stated level wins over the matrix as `risk.bugbar`)'
    )
  if (listOf(root.mitigation_plans).length > 0) c.cannotExpress('mitigation plans')

  listOf(root.assumptions).forEach((raw, i) => {
    const at = c.at('assumptions', i)
    if (!isRecord(raw)) return c.warn(at, 'import/tm-bom-malformed', 'expected an assumption mapping; it is left out')
    const statement = text(raw.description)
    if (statement === undefined) return c.warn(at, 'import/tm-bom-malformed', 'this assumption has no `description`; it is left out')
    // Assumptions have no name in the schema: their place in the list names them, never their text.
    const id = c.ids.claim(text(raw.id) ?? text(raw.symbolic_name) ?? `assumption-${i + 1}`, 'assumption')
    const validity = text(raw.validity)
    if (validity === 'rejected') c.cannotExpress('rejected assumptions (imported as not validated)')
    c.assumptions.push(
      compact({ id, text: statement, validated: validity === 'confirmed' ? true : validity === undefined ? undefined : false })
    )
    c.origin(id, at)
  })
  if (listOf(root.diagrams).length > 0) c.cannotExpress('diagram sources (Graphviz, Mermaid, PlantUML, SVG)')
  return { conversion: c, model }
}

const TM_BOM_REQUIRED = [
  'version',
  'scope',
  'trust_zones',
  'trust_boundaries',
  'actors',
  'components',
  'data_stores',
  'data_sets',
  'data_flows'
] as const

function probeTmBom(value: Record<string, unknown>): FormatProbe<'tm-bom'> {
  const hints = [
    'scope',
    'trust_zones',
    'trust_boundaries',
    'data_stores',
    'data_sets',
    'data_flows',
    'threat_personas',
    'controls',
    'risks'
  ].filter((key) => Object.hasOwn(value, key))
  const schemaHint = typeof value.$schema === 'string' && value.$schema.includes('threat-model-library')
  if (hints.length < 2 && !schemaHint) return { format: 'tm-bom', score: 0, reason: '', issues: [] }
  const issues: string[] = []
  const warnings: string[] = []
  const missing = TM_BOM_REQUIRED.filter((key) => !Object.hasOwn(value, key))
  // The schema's validator is strict, but the library's own files miss sections: a file that
  // names the schema, or has a scope and elements, is read; too few sections is a near miss.
  if (missing.length > 0)
    (schemaHint || (isRecord(value.scope) && missing.length <= 3) ? warnings : issues).push(
      `required keys are missing: ${missing.map((k) => `\`${k}\``).join(', ')}`
    )
  if (value.scope !== undefined && !isRecord(value.scope)) issues.push('`scope` must be a mapping with `title`, `description`, …')
  for (const key of [
    'trust_zones',
    'trust_boundaries',
    'actors',
    'components',
    'data_stores',
    'data_sets',
    'data_flows',
    'threats',
    'controls',
    'risks',
    'assumptions',
    'threat_personas'
  ]) {
    if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  const score = schemaHint || isRecord(value.scope) ? (issues.length === 0 ? 1 : 0.8) : 0.5
  return {
    format: 'tm-bom',
    score,
    reason: schemaHint ? 'names the Threat Model Library schema' : `has Threat Model Library keys (${hints.join(', ')})`,
    issues,
    warnings
  }
}

/** OWASP Threat Model Library documents (TM-BOM, JSON). */
export const tmBomImporter: Importer<'tm-bom'> = {
  name: 'tm-bom',
  formats: { 'tm-bom': 'OWASP Threat Model Library (TM-BOM)' },
  detect: probeTmBom,
  convert: (main) => convertTmBom(main),
  globs: ['**/*-threat-model.json', '**/*.tmbom.json', '**/threat-models/**/*.json'],
  cannotExpress: [
    'owners of components and mitigations',
    'mitigation type and verification',
    'threat categories (STRIDE)',
    'asset classification (data sensitivity is kept as tags)'
  ],
  skipRules: () => ({
    'component-without-owner': 'component owners',
    'mitigation-without-owner': 'mitigation owners',
    'sensitive-asset-without-owner': 'asset owners',
    'mitigation-without-verification': 'mitigation verification',
    'high-threat-without-detective-control': 'mitigation type',
    'threat-without-category': 'threat categories',
    'asset-without-classification': 'asset classification'
  })
}
