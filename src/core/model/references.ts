import type { DocumentPath } from '../problems.js'
import { suggestClosest } from '../problems.js'
import { ELEMENT_SECTIONS, type ElementKind } from './schema.js'

/** A broken reference or duplicate id found in a (possibly schema-invalid) document. */
export interface ReferenceProblem {
  path: DocumentPath
  code: string
  message: string
  elementId?: string
}

type Raw = Record<string, unknown>

const ZONE: readonly ElementKind[] = ['zone']
const COMPONENT: readonly ElementKind[] = ['component']
const ASSET: readonly ElementKind[] = ['asset']
const ACTOR: readonly ElementKind[] = ['actor']
const THREAT: readonly ElementKind[] = ['threat']
const MITIGATION: readonly ElementKind[] = ['mitigation']
const TARGET: readonly ElementKind[] = ['component', 'dataflow', 'asset', 'zone']

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === 'string' ? value.id : undefined
}

/**
 * Checks ids and cross-references on the raw document, so reference errors are reported
 * together with schema errors even when the document is not schema-valid.
 */
export function checkModelReferences(doc: Raw, locate?: (path: DocumentPath) => { line: number }): ReferenceProblem[] {
  const problems: ReferenceProblem[] = []
  const kindById = new Map<string, { kind: ElementKind; section: string; index: number }>()
  for (const [section, kind] of ELEMENT_SECTIONS) {
    const list = listOf(doc[section])
    for (let index = 0; index < list.length; index++) {
      const id = idOf(list[index])
      if (id === undefined) continue
      const first = kindById.get(id)
      if (first) {
        const firstPath: DocumentPath = [first.section, first.index]
        problems.push({
          path: [section, index, 'id'],
          code: 'reference/duplicate-id',
          message: `duplicate id \`${id}\`: already used by the ${first.kind} at ${describePath(firstPath)}${locate ? ` (line ${locate(firstPath).line})` : ''}; ids must be unique within a model`,
          elementId: id
        })
        continue
      }
      kindById.set(id, { kind, section, index })
    }
  }
  /** Ids of the elements of the given kinds, kind by kind in document order (for suggestions). */
  const idsOfKinds = (kinds: readonly ElementKind[]): string[] =>
    kinds.flatMap((kind) => [...kindById].filter(([, element]) => element.kind === kind).map(([id]) => id))

  // Most references resolve: the path, owner and message of one are built only when it does not.
  const resolves = (value: unknown, allowed: readonly ElementKind[]): boolean => {
    if (typeof value !== 'string') return true
    const found = kindById.get(value)
    return found !== undefined && allowed.includes(found.kind)
  }
  const report = (
    value: unknown,
    path: DocumentPath,
    allowed: readonly ElementKind[],
    owner: { kind: string; id: string | undefined },
    field: string
  ): void => {
    if (typeof value !== 'string') return
    const found = kindById.get(value)
    const candidates = idsOfKinds(allowed)
    const suggestion = suggestClosest(value, candidates)
    const expected = `${article(allowed[0])} ${allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`}`
    const where = `${field}${owner.id ? ` of ${owner.kind} ${owner.id}` : ''}`
    const what = found
      ? `\`${value}\` is ${article(found.kind)} ${found.kind}, but ${where} must name ${expected}`
      : allowed.length === 1
        ? `unknown ${allowed[0]} \`${value}\` in ${where}`
        : `unknown element \`${value}\` in ${where} (expected the id of ${expected})`
    problems.push({
      path,
      code: `reference/unknown-${allowed.length === 1 ? allowed[0] : 'target'}`,
      message: `${what}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      elementId: owner.id
    })
  }
  /** Checks `element[field]` (an id, or a list of ids when `list`) of `section[index]`. */
  const check = (
    element: Raw,
    section: string,
    index: number,
    field: string,
    allowed: readonly ElementKind[],
    kind: string,
    list = false
  ): void => {
    const value = element[field]
    if (!list) {
      if (!resolves(value, allowed)) report(value, [section, index, field], allowed, { kind, id: idOf(element) }, `\`${field}\``)
      return
    }
    if (!Array.isArray(value)) return
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (!resolves(item, allowed)) report(item, [section, index, field, i], allowed, { kind, id: idOf(element) }, `\`${field}\``)
    }
  }

  const zones = listOf(doc.zones)
  for (let i = 0; i < zones.length; i++) {
    const zone = zones[i]
    if (isRecord(zone)) check(zone, 'zones', i, 'parent', ZONE, 'zone')
  }
  problems.push(...zoneCycles(doc))
  const components = listOf(doc.components)
  for (let i = 0; i < components.length; i++) {
    const component = components[i]
    if (!isRecord(component)) continue
    check(component, 'components', i, 'zone', ZONE, 'component')
    check(component, 'components', i, 'parent', COMPONENT, 'component')
    check(component, 'components', i, 'assets', ASSET, 'component', true)
  }
  const dataflows = listOf(doc.dataflows)
  for (let i = 0; i < dataflows.length; i++) {
    const flow = dataflows[i]
    if (!isRecord(flow)) continue
    check(flow, 'dataflows', i, 'from', COMPONENT, 'dataflow')
    check(flow, 'dataflows', i, 'to', COMPONENT, 'dataflow')
    check(flow, 'dataflows', i, 'assets', ASSET, 'dataflow', true)
  }
  const threats = listOf(doc.threats)
  for (let i = 0; i < threats.length; i++) {
    const threat = threats[i]
    if (!isRecord(threat)) continue
    check(threat, 'threats', i, 'targets', TARGET, 'threat', true)
    check(threat, 'threats', i, 'source', ACTOR, 'threat')
    check(threat, 'threats', i, 'mitigations', MITIGATION, 'threat', true)
    const risk = threat.risk
    if (isRecord(risk)) {
      for (const factor of ['likelihood', 'impact'] as const) {
        if (threat[factor] !== undefined && risk[factor] !== undefined && threat[factor] !== risk[factor]) {
          const id = idOf(threat)
          problems.push({
            path: ['threats', i, 'risk', factor],
            code: 'reference/conflicting-rating',
            message: `threat ${id ?? ''} states ${factor} twice with different values (\`${showValue(threat[factor])}\` and \`${showValue(risk[factor])}\` under \`risk\`); keep one`,
            elementId: id
          })
        }
      }
    }
  }
  // Threats by id (the last of a duplicated id), for the links effects must match.
  const threatById = new Map<string, Raw>()
  for (const threat of threats) {
    const id = idOf(threat)
    if (id) threatById.set(id, threat as Raw)
  }
  const mitigations = listOf(doc.mitigations)
  for (let i = 0; i < mitigations.length; i++) {
    const mitigation = mitigations[i]
    if (!isRecord(mitigation) || !Array.isArray(mitigation.effects)) continue
    const ownerId = idOf(mitigation)
    const effects: unknown[] = mitigation.effects
    for (let j = 0; j < effects.length; j++) {
      const effect = effects[j]
      if (!isRecord(effect) || typeof effect.threat !== 'string') continue
      const found = kindById.get(effect.threat)
      if (!found || found.kind !== 'threat') {
        report(effect.threat, ['mitigations', i, 'effects', j, 'threat'], THREAT, { kind: 'mitigation', id: ownerId }, '`effects`')
        continue
      }
      const threat = threatById.get(effect.threat)
      if (ownerId && threat && !listOf(threat.mitigations).includes(ownerId)) {
        problems.push({
          path: ['mitigations', i, 'effects', j, 'threat'],
          code: 'reference/effect-on-unlinked-threat',
          message: `mitigation ${ownerId} states an effect on threat ${effect.threat}, but that threat does not list ${ownerId} in its \`mitigations\``,
          elementId: ownerId
        })
      }
    }
  }
  const incidents = listOf(doc.incidents)
  for (let i = 0; i < incidents.length; i++) {
    const incident = incidents[i]
    if (isRecord(incident)) check(incident, 'incidents', i, 'threats', THREAT, 'incident', true)
  }
  const modelId = isRecord(doc.model) && typeof doc.model.id === 'string' ? doc.model.id : undefined
  listOf(doc.suppressions).forEach((suppression, i) => {
    if (!isRecord(suppression) || typeof suppression.target !== 'string') return
    const targets = suppression.target.split('+')
    for (const target of targets) {
      if (target === modelId || kindById.has(target)) continue
      const suggestion = suggestClosest(target, [...kindById.keys(), ...(modelId ? [modelId] : [])])
      problems.push({
        path: ['suppressions', i, 'target'],
        code: 'reference/unknown-suppression-target',
        message: `suppression of rule ${String(suppression.rule)} names unknown target \`${target}\`; expected the model id or an element id${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
      })
    }
  })
  return problems
}

function zoneCycles(doc: Raw): ReferenceProblem[] {
  const parents = new Map<string, { parent: string; index: number }>()
  listOf(doc.zones).forEach((zone, index) => {
    const id = idOf(zone)
    if (id !== undefined && isRecord(zone) && typeof zone.parent === 'string') parents.set(id, { parent: zone.parent, index })
  })
  const problems: ReferenceProblem[] = []
  const reported = new Set<string>()
  for (const start of parents.keys()) {
    const seen: string[] = []
    let current: string | undefined = start
    while (current !== undefined && !seen.includes(current)) {
      seen.push(current)
      current = parents.get(current)?.parent
    }
    if (current === start && !reported.has(start)) {
      seen.forEach((id) => reported.add(id))
      problems.push({
        path: ['zones', parents.get(start)!.index, 'parent'],
        code: 'reference/zone-cycle',
        message: `zone ${start} is its own ancestor (${[...seen, start].join(' → ')}); zone parents must form a tree`,
        elementId: start
      })
    }
  }
  return problems
}

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}

function describePath(path: DocumentPath): string {
  return `${String(path[0])}[${String(path[1])}]`
}
