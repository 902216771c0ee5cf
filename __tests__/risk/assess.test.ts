import { describe, expect, test } from '@jest/globals'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { buildModelIndex } from '../../src/core/model/model-index.js'
import { assessResidualRisk, assessRisk, simulationState, startRiskAssessment } from '../../src/core/risk/assess.js'
import { canonicalJson } from '../../src/core/encoding/canonical-json.js'
import { RISK_VIEWS } from '../../src/core/risk/types.js'
import { runSimulationBatch, type SimulationBatch, type SimulationRunner } from '../../src/core/risk/simulation-jobs.js'
import { riskModel } from './fixtures.js'

const byId = (a: ReturnType<typeof assessRisk>, id: string) => a.threats.find((t) => t.id === id)!

describe('assessRisk', () => {
  const model = riskModel()
  const a = assessRisk(model, { node: 20 })

  test('is stamped with engine, seed, iterations and node major', () => {
    expect([a.engine, a.seed, a.iterations, a.node]).toEqual(['risk-v1', 20240601, 4000, 20])
  })

  test('provenance per input layer', () => {
    expect(byId(a, 'T-042').provenance).toBe('quantitative')
    expect(byId(a, 'T-010').provenance).toBe('derived-from-qualitative')
    expect(byId(a, 'T-030').provenance).toBe('imported:cvss')
    expect(byId(a, 'T-030').moneyProvenance).toBeNull()
    expect(byId(a, 'T-030').imported).toMatchObject({ scheme: 'cvss', score: 9.8, severity: 'critical', severityOnly: true })
    expect(byId(a, 'T-031').provenance).toBe('imported:owasp')
    expect(byId(a, 'T-031').moneyProvenance).toBe('imported:owasp')
    expect(byId(a, 'T-032').imported).toMatchObject({ scheme: 'threagile', severity: 'high', label: 'elevated' })
    expect(byId(a, 'T-033').views.residual.severity).toBe('medium')
    expect(byId(a, 'T-034').views.residual.severity).toBe('medium')
    expect(byId(a, 'T-060').provenance).toBe('unrated')
    expect(a.counts).toEqual({ threats: 11, applicable: 10, priced: 6, unpriced: 3, unrated: 1, notApplicable: 1 })
  })

  test('qualitative threats take the matrix cell until an effect applies', () => {
    const t = byId(a, 'T-010')
    expect(t.views.inherent.severity).toBe('high')
    expect(t.views.residual.severity).toBe('high')
    // M-8 (planned, short, strong = 75 %) cuts the mean ALE by 4: two bands of √10 below... one band.
    expect(t.views['what-if:short'].aleMean).toBe(Math.round(t.views.residual.aleMean! * 0.25))
    expect(t.views['what-if:short'].severity).toBe('medium')
  })

  test('views: residual applies in-place mitigations, what-if adds planned ones by cumulative horizon', () => {
    const sqli = byId(a, 'T-042').views
    expect(sqli.residual.aleMean!).toBeLessThan(sqli.inherent.aleMean!)
    const replay = byId(a, 'T-020').views
    expect(replay['what-if:short'].aleMean).toBe(replay.residual.aleMean)
    expect(replay['what-if:mid'].aleMean!).toBeLessThan(replay.residual.aleMean!)
    expect(replay['what-if:long'].aleMean).toBe(replay['what-if:mid'].aleMean)
    const insider = byId(a, 'T-050').views
    expect(insider['what-if:mid'].aleMean).toBe(insider.residual.aleMean)
    expect(insider['what-if:long'].aleMean!).toBeLessThan(insider.residual.aleMean!)
    // Proposed mitigations (M-12) count only when the model opts in.
    const withProposed = assessRisk({ ...model, risk: { ...model.risk, what_if_includes_proposed: true } })
    expect(byId(withProposed, 'T-020').views['what-if'].aleMean!).toBeLessThan(replay['what-if'].aleMean!)
    expect(byId(withProposed, 'T-020').views['what-if:long'].aleMean).toBe(replay['what-if:long'].aleMean)
  })

  test('exact means: closed form for a hand-computable threat', () => {
    // T-010: lef = PERT(0.316, 0.949, 3.16) (level high), LM = PERT(30k, 100k, 1M) (medium), λ = 4.
    const k = Math.sqrt(10)
    const lef = (0.1 * k + 4 * 0.3 * k + 1 * k) / 6
    const lm = (30000 + 400000 + 1000000) / 6
    expect(byId(a, 'T-010').views.inherent.aleMean).toBe(Math.round(lef * lm))
    expect(byId(a, 'T-010').views.inherent.lefMean).toBeCloseTo(lef, 5)
    // T-042 residual: E[tef]·E[v]·(1 − E[r_M7])·(E[LM]·0.75 + E[slef]·E[SLM]·0.75), λ = 20 (medium).
    const pert = (min: number, mode: number, max: number, l: number) => (min + l * mode + max) / (l + 2)
    const sigma = (Math.log(3000000) - Math.log(50000)) / 3.2897
    const fines = Math.exp((Math.log(50000) + Math.log(3000000)) / 2 + (sigma * sigma) / 2)
    const expected =
      pert(2, 6, 24, 20) *
      pert(0.05, 0.15, 0.4, 20) *
      (1 - pert(0.4, 0.7, 0.9, 4)) *
      ((pert(5000, 20000, 150000, 20) + pert(0, 10000, 200000, 20)) * 0.75 +
        pert(0.1, 0.3, 0.6, 20) * (fines + pert(0, 100000, 2000000, 20)) * 0.75)
    expect(byId(a, 'T-042').views.residual.aleMean).toBe(Math.round(expected))
  })

  test('not-applicable threats are shown but never counted', () => {
    expect(byId(a, 'T-070').applicable).toBe(false)
    const counted = Object.values(a.views.residual.severityCounts).reduce((s, n) => s + n, 0)
    expect(counted).toBe(9)
  })

  test('model views: exceedance grid, return periods, monotone curve', () => {
    const v = a.views.residual
    expect(v.exceedance.map((p) => p.loss).slice(0, 6)).toEqual([1000, 2000, 5000, 10000, 20000, 50000])
    expect(v.exceedance).toHaveLength(21)
    for (let k = 1; k < v.exceedance.length; k++) expect(v.exceedance[k].probability).toBeLessThanOrEqual(v.exceedance[k - 1].probability)
    expect(v.returnPeriods['1-in-10']).toBe(v.p90)
    expect(v.p50).toBeLessThanOrEqual(v.p90)
    expect(v.p90).toBeLessThanOrEqual(v.p95)
    expect(v.p95).toBeLessThanOrEqual(v.p99)
    expect(v.warnings.some((w) => w.includes('P99'))).toBe(true)
    expect(v.pAnyLoss).toBeGreaterThan(0)
  })

  test('a ModelIndex gives the same result as its document', () => {
    expect(canonicalJson(assessRisk(buildModelIndex(model), { node: 20 }))).toBe(canonicalJson(a))
  })
})

