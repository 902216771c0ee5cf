import type { Component, Mitigation, ModelDocument, Threat } from '../model/schema.js'
import {
  compact,
  Conversion,
  isRecord,
  listOf,
  modelIdFromPath,
  shortText,
  text,
  threatCategory,
  type SourceFile,
  type SourceRef
} from './conversion.js'
import type { Converted, FormatProbe, Importer } from './importer.js'
import { titleFromText } from './titles.js'

type Raw = Record<string, unknown>

interface Cell {
  raw: Raw
  at: SourceRef
  /** Where the cell's properties live: `data` in v2, the cell itself in v1. */
  props: Raw
  kind: 'actor' | 'process' | 'store' | 'flow' | 'boundary-box' | 'boundary-curve' | 'other'
}

interface Box {
  id: string
  x: number
  y: number
  width: number
  height: number
}

/** Threat Dragon's severity (a label without likelihood and impact) as the native severity-only rating. */
const SEVERITY: Record<string, NonNullable<NonNullable<Threat['risk']>['bugbar']>> = {
  critical: 'critical',
  high: 'important',
  medium: 'moderate',
  low: 'low'
}

/** What the source's threat status says about the mitigation written on the threat. */
const MITIGATION_STATUS_OF: Partial<Record<NonNullable<Threat['status']>, Mitigation['status']>> = {
  mitigated: 'implemented',
  'not-applicable': 'rejected'
}

const THREAT_STATUS: Record<string, Threat['status']> = {
  open: 'open',
  mitigated: 'mitigated',
  notapplicable: 'not-applicable',
  na: 'not-applicable',
  'n/a': 'not-applicable'
}

