import type { DocumentPath } from '../problems.js'
import type { Asset, Component, Dataflow, Mitigation, ModelDocument, Threat } from '../model/schema.js'
import { parseYamlDocument, type ParseLimits } from '../model/yaml-document.js'
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
import { isoDate } from '../domain.js'
import { slugify, stableHash } from './ids.js'
import type { ConvertOptions, Converted, FormatProbe, Importer } from './importer.js'

export type { IncludeRead } from './importer.js'
export type ThreagileOptions = ConvertOptions & { limits: ParseLimits }

/** One entry of a Threagile map (keyed by title), with the file and path it came from. */
interface Entry {
  title: string
  value: Record<string, unknown>
  at: SourceRef
}

const MAX_INCLUDE_DEPTH = 8

const CONFIDENTIALITY: Record<string, { classification: Asset['classification']; level: NonNullable<Asset['cia']>['confidentiality'] }> = {
  public: { classification: 'public', level: 'none' },
  internal: { classification: 'internal', level: 'low' },
  restricted: { classification: 'confidential', level: 'medium' },
  confidential: { classification: 'confidential', level: 'high' },
  'strictly-confidential': { classification: 'restricted', level: 'very-high' }
}
const CRITICALITY_LEVEL: Record<string, NonNullable<Asset['cia']>['integrity']> = {
  archive: 'none',
  operational: 'low',
  important: 'medium',
  critical: 'high',
  'mission-critical': 'very-high'
}
const BUSINESS_CRITICALITY: Record<string, NonNullable<NonNullable<ModelDocument['model']['business']>['criticality']>> = {
  archive: 'low',
  operational: 'low',
  important: 'medium',
  critical: 'high',
  'mission-critical': 'critical'
}
const TECHNOLOGY_TYPE: [RegExp, Component['type']][] = [
  [/^(vault|hsm)$/, 'secrets-store'],
  [/^(identity-provider|ldap-server)$/, 'identity-provider'],
  [
    /^(identity-store-ldap|identity-store-database|database|file-server|local-file-system|search-index|data-lake|block-storage)$/,
    'datastore'
  ],
  [/^(message-queue|event-listener|stream-processing)$/, 'queue'],
  [/^function$/, 'function'],
  [/^(gateway|reverse-proxy|load-balancer|waf|service-mesh)$/, 'gateway'],
  [/^build-pipeline$/, 'pipeline'],
  [/^(sourcecode-repository|artifact-registry)$/, 'repository'],
  [/^iot-device$/, 'device'],
  [/^(browser|client-system|desktop|mobile-app|devops-client)$/, 'user'],
  [/^(web-server|web-application|application-server|web-service-rest|web-service-soap|erp|cms|ejb)$/, 'service']
]
const ENCRYPTED_PROTOCOL = /(^|-)encrypted$|^(https|wss|ssh|ssh-tunnel|ftps|sftp|scp|ldaps)$/
const PLAIN_PROTOCOL =
  /^(http|ws|mqtt|jdbc|odbc|sql-access-protocol|nosql-access-protocol|binary|text|smtp|pop3|imap|ftp|ldap|jms|nfs|smb|nrpe|xmpp|iiop|jrmp|reverse-proxy-web-protocol)$/
const TRACKING_STATUS: Record<string, Threat['status']> = {
  unchecked: 'open',
  'in-discussion': 'open',
  'in-progress': 'open',
  accepted: 'accepted',
  mitigated: 'mitigated',
  'false-positive': 'not-applicable'
}

