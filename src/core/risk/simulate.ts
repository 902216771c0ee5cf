// The Monte Carlo kernel and the closed-form means (docs/risk-engine.md §4). One threat in one view is
// simulated into an array of integer annual losses; every draw comes from the keyed uniform of
// (seed, threat, factor, iteration, slot), so a threat's array depends on its own inputs only.
import {
  compileSampler,
  distributionMean,
  distributionRange,
  drawMoments,
  normalQuantile,
  poissonInverse,
  QUANTILE_NODES,
  sample,
  sampleFromHash,
  type Distribution,
  type Sampler
} from './distributions.js'
import { ITERATION_SPREAD, mix32, SLOT_SPREAD, streamKey, uniform, unitFromHash } from './random.js'
import type { MoneyInputs, ResolvedEffect, TopFactor } from './types.js'

const FREQUENCY_FACTORS = new Set(['tef', 'vulnerability', 'lef'])
const PRIMARY_FACTORS = new Set(['primary', 'loss'])
const SECONDARY_FACTORS = new Set(['secondary', 'loss'])

interface KeyedSampler {
  key: number
  sampler: Sampler
}

/**
 * The work budget of one threat's simulation (docs/security.md): loss events drawn one by one,
 * summed over all iterations. A model states its own event rates (a LEF of 10^9 a year is valid
 * input), so the engine bounds the draws, not the rates: each iteration draws at most
 * `exactEventLimit(iterations)` events one by one, and the rest of that iteration's events enter
 * as the normal approximation of their compound sum (mean r·m, variance r·v for r more events of
 * mean m and variance v), drawn from the threat's own `sum` stream. Iterations with fewer events
 * than the limit, which is every iteration of any ordinary model, are exact and unchanged.
 */
export const WORK_BUDGET = {
  /** Loss events drawn one by one per threat and view, over all iterations. */
  eventsPerThreat: 1_000_000,
  /** Events drawn one by one in every iteration, however many iterations there are. */
  minimumEventsPerIteration: 8
} as const

/** Events drawn one by one in each iteration of a simulation with this many iterations. */
export function exactEventLimit(iterations: number): number {
  return Math.max(WORK_BUDGET.minimumEventsPerIteration, Math.floor(WORK_BUDGET.eventsPerThreat / Math.max(1, iterations)))
}

/** The compound sum of `count` more events of mean `mean` and variance `variance`, at uniform u. */
function approximateSum(count: number, mean: number, variance: number, u: number): number {
  const value = count * mean + Math.sqrt(count * variance) * normalQuantile(u)
  return value > 0 ? roundMoney(value) : 0
}

/** Reusable buffers for PERT tables, so simulating many threats allocates little. */
export class TablePool {
  private readonly tables: Float64Array[] = []
  private used = 0
  /** Hands out a table buffer; `reset` makes all of them available again. */
  take(): Float64Array {
    if (this.used === this.tables.length) this.tables.push(new Float64Array(QUANTILE_NODES + 1))
    return this.tables[this.used++]
  }
  reset(): void {
    this.used = 0
  }
}

/**
 * Simulates one threat's annual loss for `out.length` iterations with the given effects applied.
 * With `addTo`, the losses are also added to it (a running model total) as they are drawn.
 */