/** Converts an OWASP Threat Dragon v1 or v2 JSON model into the native model. */
export function convertThreatDragon(main: SourceFile, format: 'threat-dragon-v1' | 'threat-dragon-v2'): Converted {
  const c = new Conversion(format, main)
  const root = main.value as Raw
  const summary = isRecord(root.summary) ? root.summary : {}
  const detail = isRecord(root.detail) ? root.detail : {}
  const title = text(summary.title) ?? 'Untitled Threat Dragon model'
  const model: ModelDocument['model'] = compact({
    id: modelIdFromPath(main.file),
    title: shortText(title)!,
    owner: shortText(text(summary.owner)),
    description: text(summary.description)
  })
  c.cannotExpress(
    'mitigation type and status (Threat Dragon keeps a mitigation as free text on the threat; a Mitigated threat makes it implemented)'
  )
  c.cannotExpress('threat likelihood and impact (Threat Dragon rates a threat with one severity, kept as `risk.bugbar`)')

  const cells: Cell[] = []
  // Each diagram is read in the layout it has (v2 `cells`, v1 `diagramJson.cells`), whatever the
  // file's version says: hand-edited hybrids are named by detection and read, not refused.
  listOf(detail.diagrams).forEach((diagram, d) => {
    if (!isRecord(diagram))
      return c.warn(c.at('detail', 'diagrams', d), 'import/threat-dragon-malformed', 'expected a diagram mapping; it is left out')
    const v2 = Array.isArray(diagram.cells) || (!isRecord(diagram.diagramJson) && format === 'threat-dragon-v2')
    const list = v2 ? diagram.cells : isRecord(diagram.diagramJson) ? diagram.diagramJson.cells : undefined
    const base = v2 ? ['detail', 'diagrams', d, 'cells'] : ['detail', 'diagrams', d, 'diagramJson', 'cells']
    if (list !== undefined && list !== null && !Array.isArray(list))
      return c.warn(c.at(...base), 'import/threat-dragon-malformed', 'diagram cells must be a list; the diagram is left out')
    listOf(list).forEach((raw, i) => {
      const at = c.at(...base, i)
      if (!isRecord(raw)) return c.warn(at, 'import/threat-dragon-malformed', 'expected a cell mapping; it is left out')
      const props = isRecord(raw.data) ? raw.data : raw
      cells.push({ raw, at, props, kind: cellKind(raw, props) })
    })
  })

  const idOf = new Map<string, string>()
  const cellId = (cell: Cell): string | undefined => {
    const raw = text(cell.raw.id)
    if (raw === undefined) {
      c.warn(cell.at, 'import/threat-dragon-missing-id', `this ${cell.kind} cell has no \`id\`, so nothing can refer to it; it is left out`)
      return undefined
    }
    if (idOf.has(raw)) {
      c.warn({ ...cell.at, path: [...cell.at.path, 'id'] }, 'import/duplicate-id', `duplicate cell id \`${raw}\`; the first cell is kept`)
      return undefined
    }
    const id = c.ids.claim(raw, cell.kind)
    idOf.set(raw, id)
    return id
  }

  // Boundary boxes become zones; a node belongs to the smallest box that contains its centre.
  const boxes: Box[] = []
  for (const cell of cells.filter((x) => x.kind === 'boundary-box')) {
    const id = cellId(cell)
    if (id === undefined) continue
    const geometry = geometryOf(cell.raw)
    if (!geometry) {
      c.warn(
        cell.at,
        'import/threat-dragon-geometry',
        `trust boundary box \`${id}\` has no position and size, so no element can be placed inside it`,
        id
      )
    } else boxes.push({ id, ...geometry })
    c.zones.push(compact({ id, title: shortText(nameOf(cell)), description: text(cell.props.description), trust: 50 }))
    c.origin(id, cell.at)
  }
  const containing = (x: number, y: number, except?: string): Box | undefined =>
    boxes
      .filter((b) => b.id !== except && x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height)
      .sort((a, b) => a.width * a.height - b.width * b.height)[0]
  for (const box of boxes) {
    const parent = boxes
      .filter(
        (b) =>
          b.id !== box.id &&
          b.width * b.height > box.width * box.height &&
          box.x >= b.x &&
          box.y >= b.y &&
          box.x + box.width <= b.x + b.width &&
          box.y + box.height <= b.y + b.height
      )
      .sort((a, b) => a.width * a.height - b.width * b.height)[0]
    if (parent) c.zones.find((z) => z.id === box.id)!.parent = parent.id
  }
  if (boxes.length > 0) {
    const depth = (id: string): number => {
      let n = 0
      for (let z = c.zones.find((x) => x.id === id); z?.parent !== undefined && n < 32; z = c.zones.find((x) => x.id === z.parent)) n++
      return n
    }
    for (const zone of c.zones) zone.trust = Math.min(100, 50 + 10 * depth(zone.id))
    c.cannotExpress('zone trust levels (Threat Dragon boundaries carry no rating: boundary boxes get trust 50, plus 10 per nesting level)')
  }
  if (cells.some((x) => x.kind === 'boundary-curve'))
    c.cannotExpress('trust boundary curves (they are lines, not areas, so they give no zone membership)')

  const typeOf: Record<'actor' | 'process' | 'store', Component['type']> = { actor: 'external', process: 'service', store: 'datastore' }
  for (const cell of cells) {
    if (cell.kind !== 'actor' && cell.kind !== 'process' && cell.kind !== 'store') continue
    const id = cellId(cell)
    if (id === undefined) continue
    const p = cell.props
    const flags: [string, string][] = [
      ['outOfScope', 'out-of-scope'],
      ['isWebApplication', 'web-application'],
      ['handlesCardPayment', 'handles-card-payment'],
      ['handlesGoodsOrServices', 'handles-goods-or-services'],
      ['isALog', 'log-store'],
      ['storesCredentials', 'stores-credentials'],
      ['storesInventory', 'stores-inventory'],
      ['isEncrypted', 'encrypted-at-rest'],
      ['isSigned', 'signed'],
      ['providesAuthentication', 'provides-authentication']
    ]
    const tags = flags.filter(([key]) => p[key] === true).map(([, tag]) => tag)
    const geometry = geometryOf(cell.raw)
    const zone = geometry ? containing(geometry.x + geometry.width / 2, geometry.y + geometry.height / 2) : undefined
    c.components.push(
      compact({
        id,
        title: shortText(nameOf(cell)),
        description: text(p.description),
        type: typeOf[cell.kind],
        zone: zone?.id,
        tags: tags.length > 0 ? tags : undefined
      })
    )
    c.origin(id, cell.at)
  }
  if (cells.some((x) => x.kind === 'actor'))
    c.cannotExpress('whether a Threat Dragon actor is a person or a system (actors are imported as `external` components)')

  for (const cell of cells) {
    if (cell.kind !== 'flow') continue
    const id = cellId(cell)
    if (id === undefined) continue
    // A flow not connected at an end (Threat Dragon saves such flows) keeps its threats: the
    // missing end becomes an external stub named after the flow.
    const ends = (['source', 'target'] as const).map((end) => {
      const ref = isRecord(cell.raw[end]) ? cell.raw[end] : {}
      const raw = text(ref.cell) ?? text(ref.id)
      const at: SourceRef = { ...cell.at, path: [...cell.at.path, end] }
      const known = raw === undefined ? undefined : idOf.get(raw)
      if (known !== undefined && c.components.some((k) => k.id === known)) return known
      const label = nameOf(cell) ?? id
      const why =
        raw === undefined
          ? `is not connected at its ${end} in the diagram`
          : `has ${end} \`${raw}\`, which is not an actor, process or store`
      c.dangling(at, `data flow \`${label}\` ${why}; the ${end} is kept as an external stub`, id)
      return c.stub(`${id}/${end === 'source' ? 'unconnected-source' : 'unconnected-target'}`, at, `the ${end} of data flow \`${label}\``)
    })
    const p = cell.props
    const tags = p.isPublicNetwork === true ? ['public-network'] : undefined
    c.dataflows.push(
      compact({
        id,
        title: shortText(nameOf(cell)),
        description: text(p.description),
        from: ends[0],
        to: ends[1],
        protocol: shortText(text(p.protocol)),
        encrypted: typeof p.isEncrypted === 'boolean' ? p.isEncrypted : undefined,
        bidirectional: typeof p.isBidirectional === 'boolean' ? p.isBidirectional : undefined,
        tags
      })
    )
    c.origin(id, cell.at)
  }

  // Threats: the app writes `data.threats`, the schema documents `threats`; both are read. A threat
  // keeps its own id (`id`, v2's `threatId`); one without (v1) is named by its cell and its place
  // in the list, never by its text, so correcting a typo is not a new threat.
  for (const cell of cells) {
    const target = idOf.get(text(cell.raw.id) ?? '')
    const lists: [unknown, SourceRef][] = [
      [isRecord(cell.raw.data) ? cell.raw.data.threats : undefined, { ...cell.at, path: [...cell.at.path, 'data', 'threats'] }],
      [cell.raw.threats, { ...cell.at, path: [...cell.at.path, 'threats'] }]
    ]
    const seen = new Set<string>()
    let position = 0
    for (const [list, base] of lists) {
      listOf(list).forEach((raw, i) => {
        const at: SourceRef = { ...base, path: [...base.path, i] }
        if (!isRecord(raw)) return c.warn(at, 'import/threat-dragon-malformed', 'expected a threat mapping; it is left out')
        position++
        const own = text(raw.id) ?? text(raw.threatId)
        const foreign = own ?? `${text(cell.raw.id) ?? 'cell'}/threat-${position}`
        if (seen.has(foreign)) return
        seen.add(foreign)
        if (target === undefined)
          return c.warn(at, 'import/threat-dragon-malformed', 'this threat belongs to a cell that could not be imported; it is left out')
        const id = c.ids.claim(foreign, 'threat')
        const status = text(raw.status)
        const mapped = status === undefined ? undefined : THREAT_STATUS[status.toLowerCase().replace(/[\s_-]+/g, '')]
        if (status !== undefined && mapped === undefined)
          c.warn(
            { ...at, path: [...at.path, 'status'] },
            'import/threat-dragon-bad-status',
            `threat status ${JSON.stringify(status)} is not Open, Mitigated or NotApplicable; the status is left unset`,
            id
          )
        const severity = text(raw.severity)
        const bugbar = severity === undefined ? undefined : SEVERITY[severity.toLowerCase()]
        if (severity !== undefined && bugbar === undefined)
          c.warn(
            { ...at, path: [...at.path, 'severity'] },
            'import/threat-dragon-bad-severity',
            `threat severity ${JSON.stringify(severity)} is not Critical, High, Medium or Low; the threat is left unrated`,
            id
          )
        const titleText = text(raw.title)
        const threat: Threat = compact({
          id,
          title: shortText(titleText ?? `Threat on ${nameOf(cell) ?? target}`)!,
          description: text(raw.description),
          category: threatCategory(raw.type),
          targets: [target],
          risk: bugbar === undefined ? undefined : { bugbar },
          status: mapped,
          tags: text(raw.modelType) ? [`model-type:${text(raw.modelType)}`] : undefined
        })
        const mitigationText = text(raw.mitigation)
        if (mitigationText !== undefined) {
          const mitigationId = c.ids.claim(`${id}-mitigation`, 'mitigation')
          const mitigationStatus = mapped === undefined ? undefined : MITIGATION_STATUS_OF[mapped]
          c.mitigations.push(
            compact({ id: mitigationId, title: titleFromText(mitigationText), description: mitigationText, status: mitigationStatus })
          )
          c.origin(mitigationId, { ...at, path: [...at.path, 'mitigation'] })
          threat.mitigations = [mitigationId]
        }
        c.threats.push(threat)
        c.origin(id, at)
      })
    }
  }
  return { conversion: c, model }
}

