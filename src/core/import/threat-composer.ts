import type { Mitigation, ModelDocument, Threat } from '../model/schema.js'
import {
  compact,
  Conversion,
  isRecord,
  listOf,
  modelIdFromPath,
  shortText,
  strings,
  text,
  threatCategory,
  unique,
  type SourceFile,
  type SourceRef
} from './conversion.js'
import { derivedId } from './ids.js'
import type { Converted, FormatProbe, Importer } from './importer.js'

type Raw = Record<string, unknown>

const THREAT_STATUS: Record<string, Threat['status']> = {
  threatIdentified: 'open',
  threatResolved: 'mitigated',
  threatResolvedNotUseful: 'not-applicable'
}
const MITIGATION_STATUS: Record<string, Mitigation['status']> = {
  mitigationIdentified: 'proposed',
  mitigationInProgress: 'in-progress',
  mitigationResolved: 'implemented',
  mitigationResolvedWillNotAction: 'rejected'
}
const PRIORITY: Record<string, Mitigation['priority']> = { high: 'high', medium: 'medium', low: 'low' }
/** A threat's priority (its only rating) as the native severity-only rating. */
const THREAT_PRIORITY: Record<string, NonNullable<NonNullable<Threat['risk']>['bugbar']>> = {
  critical: 'critical',
  high: 'important',
  medium: 'moderate',
  low: 'low'
}