/** Converts a Threagile YAML model (with its `includes`) into the native model. */
export function convertThreagile(main: SourceFile, options: ThreagileOptions): Converted {
  const c = new Conversion('threagile', main)
  const files = loadIncludes(c, main, options)
  const first = <T>(key: string, pick: (value: unknown) => T | undefined): T | undefined => {
    for (const file of files) {
      const value = isRecord(file.value) ? pick(file.value[key]) : undefined
      if (value !== undefined) return value
    }
    return undefined
  }
  const entries = (key: string): Entry[] => {
    const out: Entry[] = []
    const seen = new Map<string, SourceRef>()
    for (const file of files) {
      if (!isRecord(file.value)) continue
      const map = file.value[key]
      if (map === undefined || map === null) continue
      if (Array.isArray(map)) {
        // Newer Threagile writes `custom_risk_categories` as a list with an inner `title`.
        map.forEach((value, i) => {
          const at = { source: file, path: [key, i] }
          if (!isRecord(value)) return c.warn(at, 'import/threagile-malformed', `expected a mapping in \`${key}\`; the entry is left out`)
          out.push({ title: text(value.title) ?? text(value.id) ?? `${key} ${i + 1}`, value, at })
        })
        continue
      }
      if (!isRecord(map)) {
        c.warn({ source: file, path: [key] }, 'import/threagile-malformed', `\`${key}\` must be a mapping keyed by title; it is left out`)
        continue
      }
      for (const [title, value] of Object.entries(map)) {
        const at = { source: file, path: [key, title] }
        if (!isRecord(value)) {
          c.warn(at, 'import/threagile-malformed', `\`${key}\` entry "${title}" must be a mapping with an \`id\`; it is left out`)
          continue
        }
        const earlier = seen.get(title)
        if (earlier) {
          c.warn(
            at,
            'import/duplicate-id',
            `\`${key}\` entry "${title}" is defined twice (also in ${earlier.source.file}); the first one is kept`
          )
          continue
        }
        seen.set(title, at)
        out.push({ title, value, at })
      }
    }
    return out
  }

  const title = first('title', text) ?? 'Untitled Threagile model'
  const author = first('author', (v) => (isRecord(v) ? text(v.name) : undefined))
  const overview =
    first('business_overview', (v) => (isRecord(v) ? text(v.description) : undefined)) ??
    first('technical_overview', (v) => (isRecord(v) ? text(v.description) : undefined))
  const criticality = first('business_criticality', text)
  const model: ModelDocument['model'] = compact({
    id: modelIdFromPath(main.file),
    title: shortText(title)!,
    owner: shortText(author),
    description: overview,
    business: criticality && BUSINESS_CRITICALITY[criticality] ? { criticality: BUSINESS_CRITICALITY[criticality] } : undefined
  })
  for (const key of ['shared_runtimes', 'abuse_cases', 'security_requirements', 'questions']) {
    if (
      files.some((f) => isRecord(f.value) && f.value[key] !== undefined && f.value[key] !== null && Object.keys(f.value[key]).length > 0)
    ) {
      c.cannotExpress(`Threagile \`${key}\``)
    }
  }

  // Threagile id → native id, and the other direction for risk-tracking patterns.
  const ids = new Map<string, string>()
  const idFor = (entry: Entry, kind: string): string | undefined => {
    const raw = text(entry.value.id)
    if (raw === undefined) {
      c.warn(entry.at, 'import/threagile-missing-id', `"${entry.title}" has no inner \`id\`, so nothing can refer to it; it is left out`)
      return undefined
    }
    if (ids.has(raw)) {
      c.warn(
        { ...entry.at, path: [...entry.at.path, 'id'] },
        'import/duplicate-id',
        `id \`${raw}\` of "${entry.title}" is already used by another element; the first one is kept`
      )
      return undefined
    }
    const id = c.ids.claim(raw, kind)
    ids.set(raw, id)
    return id
  }

  const assetIds = new Set<string>()
  for (const entry of entries('data_assets')) {
    const id = idFor(entry, 'asset')
    if (id === undefined) continue
    assetIds.add(id)
    const v = entry.value
    const conf = CONFIDENTIALITY[text(v.confidentiality) ?? '']
    const cia = compact({
      confidentiality: conf?.level,
      integrity: CRITICALITY_LEVEL[text(v.integrity) ?? ''],
      availability: CRITICALITY_LEVEL[text(v.availability) ?? '']
    })
    c.assets.push(
      compact({
        id,
        title: shortText(entry.title),
        description: text(v.description),
        classification: conf?.classification,
        cia: Object.keys(cia).length > 0 ? cia : undefined,
        owner: shortText(text(v.owner)),
        tags: strings(v.tags)
      })
    )
    c.origin(id, entry.at)
  }

  const technical = entries('technical_assets')
  const componentIds = new Set<string>()
  const componentEntries: { id: string; entry: Entry }[] = []
  for (const entry of technical) {
    const id = idFor(entry, 'component')
    if (id === undefined) continue
    componentIds.add(id)
    componentEntries.push({ id, entry })
  }

  // Trust boundaries: nesting gives zone parents; the innermost boundary listing an asset is its zone.
  const boundaries = entries('trust_boundaries')
  const boundaryIds = new Map<Entry, string>()
  for (const entry of boundaries) {
    const id = idFor(entry, 'zone')
    if (id !== undefined) boundaryIds.set(entry, id)
  }
  const parentOf = new Map<string, string>()
  for (const [entry, id] of boundaryIds) {
    listOf(entry.value.trust_boundaries_nested).forEach((nested, i) => {
      const nestedId = ids.get(text(nested) ?? '')
      if (nestedId === undefined || ![...boundaryIds.values()].includes(nestedId)) {
        c.dangling(
          { ...entry.at, path: [...entry.at.path, 'trust_boundaries_nested', i] },
          `nested trust boundary \`${String(nested)}\` is not defined; the nesting is left out`,
          id
        )
      } else parentOf.set(nestedId, id)
    })
  }
  const depthOf = (id: string): number => {
    let depth = 0
    for (let current = parentOf.get(id); current !== undefined && depth < 32; current = parentOf.get(current)) depth++
    return depth
  }
  if (boundaryIds.size > 0)
    c.cannotExpress(
      'zone trust levels (Threagile trust boundaries carry no rating: imported boundaries get trust 50, plus 10 per nesting level)'
    )
  const zoneOf = new Map<string, string>()
  for (const [entry, id] of boundaryIds) {
    c.zones.push(
      compact({
        id,
        title: shortText(entry.title),
        description: text(entry.value.description),
        trust: Math.min(100, 50 + 10 * depthOf(id)),
        parent: parentOf.get(id),
        tags: unique([...(strings(entry.value.tags) ?? []), ...(text(entry.value.type) ? [`boundary-type:${text(entry.value.type)}`] : [])])
      })
    )
    c.origin(id, entry.at)
    listOf(entry.value.technical_assets_inside).forEach((inside, i) => {
      const assetId = ids.get(text(inside) ?? '')
      if (assetId === undefined || !componentIds.has(assetId)) {
        c.dangling(
          { ...entry.at, path: [...entry.at.path, 'technical_assets_inside', i] },
          `technical asset \`${String(inside)}\` inside trust boundary "${entry.title}" is not defined; it is left out`,
          id
        )
        return
      }
      const current = zoneOf.get(assetId)
      if (current === undefined || depthOf(id) > depthOf(current)) zoneOf.set(assetId, id)
    })
  }
  for (const zone of c.zones) if (zone.tags?.length === 0) delete zone.tags

  const needsInternetZone = componentEntries.some(({ id, entry }) => entry.value.internet === true && !zoneOf.has(id))
  const internetZone = needsInternetZone ? c.ids.claim('internet', 'zone') : undefined
  if (internetZone) {
    c.zones.push({ id: internetZone, title: 'Internet', trust: 0 })
    c.cannotExpress(
      'an explicit internet zone (technical assets marked `internet: true` outside every trust boundary are placed in an `internet` zone with trust 0)'
    )
  }

  const linkIds = new Map<string, string>()
  for (const { id, entry } of componentEntries) {
    const v = entry.value
    const technology = text(v.technology)
    const technologies = unique([...(technology ? [technology] : []), ...(strings(v.technologies) ?? [])])
    const assets = resolveAll(c, entry, ['data_assets_processed', 'data_assets_stored'], ids, assetIds, 'data asset', id)
    const tags = unique([...(strings(v.tags) ?? []), ...(v.out_of_scope === true ? ['out-of-scope'] : [])])
    const component: Component = compact({
      id,
      title: shortText(entry.title),
      description: text(v.description),
      type: componentType(text(v.type), technologies, v.used_as_client_by_human === true),
      zone: zoneOf.get(id) ?? (v.internet === true ? internetZone : undefined),
      owner: shortText(text(v.owner)),
      technologies: technologies.length > 0 ? technologies : undefined,
      internet_facing: typeof v.internet === 'boolean' ? v.internet : undefined,
      assets: assets.length > 0 ? assets : undefined,
      tags: tags.length > 0 ? tags : undefined
    })
    c.components.push(component)
    c.origin(id, entry.at)
  }

  for (const { id: sourceId, entry } of componentEntries) {
    const links = entry.value.communication_links
    if (links === undefined || links === null) continue
    if (!isRecord(links)) {
      c.warn(
        { ...entry.at, path: [...entry.at.path, 'communication_links'] },
        'import/threagile-malformed',
        '`communication_links` must be a mapping keyed by title; the links are left out',
        sourceId
      )
      continue
    }
    const sourceRaw = text(entry.value.id)!
    for (const [linkTitle, link] of Object.entries(links)) {
      const at: SourceRef = { ...entry.at, path: [...entry.at.path, 'communication_links', linkTitle] }
      if (!isRecord(link)) {
        c.warn(
          at,
          'import/threagile-malformed',
          `communication link "${linkTitle}" must be a mapping with a \`target\`; it is left out`,
          sourceId
        )
        continue
      }
      // Threagile's own link id is `<source id>>` plus the normalised title; risk ids use it.
      const threagileId = `${sourceRaw}>${linkTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
      const id = c.ids.claim(`${sourceId}/${slugify(linkTitle, 60) || stableHash(linkTitle)}`, 'dataflow')
      linkIds.set(threagileId, id)
      const targetRaw = text(link.target)
      let target = ids.get(targetRaw ?? '')
      if (targetRaw === undefined) {
        c.warn(at, 'import/threagile-malformed', `communication link "${linkTitle}" has no \`target\`; it is left out`, id)
        continue
      }
      if (target !== undefined && !componentIds.has(target)) {
        c.dangling(
          { ...at, path: [...at.path, 'target'] },
          `communication link "${linkTitle}" targets \`${targetRaw}\`, which is not a technical asset; the link is left out`,
          id
        )
        continue
      }
      target ??= c.stub(targetRaw, { ...at, path: [...at.path, 'target'] }, `communication link "${linkTitle}" target`)
      const protocol = text(link.protocol)
      const assets = resolveAll(
        c,
        { title: linkTitle, value: link, at },
        ['data_assets_sent', 'data_assets_received'],
        ids,
        assetIds,
        'data asset',
        id
      )
      const flags = (['vpn', 'ip_filtered', 'readonly'] as const)
        .filter((flag) => link[flag] === true)
        .map((flag) => flag.replace('_', '-'))
      const tags = unique([...(strings(link.tags) ?? []), ...flags])
      const flow: Dataflow = compact({
        id,
        title: shortText(linkTitle),
        description: text(link.description),
        from: sourceId,
        to: target,
        protocol,
        assets: assets.length > 0 ? assets : undefined,
        authentication: text(link.authentication),
        authorization: text(link.authorization),
        encrypted:
          protocol === undefined ? undefined : ENCRYPTED_PROTOCOL.test(protocol) ? true : PLAIN_PROTOCOL.test(protocol) ? false : undefined,
        tags: tags.length > 0 ? tags : undefined
      })
      c.dataflows.push(flow)
      c.origin(id, at)
    }
  }

  // Risk categories written by hand, with the risks identified for them.
  const threatKeys = new Map<string, string>()
  const categories = [...entries('individual_risk_categories'), ...entries('custom_risk_categories')]
  for (const category of categories) {
    const v = category.value
    const categoryId = text(v.id)
    if (categoryId === undefined) {
      c.warn(category.at, 'import/threagile-missing-id', `risk category "${category.title}" has no \`id\`; its risks are left out`)
      continue
    }
    const risks = v.risks_identified
    if (risks !== undefined && risks !== null && !isRecord(risks)) {
      c.warn(
        { ...category.at, path: [...category.at.path, 'risks_identified'] },
        'import/threagile-malformed',
        '`risks_identified` must be a mapping keyed by risk title; its risks are left out'
      )
      continue
    }
    const cwe = typeof v.cwe === 'number' && Number.isInteger(v.cwe) && v.cwe > 0 ? [`CWE-${v.cwe}`] : undefined
    const categoryThreats: string[] = []
    for (const [riskTitle, risk] of Object.entries(risks ?? {})) {
      const at: SourceRef = { ...category.at, path: [...category.at.path, 'risks_identified', riskTitle] }
      if (!isRecord(risk)) {
        c.warn(at, 'import/threagile-malformed', `risk "${riskTitle}" must be a mapping; it is left out`)
        continue
      }
      const relevant = [
        'most_relevant_technical_asset',
        'most_relevant_communication_link',
        'most_relevant_trust_boundary',
        'most_relevant_shared_runtime',
        'most_relevant_data_asset'
      ].map((key) => text(risk[key]))
      const synthetic = [categoryId, ...relevant.filter((x): x is string => x !== undefined)].join('@')
      const key = threatKeys.has(synthetic) ? `${synthetic}@${stableHash(riskTitle)}` : synthetic
      const id = c.ids.claim(key.replace(/[@>]/g, '/'), 'threat')
      threatKeys.set(key, id)
      const targets: string[] = []
      relevant.forEach((value, i) => {
        if (value === undefined || i === 3) return
        const target = i === 1 ? linkIds.get(value) : ids.get(value)
        if (target === undefined)
          c.dangling(
            at,
            `risk "${stripTags(riskTitle)}" names \`${value}\`, which is not defined in the model; that target is left out`,
            id
          )
        else targets.push(target)
      })
      const likelihood = text(risk.exploitation_likelihood)
      const impact = text(risk.exploitation_impact)
      const rated =
        likelihood &&
        impact &&
        isOneOf(likelihood, ['unlikely', 'likely', 'very-likely', 'frequent']) &&
        isOneOf(impact, ['low', 'medium', 'high', 'very-high'])
      if ((likelihood || impact) && !rated)
        c.warn(
          at,
          'import/threagile-bad-rating',
          `risk "${stripTags(riskTitle)}" has exploitation likelihood ${JSON.stringify(likelihood)} and impact ${JSON.stringify(impact)}; expected unlikely/likely/very-likely/frequent and low/medium/high/very-high; the rating is left out`,
          id
        )
      const threat: Threat = compact({
        id,
        title: shortText(stripTags(riskTitle) || category.title)!,
        description: text(v.description),
        category: threatCategory(v.stride),
        targets: targets.length > 0 ? unique(targets) : undefined,
        business_impact: text(v.impact),
        references:
          cwe || text(v.cheat_sheet)
            ? compact({ cwe, links: text(v.cheat_sheet) ? [shortText(text(v.cheat_sheet))!] : undefined })
            : undefined,
        risk: rated ? { threagile: { likelihood: likelihood as 'likely', impact: impact as 'low' } } : undefined,
        status: 'open' as const,
        origin: 'threagile'
      })
      c.threats.push(threat)
      c.origin(id, at)
      categoryThreats.push(id)
      if (text(risk.severity) || text(risk.data_breach_probability))
        c.cannotExpress("Threagile's computed severity and data-breach probability of individual risks")
    }
    const advice = text(v.mitigation)
    if (advice !== undefined && categoryThreats.length > 0) {
      const mitigationId = c.ids.claim(`${categoryId}/mitigation`, 'mitigation')
      const mitigation: Mitigation = compact({
        id: mitigationId,
        title: shortText(text(v.action) ?? `Mitigate ${category.title}`)!,
        description: advice,
        verification: text(v.check)
      })
      c.mitigations.push(mitigation)
      c.origin(mitigationId, { ...category.at, path: [...category.at.path, 'mitigation'] })
      for (const threatId of categoryThreats) {
        const threat = c.threats.find((t) => t.id === threatId)!
        threat.mitigations = [mitigationId]
      }
    }
  }

  applyRiskTracking(c, entries('risk_tracking'), threatKeys, (raw) => ids.get(raw) ?? linkIds.get(raw), model.id)
  return { conversion: c, model }
}