function cellKind(raw: Raw, props: Raw): Cell['kind'] {
  const shape = text(raw.shape)?.toLowerCase()
  const type = (text(props.type) ?? text(raw.type))?.toLowerCase()
  if (shape === 'trust-boundary-box' || type === 'tm.boundarybox') return 'boundary-box'
  if (shape === 'trust-boundary-curve' || type === 'tm.boundary') return 'boundary-curve'
  if (shape === 'actor' || type === 'tm.actor') return 'actor'
  if (shape === 'process' || type === 'tm.process') return 'process'
  if (shape === 'store' || type === 'tm.store') return 'store'
  if (shape === 'flow' || type === 'tm.flow') return 'flow'
  return 'other'
}

function nameOf(cell: Cell): string | undefined {
  const attrs = isRecord(cell.raw.attrs) ? cell.raw.attrs : {}
  const label = listOf(cell.raw.labels)
    .map((l) =>
      isRecord(l) && isRecord(l.attrs) && isRecord(l.attrs.text)
        ? text(l.attrs.text.text)
        : isRecord(l) && isRecord(l.attrs) && isRecord(l.attrs.label)
          ? text(l.attrs.label.text)
          : undefined
    )
    .find((x) => x !== undefined)
  const attrText = isRecord(attrs.text) ? text(attrs.text.text) : isRecord(attrs.label) ? text(attrs.label.text) : undefined
  const name = text(cell.props.name) ?? attrText ?? label
  return name?.replace(/\s+/g, ' ')
}

