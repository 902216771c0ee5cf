import type { Component, ModelDocument, Threat } from '../model/schema.js'
import { compact, Conversion, isRecord, listOf, shortText, text, threatCategory, type SourceFile, type SourceRef } from './conversion.js'
import { slugify, stableHash } from './ids.js'

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

const THREAT_STATUS: Record<string, Threat['status']> = {
  open: 'open',
  mitigated: 'mitigated',
  notapplicable: 'not-applicable',
  na: 'not-applicable',
  'n/a': 'not-applicable'
}

/** Converts an OWASP Threat Dragon v1 or v2 JSON model into the native model. */
export function convertThreatDragon(main: SourceFile, format: 'threat-dragon-v1' | 'threat-dragon-v2'): { conversion: Conversion; model: ModelDocument['model'] } {
  const c = new Conversion(format, main)
  const root = main.value as Raw
  const summary = isRecord(root.summary) ? root.summary : {}
  const detail = isRecord(root.detail) ? root.detail : {}
  const title = text(summary.title) ?? 'Untitled Threat Dragon model'
  const model: ModelDocument['model'] = compact({ id: slugify(title) || 'threat-dragon-model', title: shortText(title)!, owner: shortText(text(summary.owner)), description: text(summary.description) })
  c.cannotExpress('mitigation type and status (Threat Dragon keeps a mitigation as free text on the threat)')
  c.cannotExpress('threat severity and score (Threat Dragon rates threats High/Medium/Low without likelihood and impact)')

  const cells: Cell[] = []
  listOf(detail.diagrams).forEach((diagram, d) => {
    if (!isRecord(diagram)) return c.error(c.at('detail', 'diagrams', d), 'import/threat-dragon-malformed', 'expected a diagram mapping')
    const list = format === 'threat-dragon-v2' ? diagram.cells : isRecord(diagram.diagramJson) ? diagram.diagramJson.cells : undefined
    const base = format === 'threat-dragon-v2' ? ['detail', 'diagrams', d, 'cells'] : ['detail', 'diagrams', d, 'diagramJson', 'cells']
    if (list !== undefined && !Array.isArray(list)) return c.error(c.at(...base), 'import/threat-dragon-malformed', 'diagram cells must be a list')
    listOf(list).forEach((raw, i) => {
      const at = c.at(...base, i)
      if (!isRecord(raw)) return c.error(at, 'import/threat-dragon-malformed', 'expected a cell mapping')
      const props = format === 'threat-dragon-v2' && isRecord(raw.data) ? raw.data : raw
      cells.push({ raw, at, props, kind: cellKind(raw, props) })
    })
  })

  const idOf = new Map<string, string>()
  const cellId = (cell: Cell): string | undefined => {
    const raw = text(cell.raw.id)
    if (raw === undefined) {
      c.error(cell.at, 'import/threat-dragon-missing-id', `this ${cell.kind} cell has no \`id\``)
      return undefined
    }
    if (idOf.has(raw)) {
      c.error({ ...cell.at, path: [...cell.at.path, 'id'] }, 'import/duplicate-id', `duplicate cell id \`${raw}\``)
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
      c.warn(cell.at, 'import/threat-dragon-geometry', `trust boundary box \`${id}\` has no position and size, so no element can be placed inside it`, id)
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
      .filter((b) => b.id !== box.id && b.width * b.height > box.width * box.height && box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height)
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
  if (cells.some((x) => x.kind === 'boundary-curve')) c.cannotExpress('trust boundary curves (they are lines, not areas, so they give no zone membership)')

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
    c.components.push(compact({ id, title: shortText(nameOf(cell)), description: text(p.description), type: typeOf[cell.kind], zone: zone?.id, tags: tags.length > 0 ? tags : undefined }))
    c.origin(id, cell.at)
  }
  if (cells.some((x) => x.kind === 'actor')) c.cannotExpress('whether a Threat Dragon actor is a person or a system (actors are imported as `external` components)')

  for (const cell of cells) {
    if (cell.kind !== 'flow') continue
    const id = cellId(cell)
    if (id === undefined) continue
    const ends = (['source', 'target'] as const).map((end) => {
      const ref = isRecord(cell.raw[end]) ? (cell.raw[end]) : {}
      const raw = text(format === 'threat-dragon-v2' ? ref.cell : ref.id) ?? text(ref.cell) ?? text(ref.id)
      return { end, raw, id: raw === undefined ? undefined : idOf.get(raw) }
    })
    const dangling = ends.filter((e) => e.id === undefined || !c.components.some((k) => k.id === e.id))
    if (dangling.length > 0) {
      for (const e of dangling) {
        c.error({ ...cell.at, path: [...cell.at.path, e.end] }, 'import/threat-dragon-dangling-flow', e.raw === undefined ? `data flow \`${nameOf(cell) ?? id}\` has no ${e.end} element (it is not connected in the diagram)` : `data flow \`${nameOf(cell) ?? id}\` ${e.end} \`${e.raw}\` is not an actor, process or store`, id)
      }
      continue
    }
    const p = cell.props
    const tags = p.isPublicNetwork === true ? ['public-network'] : undefined
    c.dataflows.push(compact({ id, title: shortText(nameOf(cell)), description: text(p.description), from: ends[0].id!, to: ends[1].id!, protocol: shortText(text(p.protocol)), encrypted: typeof p.isEncrypted === 'boolean' ? p.isEncrypted : undefined, bidirectional: typeof p.isBidirectional === 'boolean' ? p.isBidirectional : undefined, tags }))
    c.origin(id, cell.at)
  }

  // Threats: the app writes `data.threats`, the schema documents `threats`; both are read.
  for (const cell of cells) {
    const target = idOf.get(text(cell.raw.id) ?? '')
    const lists: [unknown, SourceRef][] = [
      [isRecord(cell.raw.data) ? cell.raw.data.threats : undefined, { ...cell.at, path: [...cell.at.path, 'data', 'threats'] }],
      [cell.raw.threats, { ...cell.at, path: [...cell.at.path, 'threats'] }]
    ]
    const seen = new Set<string>()
    for (const [list, base] of lists) {
      listOf(list).forEach((raw, i) => {
        const at: SourceRef = { ...base, path: [...base.path, i] }
        if (!isRecord(raw)) return c.error(at, 'import/threat-dragon-malformed', 'expected a threat mapping')
        const titleText = text(raw.title)
        const foreign = text(raw.id) ?? text(raw.threatId) ?? `${text(cell.raw.id) ?? 'cell'}-threat-${typeof raw.number === 'number' ? raw.number : stableHash(`${titleText ?? ''}|${text(raw.description) ?? ''}`)}`
        if (seen.has(foreign)) return
        seen.add(foreign)
        if (target === undefined) return c.error(at, 'import/threat-dragon-malformed', 'this threat belongs to a cell that could not be imported')
        const id = c.ids.claim(foreign, 'threat')
        const status = text(raw.status)
        const mapped = status === undefined ? undefined : THREAT_STATUS[status.toLowerCase().replace(/[\s_-]+/g, '')]
        if (status !== undefined && mapped === undefined) c.warn({ ...at, path: [...at.path, 'status'] }, 'import/threat-dragon-bad-status', `threat status ${JSON.stringify(status)} is not Open, Mitigated or NotApplicable; the status is left unset`, id)
        const threat: Threat = compact({
          id,
          title: shortText(titleText ?? `Threat on ${nameOf(cell) ?? target}`)!,
          description: text(raw.description),
          category: threatCategory(raw.type),
          targets: [target],
          status: mapped,
          tags: text(raw.modelType) ? [`model-type:${text(raw.modelType)}`] : undefined
        })
        const mitigationText = text(raw.mitigation)
        if (mitigationText !== undefined) {
          const mitigationId = c.ids.claim(`${id}-mitigation`, 'mitigation')
          c.mitigations.push({ id: mitigationId, title: shortText(firstSentence(mitigationText), 200)!, description: mitigationText })
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
  const label = listOf(cell.raw.labels).map((l) => (isRecord(l) && isRecord(l.attrs) && isRecord(l.attrs.text) ? text(l.attrs.text.text) : isRecord(l) && isRecord(l.attrs) && isRecord(l.attrs.label) ? text(l.attrs.label.text) : undefined)).find((x) => x !== undefined)
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

function firstSentence(value: string): string {
  const line = value.split(/\r?\n/)[0]
  const stop = line.search(/[.!?](\s|$)/)
  return stop > 0 ? line.slice(0, stop + 1) : line
}