/** Maps `risk_tracking` onto the imported threats (with `*` wildcards) and keeps the rest as suppressions. */
function applyRiskTracking(
  c: Conversion,
  tracking: Entry[],
  threatKeys: Map<string, string>,
  elementOf: (raw: string) => string | undefined,
  modelId: string
): void {
  for (const entry of tracking) {
    const v = entry.value
    const status = text(v.status)
    const mapped = status === undefined ? undefined : TRACKING_STATUS[status]
    if (mapped === undefined) {
      c.warn(
        { ...entry.at, path: [...entry.at.path, 'status'] },
        'import/threagile-bad-status',
        `risk tracking "${entry.title}" has status ${JSON.stringify(status)}; expected unchecked, in-discussion, accepted, in-progress, mitigated or false-positive`
      )
      continue
    }
    const pattern = new RegExp(`^${entry.title.split('*').map(escapeRegExp).join('[^@]+')}$`)
    const matched = [...threatKeys].filter(([key]) => pattern.test(key)).map(([, id]) => id)
    const date = dateText(v.date)
    const justification = text(v.justification)
    for (const id of matched) {
      const threat = c.threats.find((t) => t.id === id)!
      threat.status = mapped
      if (mapped === 'accepted') threat.acceptance = compact({ by: shortText(text(v.checked_by)), reason: justification, date })
    }
    if (text(v.ticket)) c.cannotExpress('risk-tracking ticket references')
    if (matched.length > 0) continue
    // Tracking of Threagile's built-in rules: keep accepted and false-positive decisions as suppressions.
    if (status === 'accepted' || status === 'false-positive') {
      const [rule, ...rest] = entry.title.split('@')
      // A suppression targets one element or the whole model; the first element the pattern names wins.
      const target = rest.map(elementOf).find((id) => id !== undefined) ?? modelId
      c.suppressions.push(
        compact({
          rule: shortText(`threagile:${rule}`)!,
          target,
          reason: [`${status} (risk tracking \`${entry.title}\`)`, justification, text(v.ticket) ? `ticket ${text(v.ticket)}` : undefined]
            .filter(Boolean)
            .join(': '),
          approved_by: shortText(text(v.checked_by))
        })
      )
    } else c.cannotExpress(`risk-tracking states other than accepted and false-positive for Threagile's built-in rules`)
  }
}

