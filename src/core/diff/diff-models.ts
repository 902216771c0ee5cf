import type { LoadedModel } from '../model/load.js'
import { buildModelIndex, type ModelIndex } from '../model/model-index.js'
import { ELEMENT_SECTIONS, type ElementSection, type ModelDocument, type Suppression } from '../model/schema.js'
import { deriveChanges, type ElementMatch, type SectionMatches } from './derived.js'
import { detectRenames, type Renames } from './renames.js'
import {
  DERIVED_CHANGE_KINDS,
  DIFF_SECTIONS,
  SECTION_KINDS,
  type ChangeCounts,
  type DerivedChange,
  type DiffSection,
  type DiffSummary,
  type ElementChange,
  type ModelDiff
} from './types.js'
import { compareNatural, FieldDiffer, isAbsent, jsonEqual, toJson, type RenameMap, type ValueSpec } from './values.js'

/** One side of a diff: the document, its index and, when it came from a file, the file. */
interface Side {
  document: ModelDocument
  index: ModelIndex
  file?: string
}

type Element = { id: string } & Record<string, unknown>

const none: ReadonlySet<string> = new Set()
const spec = (refs: string[], ordered: string[] = []): ValueSpec => ({
  refs: new Set(refs),
  ordered: ordered.length ? new Set(ordered) : none
})

/** Which fields of each section hold element ids, and which scalar lists are ordered. */
export const SECTION_SPECS: Record<DiffSection, ValueSpec> = {
  model: spec([]),
  zones: spec(['parent']),
  assets: spec([]),
  components: spec(['zone', 'parent', 'assets[]']),
  dataflows: spec(['from', 'to', 'assets[]']),
  actors: spec([]),
  threats: spec(['targets[]', 'source', 'mitigations[]']),
  mitigations: spec(['effects[].threat']),
  assumptions: spec([]),
  incidents: spec(['threats[]']),
  suppressions: spec(['target']),
  risk: spec([], ['severity.scale'])
}

const SECTION_ORDER = new Map<DiffSection, number>(DIFF_SECTIONS.map((section, i) => [section, i]))

/** Semantic diff of two versions of a model; either side may be absent (a model added or removed). */
export function diffModels(base: LoadedModel | ModelDocument | undefined, head: LoadedModel | ModelDocument | undefined): ModelDiff {
  const before = toSide(base)
  const after = toSide(head)
  const files: Pick<ModelDiff, 'baseFile' | 'headFile'> = {}
  if (before?.file !== undefined) files.baseFile = before.file
  if (after?.file !== undefined) files.headFile = after.file
  if (!before && !after) return finish({ kind: 'model-unchanged', modelId: '', ...files }, [], [])
  if (!before || !after) {
    const side = (before ?? after) as Side
    const change = before ? 'removed' : 'added'
    return finish(
      { kind: before ? 'model-removed' : 'model-added', modelId: side.document.model.id, ...files },
      wholeModel(side.document, change),
      []
    )
  }

  const baseElements = elementMaps(before.document)
  const headElements = elementMaps(after.document)
  const detected = detectRenames(baseElements, headElements, SECTION_SPECS)
  const renames = detected.map
  const changes: ElementChange[] = []
  const matches: SectionMatches = {}

  const modelFields = new FieldDiffer(SECTION_SPECS.model, renames, 'model').diff(before.document.model, after.document.model)
  if (modelFields.length > 0)
    changes.push({ section: 'model', kind: 'model', change: 'changed', id: after.document.model.id, fields: modelFields })

  for (const [section] of ELEMENT_SECTIONS) {
    const sectionMatches = diffSection(section, baseElements.get(section)!, headElements.get(section)!, detected, changes)
    matches[section] = sectionMatches
  }
  // A suppression may target the model itself, so its key follows a changed model id too.
  const targets = new Map(renames)
  if (before.document.model.id !== after.document.model.id) targets.set(before.document.model.id, after.document.model.id)
  diffSuppressions(before.document, after.document, targets, changes)
  diffRiskSettings(before.document, after.document, renames, changes)

  const derived = deriveChanges(before.index, after.index, matches)
  const header: Pick<ModelDiff, 'kind' | 'modelId' | 'previousModelId'> = { kind: 'model-changed', modelId: after.document.model.id }
  if (before.document.model.id !== after.document.model.id) header.previousModelId = before.document.model.id
  return finish({ ...header, ...files }, changes, derived)
}