export function simulateThreat(
  threatId: string,
  money: MoneyInputs,
  effects: readonly ResolvedEffect[],
  seed: number,
  out: Float64Array,
  pool: TablePool = new TablePool(),
  addTo?: Float64Array
): void {
  pool.reset()
  const compile = (factor: string, d: Distribution): KeyedSampler => ({
    key: streamKey(seed, threatId, factor),
    sampler: compileSampler(d, d.kind === 'pert' ? pool.take() : undefined)
  })
  const direct = 'lef' in money.frequency
  const first = 'lef' in money.frequency ? compile('lef', money.frequency.lef) : compile('tef', money.frequency.tef)
  const second = 'lef' in money.frequency ? first : compile('vuln', money.frequency.vulnerability)
  const nKey = streamKey(seed, threatId, 'n')
  const primary = money.primary.map((f) => compile(`lm:${f.form}`, f.distribution))
  const secondary = money.secondary?.forms.map((f) => compile(`slm:${f.form}`, f.distribution)) ?? []
  const slef = money.secondary ? compile('slef', money.secondary.probability) : undefined

  // Constant reductions (qualitative strengths) fold into one factor; PERT ones draw per iteration.
  let frequencyConstant = 1
  let primaryConstant = 1
  let secondaryConstant = 1
  const frequencyRandom: KeyedSampler[] = []
  const primaryRandom: KeyedSampler[] = []
  const secondaryRandom: KeyedSampler[] = []
  const lossRandom: KeyedSampler[] = []
  for (const e of effects) {
    if (e.reduction.kind === 'constant') {
      const keep = 1 - e.reduction.value
      if (FREQUENCY_FACTORS.has(e.factor)) frequencyConstant *= keep
      if (PRIMARY_FACTORS.has(e.factor)) primaryConstant *= keep
      if (SECONDARY_FACTORS.has(e.factor)) secondaryConstant *= keep
      continue
    }
    const keyed = compile(`m:${e.mitigation}:${e.factor}`, e.reduction)
    if (FREQUENCY_FACTORS.has(e.factor)) frequencyRandom.push(keyed)
    else if (e.factor === 'primary') primaryRandom.push(keyed)
    else if (e.factor === 'secondary') secondaryRandom.push(keyed)
    else lossRandom.push(keyed)
  }

  const iterations = out.length
  const limit = exactEventLimit(iterations)
  const sumKey = streamKey(seed, threatId, 'sum')
  if (direct && primary.length === 1 && !slef && frequencyRandom.length === 0 && primaryRandom.length === 0 && lossRandom.length === 0) {
    simulateSimple(first, nKey, primary[0], frequencyConstant, primaryConstant, out, addTo, limit, sumKey)
    return
  }
  let moments: EventMoments | undefined
  for (let i = 0; i < iterations; i++) {
    let lef = direct
      ? sample(first.sampler, uniform(first.key, i, 0))
      : sample(first.sampler, uniform(first.key, i, 0)) * sample(second.sampler, uniform(second.key, i, 0))
    lef *= frequencyConstant
    for (let k = 0; k < frequencyRandom.length; k++) lef *= 1 - sample(frequencyRandom[k].sampler, uniform(frequencyRandom[k].key, i, 0))
    const n = poissonInverse(lef, uniform(nKey, i, 0))
    if (n === 0) {
      out[i] = 0
      continue
    }
    let lossKeep = 1
    for (let k = 0; k < lossRandom.length; k++) lossKeep *= 1 - sample(lossRandom[k].sampler, uniform(lossRandom[k].key, i, 0))
    let primaryKeep = primaryConstant * lossKeep
    for (let k = 0; k < primaryRandom.length; k++) primaryKeep *= 1 - sample(primaryRandom[k].sampler, uniform(primaryRandom[k].key, i, 0))
    let secondaryKeep = secondaryConstant * lossKeep
    let slefValue = 0
    if (slef) {
      for (let k = 0; k < secondaryRandom.length; k++)
        secondaryKeep *= 1 - sample(secondaryRandom[k].sampler, uniform(secondaryRandom[k].key, i, 0))
      slefValue = sample(slef.sampler, uniform(slef.key, i, 0))
    }
    let loss = 0
    const exact = Math.min(n, limit)
    for (let j = 0; j < exact; j++) {
      let primaryLoss = 0
      for (let k = 0; k < primary.length; k++) primaryLoss += sample(primary[k].sampler, uniform(primary[k].key, i, j))
      let eventLoss = primaryLoss * primaryKeep
      // Slot 0 of the slef stream draws the iteration's probability; slots 1.. decide each event.
      if (slef && uniform(slef.key, i, j + 1) < slefValue) {
        let secondaryLoss = 0
        for (let k = 0; k < secondary.length; k++) secondaryLoss += sample(secondary[k].sampler, uniform(secondary[k].key, i, j))
        eventLoss += secondaryLoss * secondaryKeep
      }
      loss += roundMoney(eventLoss)
    }
    if (n > exact) {
      // Over the work budget: the remaining events as one compound sum (see WORK_BUDGET).
      moments ??= eventMoments(primary, secondary)
      const p = slef ? slefValue : 0
      const mean = moments.primaryMean * primaryKeep + p * moments.secondaryMean * secondaryKeep
      const second =
        moments.primaryVariance * primaryKeep ** 2 + p * (moments.secondaryVariance + moments.secondaryMean ** 2) * secondaryKeep ** 2
      loss += approximateSum(n - exact, mean, Math.max(0, second - (p * moments.secondaryMean * secondaryKeep) ** 2), uniform(sumKey, i, 0))
    }
    out[i] = loss
  }
  if (addTo) for (let i = 0; i < iterations; i++) addTo[i] += out[i]
}

interface EventMoments {
  primaryMean: number
  primaryVariance: number
  secondaryMean: number
  secondaryVariance: number
}