function loadIncludes(c: Conversion, main: SourceFile, options: ThreagileOptions): SourceFile[] {
  const files: SourceFile[] = [main]
  const visited = new Set<string>([main.file])
  const visit = (from: SourceFile, depth: number): void => {
    if (!isRecord(from.value)) return
    listOf(from.value.includes).forEach((raw, i) => {
      const at: SourceRef = { source: from, path: ['includes', i] }
      const name = text(raw)
      if (name === undefined) return c.warn(at, 'import/threagile-malformed', '`includes` entries must be file paths; this one is left out')
      const resolved = resolveInclude(from.file, name)
      if ('problem' in resolved) return c.error(at, 'import/include-outside', resolved.problem)
      if (visited.has(resolved.path))
        return c.warn(
          at,
          'import/include-cycle',
          `\`${name}\` (${resolved.path}) is included more than once or includes itself; it is read once`
        )
      if (depth >= MAX_INCLUDE_DEPTH) return c.error(at, 'import/include-depth', `includes nest deeper than ${MAX_INCLUDE_DEPTH} levels`)
      if (!options.readInclude)
        return c.error(at, 'import/include-unavailable', `\`${name}\` cannot be read here (no file access was given to the importer)`)
      const content = options.readInclude(resolved.path)
      if (content === undefined) return c.error(at, 'import/include-missing', `included file \`${name}\` (${resolved.path}) does not exist`)
      if (typeof content === 'object' && !(content instanceof Uint8Array))
        return c.error(at, 'import/include-refused', `included file \`${name}\` is refused: ${content.refused}`)
      const textContent = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content)
      const parsed = parseYamlDocument(resolved.path, textContent, options.limits, { foreign: true })
      visited.add(resolved.path)
      if (!parsed.ok) {
        c.problems.push(...parsed.problems)
        return
      }
      c.problems.push(...parsed.warnings)
      const file: SourceFile = { file: resolved.path, value: parsed.document.value, sourceMap: parsed.document.sourceMap }
      if (!isRecord(file.value))
        return c.warn(
          { source: file, path: [] },
          'import/threagile-malformed',
          'an included Threagile file must be a mapping; it is left out'
        )
      files.push(file)
      visit(file, depth + 1)
    })
  }
  visit(main, 0)
  return files
}