function toSide(value: LoadedModel | ModelDocument | undefined): Side | undefined {
  if (value === undefined) return undefined
  if ('index' in value && 'document' in value) return { document: value.document, index: value.index, file: value.file }
  return { document: value, index: buildModelIndex(value) }
}

/** Elements of every element section by id (the first of duplicates wins, as in the index). */
function elementMaps(document: ModelDocument): Map<ElementSection, Map<string, Element>> {
  const out = new Map<ElementSection, Map<string, Element>>()
  for (const [section] of ELEMENT_SECTIONS) {
    const map = new Map<string, Element>()
    for (const element of (document[section] ?? []) as Element[]) if (!map.has(element.id)) map.set(element.id, element)
    out.set(section, map)
  }
  return out
}

function diffSection(
  section: ElementSection,
  base: Map<string, Element>,
  head: Map<string, Element>,
  detected: Renames,
  changes: ElementChange[]
): ElementMatch[] {
  const renames = detected.map
  const kind = SECTION_KINDS[section]
  const renamedFrom = new Map<string, string>()
  for (const [baseId, headId] of renames) if (base.has(baseId) && head.has(headId)) renamedFrom.set(headId, baseId)
  const matches: ElementMatch[] = []
  for (const [id, element] of head) {
    const baseId = base.has(id) ? id : renamedFrom.get(id)
    if (baseId === undefined) {
      changes.push({ section, kind, change: 'added', id, fields: [], after: toJson(element) })
      continue
    }
    matches.push({ baseId, headId: id })
    const previous = base.get(baseId)!
    // Unchanged elements are the vast majority: skip field-level work when they are structurally equal.
    if (baseId === id && jsonEqual(previous, element)) continue
    const fields = new FieldDiffer(SECTION_SPECS[section], renames, `${section}/${id}`).diff({ ...previous, id }, element)
    if (baseId !== id) {
      changes.push({
        section,
        kind,
        change: 'renamed',
        id,
        previousId: baseId,
        similarity: Math.round((detected.similarity.get(baseId) ?? 1) * 1000) / 1000,
        fields
      })
    } else if (fields.length > 0) {
      changes.push({ section, kind, change: 'changed', id, fields })
    }
  }
  for (const [id, element] of base) {
    if (!head.has(id) && !renames.has(id)) changes.push({ section, kind, change: 'removed', id, fields: [], before: toJson(element) })
  }
  return matches
}

/** Suppressions are keyed by `rule@target`; a target that was renamed keeps its key. */
function diffSuppressions(base: ModelDocument, head: ModelDocument, renames: RenameMap, changes: ElementChange[]): void {
  const before = keyedSuppressions(base, renames)
  const after = keyedSuppressions(head, undefined)
  const kind = SECTION_KINDS.suppressions
  for (const [key, { value }] of after) {
    const previous = before.get(key)
    if (!previous) {
      changes.push({ section: 'suppressions', kind, change: 'added', id: key, fields: [], after: toJson(value) })
      continue
    }
    const fields = new FieldDiffer(SECTION_SPECS.suppressions, renames, `suppressions/${key}`).diff(previous.value, value)
    if (fields.length > 0) changes.push({ section: 'suppressions', kind, change: 'changed', id: key, fields })
  }
  for (const [key, { value, label }] of before) {
    if (!after.has(key)) changes.push({ section: 'suppressions', kind, change: 'removed', id: label, fields: [], before: toJson(value) })
  }
}

/**
 * Suppressions by `rule@target` (duplicates get `#2`, …). On the base side the key reads the target
 * through the rename map, while `label` keeps the base's own spelling for reporting a removal.
 */
function keyedSuppressions(document: ModelDocument, renames: RenameMap | undefined): Map<string, { value: Suppression; label: string }> {
  const out = new Map<string, { value: Suppression; label: string }>()
  for (const suppression of document.suppressions ?? []) {
    const target = renames?.get(suppression.target) ?? suppression.target
    const key = uniqueKey(out, `${suppression.rule}@${target}`)
    const label = key.replace(`@${target}`, `@${suppression.target}`)
    out.set(key, { value: suppression, label })
  }
  return out
}