/** Mean and variance of one event's primary and secondary loss sums (forms drawn independently). */
function eventMoments(primary: readonly KeyedSampler[], secondary: readonly KeyedSampler[]): EventMoments {
  const sum = (list: readonly KeyedSampler[]): [number, number] => {
    let mean = 0
    let variance = 0
    for (const k of list) {
      const m = drawMoments(k.sampler)
      mean += m.mean
      variance += m.variance
    }
    return [mean, variance]
  }
  const [primaryMean, primaryVariance] = sum(primary)
  const [secondaryMean, secondaryVariance] = sum(secondary)
  return { primaryMean, primaryVariance, secondaryMean, secondaryVariance }
}

/**
 * The common shape (one LEF range, one loss form, fixed-strength effects) without the general
 * loops; it draws exactly the same uniforms as the general path, so results are identical.
 * Written for the CPU: the iteration's hash spread is computed once, the Poisson search and the
 * loss draws share one loop (one hard-to-predict loop exit instead of two), and rounding has no
 * branch (see `roundMoney`).
 */
function simulateSimple(
  lef: KeyedSampler,
  nKey: number,
  loss: KeyedSampler,
  frequencyKeep: number,
  lossKeep: number,
  out: Float64Array,
  addTo: Float64Array | undefined,
  limit: number,
  sumKey: number
): void {
  const lefSampler = lef.sampler
  const lossSampler = loss.sampler
  const lefKey = lef.key | 0
  const lossKey = loss.key | 0
  const countKey = nKey | 0
  // When u ≤ 1 − (the largest mean the LEF table can give), the iteration has no event whatever
  // the LEF draw, so the draw is skipped (a small margin covers rounding in the interpolation).
  const noEventBelow = certainNoEventBound(lefSampler, frequencyKeep)
  let moments: { mean: number; variance: number } | undefined
  const approximateRest = (count: number, i: number): number => {
    moments ??= drawMoments(lossSampler)
    return approximateSum(count, moments.mean * lossKeep, moments.variance * lossKeep * lossKeep, uniform(sumKey, i, 0))
  }
  for (let i = 0; i < out.length; i++) {
    const spread = Math.imul(i, ITERATION_SPREAD)
    const u = unitFromHash(countKey ^ spread)
    if (u <= noEventBelow) {
      out[i] = 0
      continue
    }
    const mean = sampleFromHash(lefSampler, mix32(lefKey ^ spread)) * frequencyKeep
    // No event for certain (see poissonInverse); most iterations of most threats end here.
    if (!(mean > 0) || (mean > 1e-6 && mean <= 500 && u <= 1 - mean)) {
      out[i] = 0
      continue
    }
    const lossBase = lossKey ^ spread
    let total = 0
    if (mean > 500) {
      const n = poissonInverse(mean, u)
      const exact = Math.min(n, limit)
      for (let j = 0; j < exact; j++)
        total += roundMoney(sample(lossSampler, unitFromHash((lossBase + Math.imul(j, SLOT_SPREAD)) | 0)) * lossKeep)
      if (n > exact) total += approximateRest(n - exact, i)
      out[i] = total
      if (addTo) addTo[i] += total
      continue
    }
    // poissonInverse's search, drawing event k's loss as the count passes k.
    let p = Math.exp(-mean)
    let cdf = p
    let k = 0
    let slotTerm = 0
    while (u > cdf) {
      // Past the work budget's limit the search only counts; the rest is added below.
      if (k < limit) total += roundMoney(sampleFromHash(lossSampler, mix32((lossBase + slotTerm) | 0)) * lossKeep)
      slotTerm = (slotTerm + SLOT_SPREAD) | 0
      k++
      p *= mean / k
      if (p === 0 && k > mean) break
      cdf += p
    }
    if (k > limit) total += approximateRest(k - limit, i)
    out[i] = total
    if (addTo) addTo[i] += total
  }
}

/**
 * A bound b such that u ≤ b means no loss event for every LEF the sampler can draw: the draw is
 * then > 1e-6 and ≤ 500 (so poissonInverse's "u ≤ 1 − mean" shortcut applies) and u ≤ 1 − mean.
 * Zero (never true) when the sampler is not a bounded table inside that range.
 */
function certainNoEventBound(s: Sampler, keep: number): number {
  if (s.kind !== 1) return 0
  // Quantile tables rise, so their ends bound every draw; the margin covers rounding in the
  // blend that built the table and in the interpolation between its entries.
  const lowest = s.table[0] * keep * (1 - 1e-9)
  const highest = s.table[s.table.length - 1] * keep * (1 + 1e-9)
  if (!(lowest > 1e-6) || !(highest <= 500) || !(highest < 1)) return 0
  return 1 - highest
}

