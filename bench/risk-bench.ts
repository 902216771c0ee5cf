import { loadavg } from 'node:os'
import { generateModel, changeModel } from './generate.js'
import { medianMs, peakRssMb, round } from './measure.js'
import { assessRisk, simulationState } from '../src/core/risk/assess.js'
import { compareRisk } from '../src/core/risk/compare.js'
import { effectsInView } from '../src/core/risk/assess.js'
import { pertFamily } from '../src/core/risk/distributions.js'
import { effectsByThreat, resolveEngineSettings, resolveThreat } from '../src/core/risk/resolve.js'
import { simulateThreat, TablePool } from '../src/core/risk/simulate.js'

const THREATS = 1000
const ITERATIONS = 10000
/** The target: 1,000 threats × 10,000 iterations in ≤ 1 s on one core. */
const TARGET_PER_SECOND = 10_000_000

function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage()
  work()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Risk engine figures on the generated 1,000-threat model (issue 3 "Numbers"). */
export async function benchRisk(): Promise<Record<string, number | boolean>> {
  await Promise.resolve()
  const tableBuildMs = cpuMs(() => pertFamily(4))
  const base = generateModel(THREATS)
  const head = changeModel(base)
  base.risk = { iterations: ITERATIONS }
  head.risk = { iterations: ITERATIONS }

  // The kernel alone: every priced threat of the residual view, one buffer reused.
  const settings = resolveEngineSettings(base.risk)
  const effects = effectsByThreat(base.mitigations ?? [])
  const resolved = (base.threats ?? []).map((t) => resolveThreat(t, effects.get(t.id) ?? [], settings))
  const out = new Float64Array(ITERATIONS)
  const pool = new TablePool()
  const kernel = (): void => {
    for (const t of resolved)
      if (t.money) simulateThreat(t.id, t.money, effectsInView(t.effects, 'residual', false), settings.seed, out, pool)
  }
  const priced = resolved.filter((t) => t.money).length
  const kernelMs = medianMs(kernel, 5, 1)
  const kernelCpuRuns = [cpuMs(kernel), cpuMs(kernel), cpuMs(kernel)].sort((a, b) => a - b)
  const kernelCpuMs = kernelCpuRuns[1]
  const threatIterationsPerSecond = (priced * ITERATIONS) / (kernelMs / 1000)
  // CPU time of this single-threaded process is the time "on one core", even when the machine is shared.
  const threatIterationsPerCpuSecond = (priced * ITERATIONS) / (kernelCpuMs / 1000)

  // A whole assessment: six views, statistics, model totals.
  let baseAssessment = assessRisk(base)
  const assessAllViewsMs = medianMs(() => (baseAssessment = assessRisk(base)), 3, 1)
  const assessAllViewsCpuMs = cpuMs(() => assessRisk(base))
  let incremental = assessRisk(head, { previous: baseAssessment })
  const headIncrementalMs = medianMs(() => (incremental = assessRisk(head, { previous: baseAssessment })), 3, 1)
  const headFullMs = medianMs(() => assessRisk(head), 3, 1)
  const full = assessRisk(head)
  const compareMs = medianMs(() => compareRisk(baseAssessment, incremental), 3, 1)
  const identical = JSON.stringify(full) === JSON.stringify(incremental)

  return {
    threats: THREATS,
    iterations: ITERATIONS,
    pricedThreats: priced,
    pertTableBuildCpuMs: round(tableBuildMs),
    residualKernelMs: round(kernelMs),
    residualKernelCpuMs: round(kernelCpuMs),
    threatIterationsPerSecond: Math.round(threatIterationsPerSecond),
    threatIterationsPerCpuSecond: Math.round(threatIterationsPerCpuSecond),
    throughputMet: threatIterationsPerCpuSecond >= TARGET_PER_SECOND,
    assessAllViewsMs: round(assessAllViewsMs),
    assessAllViewsCpuMs: round(assessAllViewsCpuMs),
    headFullMs: round(headFullMs),
    headIncrementalMs: round(headIncrementalMs),
    headIncrementalSimulatedThreats: simulationState(incremental)?.simulated ?? -1,
    incrementalEqualsFull: identical,
    compareMs: round(compareMs),
    peakRssMb: round(peakRssMb()),
    loadAverage1m: round(loadavg()[0])
  }
}

if (process.argv[1]?.endsWith('risk-bench.js') || process.argv[1]?.endsWith('risk-bench.ts')) {
  void benchRisk().then((figures) => process.stdout.write(JSON.stringify(figures, null, 2) + '\n'))
}