function geometryOf(raw: Raw): { x: number; y: number; width: number; height: number } | undefined {
  const position = isRecord(raw.position) ? raw.position : undefined
  const size = isRecord(raw.size) ? raw.size : undefined
  const numbers = [position?.x, position?.y, size?.width, size?.height]
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined
  const [x, y, width, height] = numbers as number[]
  return { x, y, width, height }
}

function probeThreatDragon(value: Record<string, unknown>): FormatProbe<'threat-dragon-v1' | 'threat-dragon-v2'> {
  const none: FormatProbe<'threat-dragon-v2'> = { format: 'threat-dragon-v2', score: 0, reason: '', issues: [] }
  if (!isRecord(value.summary) && !isRecord(value.detail)) return none
  const detail = isRecord(value.detail) ? value.detail : undefined
  const diagrams = detail ? listOf(detail.diagrams) : []
  const v1Diagrams = diagrams.filter((d) => isRecord(d) && isRecord(d.diagramJson)).length
  const v2Diagrams = diagrams.filter((d) => isRecord(d) && Array.isArray(d.cells)).length
  const cells = diagrams.flatMap((d) =>
    isRecord(d) ? [...listOf(d.cells), ...(isRecord(d.diagramJson) ? listOf(d.diagramJson.cells) : [])] : []
  )
  const v1Cells = cells.filter(
    (cell) => isRecord(cell) && typeof cell.type === 'string' && /^tm\./.test(cell.type) && !isRecord(cell.data)
  ).length
  const v2Cells = cells.filter((cell) => isRecord(cell) && isRecord(cell.data) && typeof cell.shape === 'string').length
  const version = typeof value.version === 'string' ? value.version.trim() : undefined
  const issues: string[] = []
  const warnings: string[] = []
  if (!isRecord(value.summary)) issues.push('the `summary` mapping (with `title`) is missing')
  if (!detail) issues.push('the `detail` mapping (with `diagrams`) is missing')
  else if (detail.diagrams !== undefined && !Array.isArray(detail.diagrams)) issues.push('`detail.diagrams` is not a list')
  const v2 = version?.startsWith('2.') === true || (version === undefined && (v2Diagrams > 0 || v2Cells > 0) && v1Diagrams === 0)
  const mixed = (v1Diagrams > 0 && v2Diagrams > 0) || (v1Cells > 0 && v2Cells > 0)
  if (mixed)
    warnings.push(
      'it is a hand-edited hybrid that mixes the Threat Dragon v1 layout (`diagramJson.cells`, properties on the cell) and the v2 layout (`cells`, properties under `data`); each diagram and cell is read in its own layout'
    )
  if (v2) {
    if (!mixed && v1Diagrams > 0)
      warnings.push(
        `\`version\` is ${JSON.stringify(version ?? '')} (v2) but the diagrams use the v1 layout \`diagramJson.cells\`; they are read in that layout`
      )
    if (version === undefined)
      warnings.push('the `version` key is missing (Threat Dragon v2 files carry e.g. `"version": "2.2.0"`); it is read as v2 by its layout')
    const score = issues.length === 0 ? 1 : isRecord(value.summary) || detail ? 0.7 : 0.4
    return {
      format: 'threat-dragon-v2',
      score,
      reason:
        version?.startsWith('2.') === true
          ? `has \`summary\`, \`detail.diagrams\` and version ${version}`
          : 'has `summary` and `detail.diagrams[].cells` (Threat Dragon v2)',
      issues,
      warnings
    }
  }
  if (version !== undefined && !/^1(\.\d+){0,2}$/.test(version))
    issues.push(`\`version\` is ${JSON.stringify(version)}; this release reads Threat Dragon 1.x and 2.x models`)
  if (!mixed && (v2Diagrams > 0 || v2Cells > 0))
    warnings.push(
      'the diagrams use the v2 layout (`cells`, properties under `data`) but the model is not marked as version 2.x; they are read in that layout'
    )
  const score = isRecord(value.summary) && detail ? (issues.length === 0 ? 1 : 0.7) : 0.4
  return { format: 'threat-dragon-v1', score, reason: 'has `summary` and `detail.diagrams` (Threat Dragon v1)', issues, warnings }
}