const TWO_TO_52 = 4503599627370496
const JUST_BELOW_HALF = 0.49999999999999994

/**
 * Math.round for a loss (never negative). V8 compiles Math.round to a data-dependent branch that
 * the CPU mispredicts about half the time on random losses; floor(x + 0.5) has no branch and is
 * exactly Math.round for 0 ≤ x < 2^52 except at the largest double below ½ (where x + 0.5 rounds
 * up to 1), so those two cases, which are never taken in practice, keep Math.round.
 */
export function roundMoney(x: number): number {
  return x < TWO_TO_52 && x !== JUST_BELOW_HALF ? Math.floor(x + 0.5) : Math.round(x)
}

/** The means the closed form multiplies, one slot per input; swapped for range ends in swings. */
interface MeanParts {
  names: string[]
  values: number[]
  ranges: [number, number][]
  evaluate: (values: readonly number[]) => number
}

function meanParts(money: MoneyInputs, effects: readonly ResolvedEffect[]): MeanParts {
  const names: string[] = []
  const values: number[] = []
  const ranges: [number, number][] = []
  const add = (name: string, d: Distribution): number => {
    names.push(name)
    values.push(distributionMean(d))
    ranges.push(distributionRange(d))
    return values.length - 1
  }
  const frequency =
    'lef' in money.frequency
      ? [add('lef', money.frequency.lef)]
      : [add('tef', money.frequency.tef), add('vulnerability', money.frequency.vulnerability)]
  const primary = money.primary.map((f) => add(`loss.primary.${f.form}`, f.distribution))
  const slef = money.secondary ? add('loss.secondary.probability', money.secondary.probability) : -1
  const secondary = money.secondary?.forms.map((f) => add(`loss.secondary.${f.form}`, f.distribution)) ?? []
  const reductions = effects.map((e) => ({ factor: e.factor, slot: add(`mitigation ${e.mitigation} (${e.factor})`, e.reduction) }))
  const evaluate = (v: readonly number[]): number => {
    let lef = 1
    for (const k of frequency) lef *= v[k]
    let primaryKeep = 1
    let secondaryKeep = 1
    for (const r of reductions) {
      const keep = 1 - v[r.slot]
      if (FREQUENCY_FACTORS.has(r.factor)) lef *= keep
      if (PRIMARY_FACTORS.has(r.factor)) primaryKeep *= keep
      if (SECONDARY_FACTORS.has(r.factor)) secondaryKeep *= keep
    }
    let lm = 0
    for (const k of primary) lm += v[k]
    let slm = 0
    for (const k of secondary) slm += v[k]
    return lef * (lm * primaryKeep + (slef >= 0 ? v[slef] * slm * secondaryKeep : 0))
  }
  return { names, values, ranges, evaluate }
}

/** Exact mean loss-event frequency: E[tef]·E[v]·Π E[1 − r] (or E[lef]·Π E[1 − r]). */
export function exactLefMean(money: MoneyInputs, effects: readonly ResolvedEffect[]): number {
  let lef =
    'lef' in money.frequency
      ? distributionMean(money.frequency.lef)
      : distributionMean(money.frequency.tef) * distributionMean(money.frequency.vulnerability)
  for (const e of effects) if (FREQUENCY_FACTORS.has(e.factor)) lef *= 1 - distributionMean(e.reduction)
  return lef
}

/** Exact mean ALE: E[LEF]·(E[LM]·E[keep_p] + E[slef]·E[SLM]·E[keep_s]), inputs independent. */
export function exactAleMean(money: MoneyInputs, effects: readonly ResolvedEffect[]): number {
  const parts = meanParts(money, effects)
  return parts.evaluate(parts.values)
}

/** The input whose swing from its low to its high end moves the mean ALE most. */
export function topFactor(money: MoneyInputs, effects: readonly ResolvedEffect[]): TopFactor {
  const parts = meanParts(money, effects)
  let best: TopFactor = { factor: parts.names[0], swing: 0 }
  for (let k = 0; k < parts.values.length; k++) {
    const low = parts.values.slice()
    const high = parts.values.slice()
    low[k] = parts.ranges[k][0]
    high[k] = parts.ranges[k][1]
    const swing = Math.abs(parts.evaluate(high) - parts.evaluate(low))
    if (swing > best.swing) best = { factor: parts.names[k], swing }
  }
  return { factor: best.factor, swing: Math.round(best.swing) }
}
