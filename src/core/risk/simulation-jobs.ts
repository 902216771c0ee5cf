// The Monte Carlo work of one assessment as plain data, so that it can be shared out (docs/risk-engine.md §7.3).
import { simulateThreat, TablePool } from './simulate.js'
import type { Distribution } from './distributions.js'
import type { MoneyInputs, ResolvedEffect } from './types.js'

/** One threat's simulations: each distinct set of applied effects once, added into the sums it counts in. */
export interface SimulationJob {
  /** The threat's random-stream identity (its base id when renamed). */
  threat: string
  money: MoneyInputs
  groups: { effects: ResolvedEffect[]; targets: number[] }[]
}

/** The simulations of one assessment: every job's losses go into `targets` sums of `iterations` years. */
export interface SimulationBatch {
  seed: number
  iterations: number
  targets: number
  jobs: SimulationJob[]
}

/**
 * Runs batches somewhere else than the caller's loop (other threads). `start` hands a batch over
 * and returns at once (null: it will not run it; the caller then simulates the batch itself).
 * Losses are whole money units, so the sums are exact in any order while they stay below 2^53
 * (`sumsAreExact`).
 */
export interface SimulationRunner {
  start(batch: SimulationBatch): SimulationTask | null
}

/** A batch handed to a runner. */
export interface SimulationTask {
  /** Waits for the batch (helping with it where it can): one sum per target, or null when it could not be run. */
  finish(): Float64Array[] | null
}

/** Scratch memory reused from one job to the next. */
export class JobScratch {
  readonly pool = new TablePool()
  private buffer: Float64Array | undefined
  losses(iterations: number): Float64Array {
    if (this.buffer?.length !== iterations) this.buffer = new Float64Array(iterations)
    return this.buffer
  }
}

/** Simulates job `index` of the batch and adds its losses into `sums`. */
export function runSimulationJob(batch: SimulationBatch, index: number, sums: readonly Float64Array[], scratch: JobScratch): void {
  const job = batch.jobs[index]
  for (const group of job.groups) {
    const out = scratch.losses(batch.iterations)
    const [first, ...rest] = group.targets
    simulateThreat(job.threat, job.money, group.effects, batch.seed, out, scratch.pool, sums[first])
    for (const target of rest) {
      const sum = sums[target]
      for (let i = 0; i < out.length; i++) sum[i] += out[i]
    }
  }
}

/** Scratch memory of this thread's batches, reused from one batch to the next (small assessments come in hundreds). */
const sharedScratch = new JobScratch()

/** The whole batch on this thread, in job order, added into `into` (new zeroed sums when omitted). */
export function runSimulationBatch(
  batch: SimulationBatch,
  into: readonly Float64Array[] = Array.from({ length: batch.targets }, () => new Float64Array(batch.iterations))
): Float64Array[] {
  for (let k = 0; k < batch.jobs.length; k++) runSimulationJob(batch, k, into, sharedScratch)
  return [...into]
}

/** Every distribution the batch's jobs sample (inputs and effect reductions). */
export function* batchDistributions(batch: SimulationBatch): Generator<Distribution> {
  for (const job of batch.jobs) {
    const { frequency, primary, secondary } = job.money
    if ('lef' in frequency) yield frequency.lef
    else yield* [frequency.tef, frequency.vulnerability]
    for (const form of primary) yield form.distribution
    if (secondary) {
      yield secondary.probability
      for (const form of secondary.forms) yield form.distribution
    }
    for (const group of job.groups) for (const effect of group.effects) yield effect.reduction
  }
}

/** True when every value is a whole number below 2^53 in size: then no sum of losses was rounded, whatever its order. */
export function sumsAreExact(sums: readonly Float64Array[]): boolean {
  for (const sum of sums) for (let i = 0; i < sum.length; i++) if (!(Math.abs(sum[i]) < 9007199254740992)) return false
  return true
}
