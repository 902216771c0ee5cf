import type { ElementSection } from '../model/schema.js'
import type { DiffSection } from './types.js'
import { compareNatural, FieldDiffer, leafSimilarity, type RenameMap, type ValueSpec } from './values.js'

/** An element whose id changed counts as renamed when its other fields are at least this alike. */
export const RENAME_THRESHOLD = 0.8

/**
 * Above this many (removed × added) pairs in one section, only elements whose content is the same
 * apart from ids and references are scored, which keeps a mass renumbering linear instead of quadratic.
 */
export const ALL_PAIRS_LIMIT = 250_000

/** Elements detected as renamed: base id → head id, and how alike each pair is. */
export interface Renames {
  map: RenameMap
  similarity: ReadonlyMap<string, number>
}

type Element = { id: string } & Record<string, unknown>
type Sections = ReadonlyMap<ElementSection, ReadonlyMap<string, Element>>

/**
 * Pairs elements that left the base with elements that arrived in the head, per section, when
 * their fields (id aside) are alike. Threats and mitigations refer to each other, so the first pass
 * is lenient: a reference to an id that may itself have been renamed counts neither way. The second
 * pass decides strictly, with every reference read through the renames the first pass found, so two
 * flows between unrelated new components are not mistaken for a rename.
 */
export function detectRenames(base: Sections, head: Sections, specs: Record<DiffSection, ValueSpec>): Renames {
  // Only a section that both lost and gained ids can hold a rename; most changes edit in place.
  const candidates = [...base].some(([section, elements]) => {
    const arrived = head.get(section)
    return arrived !== undefined && someIdMissing(elements, arrived) && someIdMissing(arrived, elements)
  })
  if (!candidates) return { map: new Map(), similarity: new Map() }
  const contentKeys = new Map<object, string>()
  const lenient = pairAll(base, head, specs, new Map(), true, contentKeys)
  return pairAll(base, head, specs, lenient.map, false, contentKeys)
}

function someIdMissing(from: ReadonlyMap<string, Element>, other: ReadonlyMap<string, Element>): boolean {
  for (const id of from.keys()) if (!other.has(id)) return true
  return false
}

function pairAll(
  base: Sections,
  head: Sections,
  specs: Record<DiffSection, ValueSpec>,
  known: RenameMap,
  lenient: boolean,
  contentKeys: Map<object, string>
): Renames {
  // Pairs found in earlier sections of this pass already resolve references in later ones.
  const map = new Map<string, string>(known)
  const similarity = new Map<string, number>()
  const baseIds = new Set<string>()
  const headIds = new Set<string>()
  for (const elements of base.values()) for (const id of elements.keys()) baseIds.add(id)
  for (const elements of head.values()) for (const id of elements.keys()) headIds.add(id)
  const pairedHeadIds = new Set(map.values())
  // Ids that left the base or arrived in the head and are not paired yet: possibly renamed.
  const unresolvedBase = new Set(lenient ? [...baseIds].filter((id) => !headIds.has(id) && !map.has(id)) : [])
  const unresolvedHead = new Set(lenient ? [...headIds].filter((id) => !baseIds.has(id) && !pairedHeadIds.has(id)) : [])
  const found = new Map<string, string>()
  for (const [section, baseElements] of base) {
    const headElements = head.get(section)
    if (!headElements) continue
    const gone = [...baseElements.keys()].filter((id) => !headElements.has(id))
    const arrived = [...headElements.keys()].filter((id) => !baseElements.has(id))
    if (gone.length === 0 || arrived.length === 0) continue
    const differ = new FieldDiffer(specs[section], map, section)
    const goneLeaves = gone.map((id) => differ.leaves(baseElements.get(id)!, 'base', unresolvedBase))
    const arrivedLeaves = arrived.map((id) => differ.leaves(headElements.get(id)!, 'head', unresolvedHead))
    // Content keys do not depend on renames, so both passes share them.
    const keyOf = (element: Element): string => {
      let key = contentKeys.get(element)
      if (key === undefined) contentKeys.set(element, (key = differ.contentKey(element)))
      return key
    }
    const goneKey = (i: number) => keyOf(baseElements.get(gone[i])!)
    const arrivedKey = (i: number) => keyOf(headElements.get(arrived[i])!)
    const candidates: { gone: number; arrived: number; score: number }[] = []
    for (const [g, a] of candidatePairs(gone.length, arrived.length, goneKey, arrivedKey)) {
      const small = Math.min(goneLeaves[g].size, arrivedLeaves[a].size)
      const large = Math.max(goneLeaves[g].size, arrivedLeaves[a].size)
      // The score cannot exceed shared leaves over all leaves, so very different sizes never pair.
      if (large === 0 || small / large < RENAME_THRESHOLD) continue
      const score = leafSimilarity(goneLeaves[g], arrivedLeaves[a])
      if (score >= RENAME_THRESHOLD) candidates.push({ gone: g, arrived: a, score })
    }
    // Best pairs first; ties broken by ids so the pairing never depends on document order.
    candidates.sort(
      (x, y) => y.score - x.score || compareNatural(gone[x.gone], gone[y.gone]) || compareNatural(arrived[x.arrived], arrived[y.arrived])
    )
    const taken = new Set<number>()
    const used = new Set<number>()
    for (const candidate of candidates) {
      if (taken.has(candidate.gone) || used.has(candidate.arrived)) continue
      taken.add(candidate.gone)
      used.add(candidate.arrived)
      found.set(gone[candidate.gone], arrived[candidate.arrived])
      similarity.set(gone[candidate.gone], candidate.score)
    }
    for (const [from, to] of found) {
      map.set(from, to)
      unresolvedBase.delete(from)
      unresolvedHead.delete(to)
    }
  }
  return { map: found, similarity }
}

/** The (removed, added) index pairs to score: all of them, or above the limit those with equal content keys. */
function* candidatePairs(
  gone: number,
  arrived: number,
  goneKey: (i: number) => string,
  arrivedKey: (i: number) => string
): Generator<[number, number]> {
  if (gone * arrived <= ALL_PAIRS_LIMIT) {
    for (let g = 0; g < gone; g++) for (let a = 0; a < arrived; a++) yield [g, a]
    return
  }
  const byKey = new Map<string, number[]>()
  for (let a = 0; a < arrived; a++) {
    const key = arrivedKey(a)
    const list = byKey.get(key)
    if (list) list.push(a)
    else byKey.set(key, [a])
  }
  for (let g = 0; g < gone; g++) for (const a of byKey.get(goneKey(g)) ?? []) yield [g, a]
}
