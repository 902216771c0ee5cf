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
  const kindById = new Map<string, { kind: ElementKind; path: DocumentPath }>()
  const idsByKind = new Map<ElementKind, Set<string>>()
  for (const [section, kind] of ELEMENT_SECTIONS) {
    const ids = new Set<string>()
    idsByKind.set(kind, ids)
    listOf(doc[section]).forEach((element, index) => {
      const id = idOf(element)
      if (id === undefined) return
      const first = kindById.get(id)
      if (first) {
        problems.push({
          path: [section, index, 'id'],
          code: 'reference/duplicate-id',
          message: `duplicate id \`${id}\`: already used by the ${first.kind} at ${describePath(first.path)}${locate ? ` (line ${locate(first.path).line})` : ''}; ids must be unique within a model`,
          elementId: id
        })
        return
      }
      kindById.set(id, { kind, path: [section, index] })
      ids.add(id)
    })
  }

  const check = (
    value: unknown,
    path: DocumentPath,
    allowed: readonly ElementKind[],
    owner: { kind: string; id: string | undefined },
    field: string
  ): void => {
    if (typeof value !== 'string') return
    const found = kindById.get(value)
    if (found && allowed.includes(found.kind)) return
    const candidates = allowed.flatMap((kind) => [...(idsByKind.get(kind) ?? [])])
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
  const checkList = (
    value: unknown,
    path: DocumentPath,
    allowed: readonly ElementKind[],
    owner: { kind: string; id: string | undefined },
    field: string
  ): void => {
    listOf(value).forEach((item, i) => check(item, [...path, i], allowed, owner, field))
  }

  listOf(doc.zones).forEach((zone, i) => {
    if (!isRecord(zone)) return
    const owner = { kind: 'zone', id: idOf(zone) }
    check(zone.parent, ['zones', i, 'parent'], ['zone'], owner, '`parent`')
  })
  problems.push(...zoneCycles(doc))
  listOf(doc.components).forEach((component, i) => {
    if (!isRecord(component)) return
    const owner = { kind: 'component', id: idOf(component) }
    check(component.zone, ['components', i, 'zone'], ['zone'], owner, '`zone`')
    check(component.parent, ['components', i, 'parent'], ['component'], owner, '`parent`')
    checkList(component.assets, ['components', i, 'assets'], ['asset'], owner, '`assets`')
  })
  listOf(doc.dataflows).forEach((flow, i) => {
    if (!isRecord(flow)) return
    const owner = { kind: 'dataflow', id: idOf(flow) }
    check(flow.from, ['dataflows', i, 'from'], ['component'], owner, '`from`')
    check(flow.to, ['dataflows', i, 'to'], ['component'], owner, '`to`')
    checkList(flow.assets, ['dataflows', i, 'assets'], ['asset'], owner, '`assets`')
  })
  const threatMitigations = new Map<string, Set<string>>()
  listOf(doc.threats).forEach((threat, i) => {
    if (!isRecord(threat)) return
    const owner = { kind: 'threat', id: idOf(threat) }
    checkList(threat.targets, ['threats', i, 'targets'], ['component', 'dataflow', 'asset', 'zone'], owner, '`targets`')
    check(threat.source, ['threats', i, 'source'], ['actor'], owner, '`source`')
    checkList(threat.mitigations, ['threats', i, 'mitigations'], ['mitigation'], owner, '`mitigations`')
    if (owner.id) threatMitigations.set(owner.id, new Set(listOf(threat.mitigations).filter((m): m is string => typeof m === 'string')))
    const risk = threat.risk
    if (isRecord(risk)) {
      for (const factor of ['likelihood', 'impact'] as const) {
        if (threat[factor] !== undefined && risk[factor] !== undefined && threat[factor] !== risk[factor]) {
          problems.push({
            path: ['threats', i, 'risk', factor],
            code: 'reference/conflicting-rating',
            message: `threat ${owner.id ?? ''} states ${factor} twice with different values (\`${showValue(threat[factor])}\` and \`${showValue(risk[factor])}\` under \`risk\`); keep one`,
            elementId: owner.id
          })
        }
      }
    }
  })
  listOf(doc.mitigations).forEach((mitigation, i) => {
    if (!isRecord(mitigation)) return
    const owner = { kind: 'mitigation', id: idOf(mitigation) }
    listOf(mitigation.effects).forEach((effect, j) => {
      if (!isRecord(effect) || typeof effect.threat !== 'string') return
      const path: DocumentPath = ['mitigations', i, 'effects', j, 'threat']
      const found = kindById.get(effect.threat)
      if (!found || found.kind !== 'threat') {
        check(effect.threat, path, ['threat'], owner, '`effects`')
        return
      }
      const linked = threatMitigations.get(effect.threat)
      if (owner.id && linked && !linked.has(owner.id)) {
        problems.push({
          path,
          code: 'reference/effect-on-unlinked-threat',
          message: `mitigation ${owner.id} states an effect on threat ${effect.threat}, but that threat does not list ${owner.id} in its \`mitigations\``,
          elementId: owner.id
        })
      }
    })
  })
  listOf(doc.incidents).forEach((incident, i) => {
    if (!isRecord(incident)) return
    checkList(incident.threats, ['incidents', i, 'threats'], ['threat'], { kind: 'incident', id: idOf(incident) }, '`threats`')
  })
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