describe('determinism', () => {
  test('same inputs → byte-identical canonical JSON', () => {
    const first = canonicalJson(assessRisk(riskModel(), { node: 20 }))
    const second = canonicalJson(assessRisk(riskModel(), { node: 20 }))
    expect(second).toBe(first)
  })

  test('threat order and unrelated threats do not change a threat’s numbers', () => {
    const model = riskModel()
    const reversed: ModelDocument = { ...model, threats: [...model.threats!].reverse() }
    expect(canonicalJson(assessRisk(reversed, { node: 20 }))).toBe(canonicalJson(assessRisk(model, { node: 20 })))
    const fewer: ModelDocument = { ...model, threats: model.threats!.filter((t) => t.id !== 'T-010') }
    const full = assessRisk(model)
    const partial = assessRisk(fewer)
    expect(canonicalJson(byId(partial, 'T-042'))).toBe(canonicalJson(byId(full, 'T-042')))
  })

  test('a different seed moves Monte Carlo figures, never exact means', () => {
    const model = riskModel()
    const a = assessRisk(model)
    const b = assessRisk({ ...model, risk: { ...model.risk, seed: 7 } })
    expect(b.views.residual.aleMean).toBe(a.views.residual.aleMean)
    expect(b.views.residual.p90).not.toBe(a.views.residual.p90)
  })
})

describe('Monte Carlo mean against the exact mean (statistical, fixed seeds)', () => {
  test.each([1, 2, 3, 20240601])('seed %p: every view within 5 SE', (seed) => {
    const model = riskModel(20000)
    const a = assessRisk({ ...model, risk: { ...model.risk, seed } })
    for (const view of RISK_VIEWS) {
      const v = a.views[view]
      expect(Math.abs(v.mcMean - v.aleMean)).toBeLessThanOrEqual(5 * v.mcStandardError + 1)
      expect(v.mcCheck).toBe('ok')
    }
  })
})