function uniqueKey(taken: { has(key: string): boolean }, key: string): string {
  let unique = key
  for (let n = 2; taken.has(unique); n++) unique = `${key}#${n}`
  return unique
}

function diffRiskSettings(base: ModelDocument, head: ModelDocument, renames: RenameMap, changes: ElementChange[]): void {
  const before = base.risk
  const after = head.risk
  const common = { section: 'risk', kind: SECTION_KINDS.risk, id: 'risk' } as const
  if (isAbsent(before) && isAbsent(after)) return
  if (isAbsent(before)) changes.push({ ...common, change: 'added', fields: [], after: toJson(after) })
  else if (isAbsent(after)) changes.push({ ...common, change: 'removed', fields: [], before: toJson(before) })
  else {
    const fields = new FieldDiffer(SECTION_SPECS.risk, renames, 'risk').diff(before, after)
    if (fields.length > 0) changes.push({ ...common, change: 'changed', fields })
  }
}

/** Every part of a model as added (or removed), for a model that exists on one side only. */
function wholeModel(document: ModelDocument, change: 'added' | 'removed'): ElementChange[] {
  const value = (v: unknown): Pick<ElementChange, 'before' | 'after'> => (change === 'added' ? { after: toJson(v) } : { before: toJson(v) })
  const changes: ElementChange[] = [
    { section: 'model', kind: 'model', change, id: document.model.id, fields: [], ...value(document.model) }
  ]
  for (const [section, elements] of elementMaps(document)) {
    for (const element of elements.values()) {
      changes.push({ section, kind: SECTION_KINDS[section], change, id: element.id, fields: [], ...value(element) })
    }
  }
  for (const [key, { value: suppression }] of keyedSuppressions(document, undefined)) {
    changes.push({ section: 'suppressions', kind: SECTION_KINDS.suppressions, change, id: key, fields: [], ...value(suppression) })
  }
  if (!isAbsent(document.risk))
    changes.push({ section: 'risk', kind: SECTION_KINDS.risk, change, id: 'risk', fields: [], ...value(document.risk) })
  return changes
}

function compareBySectionThenId(a: { section: DiffSection; id: string }, b: { section: DiffSection; id: string }): number {
  return SECTION_ORDER.get(a.section)! - SECTION_ORDER.get(b.section)! || compareNatural(a.id, b.id)
}

const DERIVED_ORDER = new Map(DERIVED_CHANGE_KINDS.map((kind, i) => [kind, i]))

function finish(
  header: Omit<ModelDiff, 'isEmpty' | 'changes' | 'derived' | 'summary'>,
  changes: ElementChange[],
  derived: DerivedChange[]
): ModelDiff {
  changes.sort(compareBySectionThenId)
  derived.sort(
    (a, b) =>
      SECTION_ORDER.get(a.section)! - SECTION_ORDER.get(b.section)! ||
      compareNatural(a.elementId, b.elementId) ||
      DERIVED_ORDER.get(a.kind)! - DERIVED_ORDER.get(b.kind)!
  )
  const isEmpty = header.kind !== 'model-added' && header.kind !== 'model-removed' && changes.length === 0 && derived.length === 0
  const kind = header.kind === 'model-changed' && isEmpty ? 'model-unchanged' : header.kind
  return { ...header, kind, isEmpty, changes, derived, summary: summarise(changes, derived) }
}

function summarise(changes: readonly ElementChange[], derived: readonly DerivedChange[]): DiffSummary {
  const zero = (): ChangeCounts => ({ added: 0, removed: 0, changed: 0, renamed: 0 })
  const total = zero()
  const bySection: DiffSummary['bySection'] = {}
  for (const change of changes) {
    total[change.change]++
    const counts = (bySection[change.section] ??= zero())
    counts[change.change]++
  }
  const counts: DiffSummary['derived'] = {}
  for (const kind of DERIVED_CHANGE_KINDS) {
    const n = derived.filter((d) => d.kind === kind).length
    if (n > 0) counts[kind] = n
  }
  return { total, bySection: orderSections(bySection), derived: counts }
}

function orderSections(bySection: DiffSummary['bySection']): DiffSummary['bySection'] {
  const out: DiffSummary['bySection'] = {}
  for (const section of DIFF_SECTIONS) if (bySection[section]) out[section] = bySection[section]
  return out
}
