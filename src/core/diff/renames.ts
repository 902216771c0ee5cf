import type { ElementSection } from '../model/schema.js'
import type { DiffSection } from './types.js'
import { compareNatural, FieldDiffer, leafSimilarity, type RenameMap, type ValueSpec } from './values.js'

/** An element whose id changed counts as renamed when its other fields are at least this alike. */
export const RENAME_THRESHOLD = 0.8

/** Elements detected as renamed: base id → head id, and how alike each pair is. */
export interface Renames {
  map: RenameMap
  similarity: ReadonlyMap<string, number>
}

type Sections = ReadonlyMap<ElementSection, ReadonlyMap<string, { id: string }>>

/**
 * Pairs elements that left the base with elements that arrived in the head, per section, when
 * their fields (id aside) are alike. References inside elements are read through the renames found
 * so far, so renaming a mitigation does not hide the rename of the threat that links to it; a second
 * pass settles pairs that depended on renames in later sections.
 */
export function detectRenames(base: Sections, head: Sections, specs: Record<DiffSection, ValueSpec>): Renames {
  let found = pairAll(base, head, specs, new Map())
  if (found.map.size > 0) found = pairAll(base, head, specs, found.map)
  return found
}

function pairAll(base: Sections, head: Sections, specs: Record<DiffSection, ValueSpec>, known: RenameMap): Renames {
  const map = new Map<string, string>()
  const similarity = new Map<string, number>()
  for (const [section, baseElements] of base) {
    const headElements = head.get(section)
    if (!headElements) continue
    const gone = [...baseElements.keys()].filter((id) => !headElements.has(id))
    const arrived = [...headElements.keys()].filter((id) => !baseElements.has(id))
    if (gone.length === 0 || arrived.length === 0) continue
    const differ = new FieldDiffer(specs[section], known, section)
    const goneLeaves = gone.map((id) => differ.leaves(withoutId(baseElements.get(id)!), true))
    const arrivedLeaves = arrived.map((id) => differ.leaves(withoutId(headElements.get(id)!), false))
    const candidates: { gone: number; arrived: number; score: number }[] = []
    for (let g = 0; g < gone.length; g++) {
      for (let a = 0; a < arrived.length; a++) {
        const small = Math.min(goneLeaves[g].size, arrivedLeaves[a].size)
        const large = Math.max(goneLeaves[g].size, arrivedLeaves[a].size)
        // The score cannot exceed shared leaves over all leaves, so very different sizes never pair.
        if (large === 0 || small / large < RENAME_THRESHOLD) continue
        const score = leafSimilarity(goneLeaves[g], arrivedLeaves[a])
        if (score >= RENAME_THRESHOLD) candidates.push({ gone: g, arrived: a, score })
      }
    }
    // Best pairs first; ties broken by ids so the pairing never depends on document order.
    candidates.sort((x, y) => y.score - x.score || compareNatural(gone[x.gone], gone[y.gone]) || compareNatural(arrived[x.arrived], arrived[y.arrived]))
    const taken = new Set<number>()
    const used = new Set<number>()
    for (const candidate of candidates) {
      if (taken.has(candidate.gone) || used.has(candidate.arrived)) continue
      taken.add(candidate.gone)
      used.add(candidate.arrived)
      map.set(gone[candidate.gone], arrived[candidate.arrived])
      similarity.set(gone[candidate.gone], candidate.score)
    }
  }
  return { map, similarity }
}

function withoutId(element: { id: string }): Record<string, unknown> {
  const { id: _id, ...rest } = element as { id: string } & Record<string, unknown>
  return rest
}
