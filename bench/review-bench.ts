import { DEFAULT_GATE_SETTINGS } from '../src/core/report/gate.js'
import { renderReviewMarkdown } from '../src/core/render/review-markdown.js'
import { renderReviewText } from '../src/core/render/review-text.js'
import { reviewChange } from '../src/core/review/review.js'
import { canonicalJson } from '../src/core/encoding/canonical-json.js'
import { loadRuleSet } from '../src/core/rules/rule-set.js'
import { readBenchModel } from './fixtures.js'
import type { BenchSize } from './generate.js'
import { peakRssMb, round } from './measure.js'

/** One whole review of a bench pair: all rules, 10,000 iterations, every output rendered. */
function reviewOnce(size: BenchSize): number {
  const start = process.hrtime.bigint()
  const { ruleSet } = loadRuleSet({})
  const review = reviewChange(
    { files: [{ path: 'bench.threatmodel.yaml', content: readBenchModel(size, 'base') }] },
    { files: [{ path: 'bench.threatmodel.yaml', content: readBenchModel(size, 'head') }] },
    { platform: 'local', event: 'pull_request', base: { label: 'base' }, head: { label: 'head' }, today: '2026-11-27' },
    {
      toolVersion: 'bench',
      ruleSet,
      gate: DEFAULT_GATE_SETTINGS,
      risk: { iterations: 10000 },
      node: 20,
      issues: { mode: 'preview', label: 'threatloop', extraLabels: [], assignOwners: true, existing: [] }
    }
  )
  renderReviewMarkdown(review, { audience: 'comment' })
  renderReviewMarkdown(review, { audience: 'summary' })
  renderReviewText(review)
  canonicalJson(review)
  return Number(process.hrtime.bigint() - start) / 1e6
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Issue 5: whole review of the 1,000-threat pair (≤ 2 s median, ≤ 400 MB), and the 5,000 pair (≤ 6× that). */
export function benchReview(): Record<string, number | string | boolean> {
  // The first review in a process also compiles the engine and builds the PERT tables: reported on
  // its own (a one-shot CLI run sees it), then the median of three like every other figure here.
  const firstMs = reviewOnce('medium')
  const mediumRuns = [reviewOnce('medium'), reviewOnce('medium'), reviewOnce('medium')]
  const mediumPeak = peakRssMb()
  const largeMs = reviewOnce('large')
  const mediumMs = median(mediumRuns)
  return {
    review1000FirstInProcessMs: round(firstMs),
    review1000RunsMs: mediumRuns.map((ms) => Math.round(ms)).join(' '),
    review1000MedianMs: round(mediumMs),
    review1000Met: mediumMs <= 2000,
    peakRssMbAfter1000: round(mediumPeak, 1),
    peakMet: mediumPeak <= 400,
    review5000Ms: round(largeMs),
    ratio5000To1000: round(largeMs / mediumMs),
    ratioMet: largeMs / mediumMs <= 6
  }
}