/** Resolves an include relative to the including file; refuses absolute paths and escapes from the repository. */
export function resolveInclude(from: string, include: string): { path: string } | { problem: string } {
  if (/^([\\/]|[A-Za-z]:[\\/]|~)/.test(include) || include.includes('\0')) {
    return {
      problem: `include \`${include}\` is an absolute path; includes are resolved relative to the model and must stay inside the repository`
    }
  }
  const parts = from.replace(/\\/g, '/').split('/').slice(0, -1)
  for (const part of include.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0)
        return { problem: `include \`${include}\` leaves the repository (\`..\` above its root); includes must stay inside the repository` }
      parts.pop()
    } else parts.push(part)
  }
  return { path: parts.join('/') }
}

function resolveAll(
  c: Conversion,
  entry: Entry,
  keys: string[],
  ids: Map<string, string>,
  allowed: Set<string>,
  kind: string,
  owner: string
): string[] {
  const out: string[] = []
  for (const key of keys) {
    listOf(entry.value[key]).forEach((raw, i) => {
      const value = text(raw)
      if (value === undefined) return
      const id = ids.get(value)
      if (id === undefined || !allowed.has(id))
        c.dangling(
          { ...entry.at, path: [...entry.at.path, key, i] as DocumentPath },
          `${kind} \`${value}\` in "${entry.title}" is not defined; the reference is left out`,
          owner
        )
      else out.push(id)
    })
  }
  return unique(out)
}