/** Converts an AWS Threat Composer export (`.tc.json`, schema 1) into the native model. */
export function convertThreatComposer(main: SourceFile): Converted {
  const c = new Conversion('threat-composer', main)
  const root = main.value as Raw
  const info = isRecord(root.applicationInfo) ? root.applicationInfo : {}
  const title = text(info.name) ?? 'Untitled Threat Composer workspace'
  const model: ModelDocument['model'] = compact({
    id: modelIdFromPath(main.file),
    title: shortText(title)!,
    description: text(info.description)
  })
  if (isRecord(root.architecture) || isRecord(root.dataflow))
    c.cannotExpress('architecture and data-flow diagrams (Threat Composer keeps them as images and prose, not elements)')
  c.cannotExpress('components, zones and data flows (Threat Composer describes threats, not the architecture)')
  c.cannotExpress('mitigation type (preventive, detective, …)')

  const metadataOf = (raw: Raw): Map<string, unknown> => {
    const out = new Map<string, unknown>()
    for (const item of listOf(raw.metadata)) if (isRecord(item) && typeof item.key === 'string') out.set(item.key.toLowerCase(), item.value)
    return out
  }
  const entityId = (raw: unknown, at: SourceRef, kind: string, seen: Map<string, string>): string | undefined => {
    if (!isRecord(raw)) {
      c.warn(at, 'import/threat-composer-malformed', `expected a ${kind} mapping; it is left out`)
      return undefined
    }
    const foreign = text(raw.id)
    if (foreign === undefined) {
      c.warn(at, 'import/threat-composer-missing-id', `this ${kind} has no \`id\`, so nothing can link to it; it is left out`)
      return undefined
    }
    if (seen.has(foreign)) {
      c.warn({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate ${kind} id \`${foreign}\`; the first one is kept`)
      return undefined
    }
    const id = c.ids.claim(foreign, kind)
    seen.set(foreign, id)
    return id
  }

  const actorIds = new Map<string, string>()
  const assetIds = new Map<string, string>()
  const threatIds = new Map<string, string>()
  listOf(root.threats).forEach((raw, i) => {
    const at = c.at('threats', i)
    const id = entityId(raw, at, 'threat', threatIds)
    if (id === undefined) return
    const t = raw as Raw
    const meta = metadataOf(t)
    const stride = listOf(meta.get('stride'))
      .map((s) => text(s))
      .filter((s): s is string => s !== undefined)
    const categories = stride.map(threatCategory).filter((x) => x !== undefined)
    const source = text(t.threatSource)
    let sourceId: string | undefined
    if (source !== undefined) {
      sourceId = actorIds.get(source)
      if (sourceId === undefined) {
        sourceId = c.ids.claim(derivedId('actor', source, source), 'actor')
        actorIds.set(source, sourceId)
        c.actors.push({ id: sourceId, title: shortText(source) })
        c.origin(sourceId, { ...at, path: [...at.path, 'threatSource'] })
      }
    }
    const targets: string[] = []
    listOf(t.impactedAssets).forEach((asset, j) => {
      const name = text(asset)
      if (name === undefined) return
      let assetId = assetIds.get(name)
      if (assetId === undefined) {
        assetId = c.ids.claim(derivedId('asset', name, name), 'asset')
        assetIds.set(name, assetId)
        c.assets.push({ id: assetId, title: shortText(name) })
        c.origin(assetId, { ...at, path: [...at.path, 'impactedAssets', j] })
      }
      targets.push(assetId)
    })
    const status = text(t.status)
    if (status !== undefined && THREAT_STATUS[status] === undefined)
      c.warn(
        { ...at, path: [...at.path, 'status'] },
        'import/threat-composer-bad-status',
        `threat status ${JSON.stringify(status)} is not threatIdentified, threatResolved or threatResolvedNotUseful; it is left unset`,
        id
      )
    const priority = text(meta.get('priority'))?.toLowerCase()
    const bugbar = priority === undefined ? undefined : THREAT_PRIORITY[priority]
    if (priority !== undefined && bugbar === undefined)
      c.warn(
        { ...at, path: [...at.path, 'metadata'] },
        'import/threat-composer-bad-priority',
        `threat priority ${JSON.stringify(meta.get('priority'))} is not High, Medium or Low; the threat is left unrated`,
        id
      )
    const tags = unique([...(strings(t.tags) ?? []), ...categories.slice(1).map((cat) => `stride:${cat}`)])
    const statement = text(t.statement) ?? grammarStatement(t)
    c.threats.push(
      compact({
        id,
        title: shortText(statement ?? `Threat ${typeof t.numericId === 'number' ? t.numericId : id}`)!,
        description: text(meta.get('comments')),
        category: categories[0],
        source: sourceId,
        prerequisites: text(t.prerequisites),
        action: text(t.threatAction),
        business_impact: text(t.threatImpact),
        objectives: strings(t.impactedGoal)?.map((g) => shortText(g)!),
        targets: targets.length > 0 ? unique(targets) : undefined,
        risk: bugbar === undefined ? undefined : { bugbar },
        status: status === undefined ? undefined : THREAT_STATUS[status],
        tags: tags.length > 0 ? tags : undefined
      })
    )
    c.origin(id, at)
  })
  if (c.threats.some((t) => t.risk?.bugbar !== undefined))
    c.cannotExpress('threat likelihood and impact (a Threat Composer priority is a single rating, kept as `risk.bugbar`)')

  const mitigationIds = new Map<string, string>()
  listOf(root.mitigations).forEach((raw, i) => {
    const at = c.at('mitigations', i)
    const id = entityId(raw, at, 'mitigation', mitigationIds)
    if (id === undefined) return
    const m = raw as Raw
    const meta = metadataOf(m)
    const status = text(m.status)
    if (status !== undefined && MITIGATION_STATUS[status] === undefined)
      c.warn(
        { ...at, path: [...at.path, 'status'] },
        'import/threat-composer-bad-status',
        `mitigation status ${JSON.stringify(status)} is not one of mitigationIdentified, mitigationInProgress, mitigationResolved, mitigationResolvedWillNotAction; it is left unset`,
        id
      )
    const content = text(m.content)
    if (content === undefined) c.warn(at, 'import/threat-composer-empty', 'this mitigation has no `content`', id)
    c.mitigations.push(
      compact({
        id,
        title: shortText(content ?? `Mitigation ${typeof m.numericId === 'number' ? m.numericId : id}`)!,
        description: text(meta.get('comments')),
        status: status === undefined ? undefined : MITIGATION_STATUS[status],
        priority: PRIORITY[text(meta.get('priority'))?.toLowerCase() ?? ''],
        tags: strings(m.tags)
      })
    )
    c.origin(id, at)
  })

  const assumptionIds = new Map<string, string>()
  listOf(root.assumptions).forEach((raw, i) => {
    const at = c.at('assumptions', i)
    const id = entityId(raw, at, 'assumption', assumptionIds)
    if (id === undefined) return
    const a = raw as Raw
    const content = text(a.content)
    if (content === undefined)
      return c.warn(
        { ...at, path: [...at.path, 'content'] },
        'import/threat-composer-empty',
        'this assumption has no `content`; it is left out',
        id
      )
    c.assumptions.push(compact({ id, text: content, description: text(metadataOf(a).get('comments')) }))
    c.origin(id, at)
  })

  listOf(root.mitigationLinks).forEach((raw, i) => {
    const at = c.at('mitigationLinks', i)
    if (!isRecord(raw))
      return c.warn(at, 'import/threat-composer-malformed', 'expected a link mapping with `mitigationId` and `linkedId`; it is left out')
    const mitigation = mitigationIds.get(text(raw.mitigationId) ?? '')
    const linked = text(raw.linkedId) ?? ''
    if (mitigation === undefined)
      return c.dangling(
        { ...at, path: [...at.path, 'mitigationId'] },
        `mitigation \`${String(raw.mitigationId)}\` is not defined in \`mitigations\`; the link is left out`
      )
    const threat = threatIds.get(linked)
    if (threat !== undefined) {
      const t = c.threats.find((x) => x.id === threat)!
      t.mitigations = unique([...(t.mitigations ?? []), mitigation])
    } else if (assumptionIds.has(linked)) c.cannotExpress('links between mitigations and assumptions')
    else
      c.dangling(
        { ...at, path: [...at.path, 'linkedId'] },
        `linked id \`${linked}\` is neither a threat nor an assumption; the link is left out`,
        mitigation
      )
  })
  listOf(root.assumptionLinks).forEach((raw, i) => {
    const at = c.at('assumptionLinks', i)
    if (!isRecord(raw))
      return c.warn(at, 'import/threat-composer-malformed', 'expected a link mapping with `assumptionId` and `linkedId`; it is left out')
    if (!assumptionIds.has(text(raw.assumptionId) ?? ''))
      return c.dangling(
        { ...at, path: [...at.path, 'assumptionId'] },
        `assumption \`${String(raw.assumptionId)}\` is not defined in \`assumptions\` (it was removed); the link is left out`
      )
    const linked = text(raw.linkedId) ?? ''
    if (!threatIds.has(linked) && !mitigationIds.has(linked))
      return c.dangling(
        { ...at, path: [...at.path, 'linkedId'] },
        `linked id \`${linked}\` is neither a threat nor a mitigation; the link is left out`
      )
    c.cannotExpress('links from assumptions to threats and mitigations')
  })
  return { conversion: c, model }
}

/** The threat statement Threat Composer shows, rebuilt from its grammar when `statement` is absent. */
function grammarStatement(t: Raw): string | undefined {
  const source = text(t.threatSource)
  const action = text(t.threatAction)
  if (source === undefined && action === undefined) return undefined
  const parts = [
    `${source ? `A ${source}` : 'A threat source'}${text(t.prerequisites) ? ` ${text(t.prerequisites)}` : ''} can ${action ?? 'act'}`
  ]
  if (text(t.threatImpact)) parts.push(`which leads to ${text(t.threatImpact)}`)
  const goals = strings(t.impactedGoal)
  const assets = strings(t.impactedAssets)
  if (goals || assets)
    parts.push(`resulting in reduced ${goals ? goals.join(' and ') : 'security'}${assets ? ` of ${assets.join(' and ')}` : ''}`)
  return parts.join(', ')
}

function probeThreatComposer(value: Record<string, unknown>): FormatProbe<'threat-composer'> {
  const hints = [
    'threats',
    'mitigations',
    'assumptions',
    'mitigationLinks',
    'assumptionLinks',
    'applicationInfo',
    'architecture',
    'dataflow',
    'workspace'
  ].filter((key) => Object.hasOwn(value, key))
  const composerHints = ['mitigationLinks', 'assumptionLinks', 'applicationInfo'].filter((key) => Object.hasOwn(value, key))
  const grammar = listOf(value.threats).some(
    (t) => isRecord(t) && (Object.hasOwn(t, 'threatSource') || Object.hasOwn(t, 'threatAction') || Object.hasOwn(t, 'statement'))
  )
  if (!Object.hasOwn(value, 'schema')) {
    if (composerHints.length === 0 && !grammar) return { format: 'threat-composer', score: 0, reason: '', issues: [] }
    return {
      format: 'threat-composer',
      score: 0.5,
      reason: `has Threat Composer keys (${[...composerHints, ...(grammar ? ['threat grammar fields'] : [])].join(', ')})`,
      issues: ['the `schema` key is missing (Threat Composer exports carry `"schema": 1`)']
    }
  }
  if (hints.length === 0 && !grammar) return { format: 'threat-composer', score: 0, reason: '', issues: [] }
  const issues: string[] = []
  if (value.schema !== 1) issues.push(`\`schema\` is ${JSON.stringify(value.schema)}; this release reads Threat Composer schema 1`)
  for (const key of ['threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks']) {
    if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  return { format: 'threat-composer', score: issues.length === 0 ? 1 : 0.8, reason: 'has `schema` and Threat Composer sections', issues }
}

/** AWS Threat Composer workspace exports (schema 1). */
export const threatComposerImporter: Importer<'threat-composer'> = {
  name: 'threat-composer',
  formats: { 'threat-composer': 'AWS Threat Composer' },
  detect: probeThreatComposer,
  convert: (main) => convertThreatComposer(main),
  globs: ['**/*.tc.json'],
  cannotExpress: [
    'components, zones and data flows (Threat Composer describes threats, not the architecture)',
    'owners of the model, components and mitigations',
    'mitigation type and verification',
    'asset classification',
    'whether an assumption was validated',
    'the date of the last review'
  ],
  skipRules: () => ({
    'model-without-owner': 'owners',
    'mitigation-without-owner': 'owners',
    'sensitive-asset-without-owner': 'owners',
    'mitigation-without-verification': 'mitigation verification',
    'high-threat-without-detective-control': 'mitigation type',
    'asset-without-classification': 'asset classification',
    'assumption-not-validated': 'whether an assumption was validated',
    'model-review-stale': 'the date of the last review',
    'component-without-zone': 'zones',
    'component-without-owner': 'owners',
    'component-in-no-flow': 'data flows',
    'unused-asset': 'data flows'
  })
}
