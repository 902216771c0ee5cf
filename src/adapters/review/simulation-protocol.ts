// What the main thread and a simulation worker thread share (see simulation-threads.ts).
import type { SimulationBatch } from '../../core/risk/simulation-jobs.js'

/** Slots of the shared state (Int32Array): next job to take, jobs done, a thread failed, the batch was given up. */
export const NEXT = 0
export const DONE = 1
export const FAILED = 2
export const CANCELLED = 3
export const STATE_SLOTS = 4

/** One batch, sent to every worker thread; each adds its losses into its own slot of `sums`. */
export interface BatchMessage {
  batch: SimulationBatch
  state: SharedArrayBuffer
  sums: SharedArrayBuffer
  slot: number
  /** The PERT families the jobs sample, in shared memory. */
  families: SharedFamily[]
}

/**
 * A PERT family in shared memory: built already (`ready` null), or to be built into `table` by
 * the thread of slot 0, which then sets `ready[0]` to 1 (other threads build their own copy).
 */
export interface SharedFamily {
  lambda: number
  table: Float64Array
  ready: Int32Array | null
}

/** Slot `slot`'s sum for target `target` in the shared sums. */
export function sharedSum(sums: SharedArrayBuffer, batch: SimulationBatch, slot: number, target: number): Float64Array {
  return new Float64Array(sums, (slot * batch.targets + target) * batch.iterations * 8, batch.iterations)
}