const SKIP_ALWAYS = {
  'component-without-owner': 'component owners',
  'mitigation-without-owner': 'mitigation owners',
  'mitigation-without-verification': 'mitigation verification',
  'high-threat-without-detective-control': 'mitigation type',
  'model-review-stale': 'the date of the last review',
  'accepted-threat-without-approver': 'accepted threats',
  'accepted-threat-without-reason': 'accepted threats'
}

/** OWASP Threat Dragon v1 and v2 JSON models. */
export const threatDragonImporter: Importer<'threat-dragon-v1' | 'threat-dragon-v2'> = {
  name: 'threat-dragon',
  formats: { 'threat-dragon-v1': 'OWASP Threat Dragon v1', 'threat-dragon-v2': 'OWASP Threat Dragon v2' },
  detect: probeThreatDragon,
  convert: (main, format) => convertThreatDragon(main, format),
  globs: ['**/ThreatDragonModels/**/*.json', '**/*.threat-dragon.json', '**/*threat-dragon*.json'],
  cannotExpress: [
    'owners of components and mitigations',
    'mitigation type and verification',
    'threat likelihood and impact (one severity label per threat)',
    'assets and data classification',
    'the date of the last review'
  ],
  // v1 boundaries are lines (no zone membership); v2 boundary boxes give zones.
  skipRules: (format) =>
    format === 'threat-dragon-v1'
      ? { ...SKIP_ALWAYS, 'component-without-zone': 'zones (v1 trust boundaries are lines, not areas)' }
      : SKIP_ALWAYS
}