function componentType(type: string | undefined, technologies: string[], humanClient: boolean): Component['type'] {
  if (humanClient) return 'user'
  for (const technology of technologies) for (const [pattern, mapped] of TECHNOLOGY_TYPE) if (pattern.test(technology)) return mapped
  if (type === 'datastore') return 'datastore'
  if (type === 'external-entity') return 'external'
  if (type === 'process') return 'process'
  return 'service'
}

function stripTags(value: string): string {
  return value
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function isOneOf(value: string, allowed: string[]): boolean {
  return allowed.includes(value)
}

/** A YAML date (parsed to a Date) or `YYYY-MM-DD` text, as `YYYY-MM-DD`. */
function dateText(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return isoDate(value)
  const raw = text(value)
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined
}

function probeThreagile(value: Record<string, unknown>): FormatProbe<'threagile'> {
  const hints = [
    'technical_assets',
    'data_assets',
    'trust_boundaries',
    'shared_runtimes',
    'risk_tracking',
    'individual_risk_categories',
    'custom_risk_categories',
    'tags_available',
    'business_criticality',
    'abuse_cases'
  ].filter((key) => Object.hasOwn(value, key))
  if (!Object.hasOwn(value, 'threagile_version')) {
    if (hints.length < 2) return { format: 'threagile', score: 0, reason: '', issues: [] }
    return {
      format: 'threagile',
      score: 0.5,
      reason: `has Threagile keys (${hints.join(', ')})`,
      issues: [
        'the `threagile_version` key is missing (a Threagile model starts with `threagile_version: 1.0.0`; a file that is only included by another model is read through that model)'
      ]
    }
  }
  const issues: string[] = []
  const version = typeof value.threagile_version === 'number' ? String(value.threagile_version) : value.threagile_version
  if (typeof version !== 'string' || !/^1(\.\d+){0,2}$/.test(version.trim()))
    issues.push(`\`threagile_version\` is ${JSON.stringify(value.threagile_version)}; this release reads Threagile 1.x models`)
  for (const key of ['technical_assets', 'data_assets', 'trust_boundaries', 'shared_runtimes', 'risk_tracking']) {
    if (value[key] !== undefined && value[key] !== null && !isRecord(value[key])) issues.push(`\`${key}\` must be a mapping keyed by title`)
  }
  if (value.includes !== undefined && value.includes !== null && !Array.isArray(value.includes))
    issues.push('`includes` must be a list of file paths')
  return { format: 'threagile', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `threagile_version` key', issues }
}

/** Threagile 1.x YAML models, with their `includes`. */
export const threagileImporter: Importer<'threagile'> = {
  name: 'threagile',
  formats: { threagile: 'Threagile' },
  detect: probeThreagile,
  convert: (main, _format, options) => convertThreagile(main, options),
  globs: [
    '**/threagile.yaml',
    '**/threagile.yml',
    '**/*.threagile.yaml',
    '**/*.threagile.yml',
    '**/threagile-*.yaml',
    '**/threagile-*.yml'
  ],
  cannotExpress: [
    'mitigation owners and types (a risk category carries one piece of advice)',
    'the date of the last review',
    'a model id (the file path is the model id)'
  ],
  skipRules: () => ({
    'mitigation-without-owner': 'mitigation owners',
    'high-threat-without-detective-control': 'mitigation type',
    'model-review-stale': 'the date of the last review'
  })
}