describe('incremental head', () => {
  const base = riskModel()
  const head: ModelDocument = structuredClone(base)
  head.threats!.find((t) => t.id === 'T-010')!.likelihood = 'very-high'
  head.mitigations!.find((m) => m.id === 'M-9')!.status = 'implemented'
  head.threats = head.threats!.filter((t) => t.id !== 'T-032')
  head.threats.push({ id: 'T-090', title: 'New SSRF', likelihood: 'high', impact: 'high' })
  head.threats.find((t) => t.id === 'T-033')!.title = 'Log injection (renamed title only)'

  test('re-simulates only changed threats and equals a full recompute bit for bit', () => {
    const baseAssessment = assessRisk(base, { node: 20 })
    const incremental = assessRisk(head, { node: 20, previous: baseAssessment })
    const full = assessRisk(head, { node: 20 })
    // T-010, T-020 (through M-9), T-090 are simulated; T-033 only changed its title.
    expect(simulationState(incremental)?.simulated).toBe(3)
    expect(simulationState(full)?.simulated).toBe(11)
    expect(canonicalJson(incremental)).toBe(canonicalJson(full))
    for (const view of RISK_VIEWS)
      expect(Array.from(simulationState(incremental)!.totals[view])).toEqual(Array.from(simulationState(full)!.totals[view]))
  })

  test('unchanged threats are bit-identical between base and head', () => {
    const b = assessRisk(base)
    const h = assessRisk(head)
    for (const id of ['T-042', 'T-030', 'T-031', 'T-050', 'T-034'])
      expect(canonicalJson(byId(h, id).views)).toBe(canonicalJson(byId(b, id).views))
    expect(byId(h, 'T-033').inputHash).toBe(byId(b, 'T-033').inputHash)
  })

  test('without per-threat percentiles: the same assessment minus P50, P90 and pLoss, incremental included', () => {
    const strip = (json: string): unknown =>
      JSON.parse(json, function (key, value: unknown) {
        return key === 'p50' || key === 'p90' || key === 'pLoss' ? (this === null ? value : undefined) : value
      })
    const withThem = assessRisk(head, { node: 20 })
    const baseWithout = assessRisk(base, { node: 20, threatPercentiles: false })
    const without = assessRisk(head, { node: 20, threatPercentiles: false, previous: baseWithout })
    expect(simulationState(without)?.simulated).toBe(3)
    for (const threat of without.threats) for (const view of RISK_VIEWS) expect(threat.views[view]).not.toHaveProperty('p90')
    // Model totals keep their percentiles; per threat only the three Monte Carlo figures go.
    expect(without.views.residual.p90).toBe(withThem.views.residual.p90)
    const stripThreats = (a: typeof withThem): unknown => ({ ...a, threats: a.threats.map((t) => strip(JSON.stringify(t))) })
    expect(canonicalJson(stripThreats(without))).toBe(canonicalJson(stripThreats(withThem)))
    // A previous assessment made the other way cannot be reused: the figures would be missing.
    expect(simulationState(assessRisk(head, { previous: baseWithout }))?.simulated).toBe(11)
  })

  test('a seed change forces a full recompute', () => {
    const baseAssessment = assessRisk(base)
    const reseeded = assessRisk({ ...head, risk: { ...head.risk, seed: 99 } }, { previous: baseAssessment })
    expect(simulationState(reseeded)?.simulated).toBe(11)
  })
})

describe('assessResidualRisk', () => {
  const model = riskModel()
  const full = assessRisk(model, { node: 20, threatPercentiles: false })
  const residual = assessResidualRisk(model, { node: 20, threatPercentiles: false })

  test('gives the same residual figures as the full assessment, and no other view', () => {
    expect(Object.keys(residual.views)).toEqual(['residual'])
    expect(residual.views.residual).toEqual({ aleMean: full.views.residual.aleMean, p90: full.views.residual.p90 })
    expect(residual.views.residual.p90).toBeGreaterThan(0)
    expect(residual.threats.map((t) => canonicalJson(t.views))).toEqual(
      full.threats.map((t) => canonicalJson({ residual: t.views.residual }))
    )
  })

  test('incremental on a residual assessment: only changed threats are simulated, same figures as from scratch', () => {
    const changed: ModelDocument = {
      ...model,
      mitigations: model.mitigations!.map((m) => (m.status === 'planned' ? { ...m, status: 'implemented' as const } : m))
    }
    const fromScratch = assessResidualRisk(changed, { threatPercentiles: false })
    const incremental = assessResidualRisk(changed, { threatPercentiles: false, previous: residual })
    expect(canonicalJson(incremental.views.residual)).toBe(canonicalJson(fromScratch.views.residual))
    expect(canonicalJson(incremental.threats)).toBe(canonicalJson(fromScratch.threats))
    expect(simulationState(incremental)?.simulated).toBeLessThan(model.threats!.length)
    // A full assessment is never taken for a residual one (their totals differ in kind).
    expect(simulationState(assessRisk(changed, { previous: residual as never }))?.simulated).toBe(model.threats!.length)
  })
})

