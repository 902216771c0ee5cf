import { diffModels } from '../src/core/diff/diff-models.js'
import { loadModel } from '../src/core/model/load.js'
import { BENCH_SIZES } from './generate.js'
import { readBenchModel } from './fixtures.js'
import { medianMs, round } from './measure.js'

/** Issue 3: semantic diff of the 5,000-threat base/head pair (about 5 % of elements changed) against loading both models. */
export function benchDiff(): Record<string, number | string | boolean> {
  const baseText = readBenchModel('large', 'base')
  const headText = readBenchModel('large', 'head')
  const loadBoth = () => {
    const base = loadModel({ path: 'bench-base.threatmodel.yaml', content: baseText })
    const head = loadModel({ path: 'bench-head.threatmodel.yaml', content: headText })
    return [base, head] as const
  }
  const [base, head] = loadBoth()
  if (!base.model || !head.model)
    throw new Error(
      `generated models are invalid: ${[...base.problems, ...head.problems]
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`
    )
  const baseModel = base.model
  const headModel = head.model
  const diff = diffModels(baseModel, headModel)
  const loadBothMs = medianMs(loadBoth)
  const diffMs = medianMs(() => diffModels(baseModel, headModel))
  const ratio = diffMs / loadBothMs
  // Worst case for rename detection: every threat renumbered (5,000 removed × 5,000 added candidates).
  const renumbered = loadModel({ path: 'bench-renumbered.threatmodel.yaml', content: baseText.replace(/\bT-(\d+)\b/g, 'TH-$1') })
  if (!renumbered.model) throw new Error('renumbered model is invalid')
  const renumberedModel = renumbered.model
  const renumberedDiff = diffModels(baseModel, renumberedModel)
  const renumberedMs = medianMs(() => diffModels(baseModel, renumberedModel), 3, 1)
  const { added, removed, changed, renamed } = diff.summary.total
  return {
    threats: BENCH_SIZES.large,
    changedElements: added + removed + changed + renamed,
    derivedChanges: diff.derived.length,
    loadBothMs: round(loadBothMs),
    diffMs: round(diffMs),
    ratio: round(ratio, 3),
    target: '≤ 0.5× loading both models',
    ratioMet: ratio <= 0.5,
    renumberedRenames: renumberedDiff.summary.total.renamed,
    renumberedDiffMs: round(renumberedMs)
  }
}