describe('a simulation runner (the batch shared out)', () => {
  const model = riskModel()
  const reference = canonicalJson(assessRisk(model, { threatPercentiles: false }))
  const withRunner = (runner: SimulationRunner) => canonicalJson(assessRisk(model, { threatPercentiles: false, runner }))
  /** Runs the jobs in two halves in reverse order and adds the halves: another order of the same whole-number sums. */
  const reorderedSums = (batch: SimulationBatch): Float64Array[] => {
    const half = Math.floor(batch.jobs.length / 2)
    const a = runSimulationBatch({ ...batch, jobs: batch.jobs.slice(0, half).reverse() })
    const b = runSimulationBatch({ ...batch, jobs: batch.jobs.slice(half).reverse() })
    return a.map((sum, t) => sum.map((x, i) => x + b[t][i]))
  }
  const runner = (sums: (batch: SimulationBatch) => Float64Array[] | null): SimulationRunner => ({
    start: (batch) => ({ finish: () => sums(batch) })
  })

  test('its sums give the same assessment, bit for bit, and it is asked once per whole assessment', () => {
    const asked: number[] = []
    expect(withRunner(runner((batch) => (asked.push(batch.jobs.length), reorderedSums(batch))))).toBe(reference)
    // Counted threats only: not-applicable and unpriced ones need no simulation.
    expect(asked).toEqual([6])
  })

  test('declining, wrong-shaped or rounded sums are not used: the batch runs here', () => {
    expect(withRunner({ start: () => null })).toBe(reference)
    expect(withRunner(runner(() => null))).toBe(reference)
    expect(withRunner(runner((batch) => reorderedSums(batch).slice(1)))).toBe(reference)
    const rounded = runner((batch) => {
      const sums = reorderedSums(batch)
      sums[0][0] = 2 ** 53
      return sums
    })
    expect(withRunner(rounded)).toBe(reference)
  })

  test('incremental heads and per-threat percentiles do not ask it', () => {
    let asked = 0
    const counting = runner((batch) => (asked++, reorderedSums(batch)))
    const base = assessRisk(model, { threatPercentiles: false })
    assessRisk(model, { threatPercentiles: false, previous: base, runner: counting })
    assessRisk(model, { runner: counting })
    expect(asked).toBe(0)
  })

  test('started ahead of time: finished by the assessment of the same model object and settings only', () => {
    const starts: number[] = []
    const finishes: number[] = []
    const tracking: SimulationRunner = {
      start(batch) {
        starts.push(batch.jobs.length)
        return { finish: () => (finishes.push(batch.jobs.length), reorderedSums(batch)) }
      }
    }
    const options = { threatPercentiles: false, runner: tracking }
    const started = startRiskAssessment(model, options)!
    expect(starts).toEqual([6])
    expect(finishes).toEqual([])
    expect(canonicalJson(assessRisk(model, { ...options, started }))).toBe(reference)
    expect([starts, finishes]).toEqual([[6], [6]])
    // Another model object, or other settings: the started run is not used (a new one starts).
    expect(canonicalJson(assessRisk(riskModel(), { ...options, started }))).toBe(reference)
    const reseeded = assessRisk(model, { ...options, started, risk: { seed: 7 } })
    expect(reseeded.seed).toBe(7)
    expect(canonicalJson(reseeded)).toBe(canonicalJson(assessRisk(model, { threatPercentiles: false, risk: { seed: 7 } })))
    expect(starts).toEqual([6, 6, 6])
    // Nothing to start without a runner, with percentiles or with renamed streams.
    expect(startRiskAssessment(model, { threatPercentiles: false })).toBeUndefined()
    expect(startRiskAssessment(model, { runner: tracking })).toBeUndefined()
    expect(startRiskAssessment(model, { ...options, streamIds: { threats: new Map([['T-010', 'T-009']]) } })).toBeUndefined()
  })
})
