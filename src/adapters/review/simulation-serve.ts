// The worker thread's side of the simulation threads (see simulation-threads.ts), kept apart so
// that the worker's own bundle holds the risk engine and nothing else.
import { parentPort } from 'node:worker_threads'
import { adoptPertFamily, buildPertFamily, cachedPertFamily } from '../../core/risk/distributions.js'
import { JobScratch, runSimulationJob } from '../../core/risk/simulation-jobs.js'
import { CANCELLED, DONE, FAILED, NEXT, sharedSum, type BatchMessage, type SharedFamily } from './simulation-protocol.js'

/** Takes jobs from each batch it is sent until none are left, adding the losses into its own sums. */
export function serveSimulations(): void {
  parentPort?.on('message', (message: BatchMessage) => {
    const state = new Int32Array(message.state)
    try {
      const { batch } = message
      for (const family of message.families) takeFamily(family, message.slot)
      const sums = Array.from({ length: batch.targets }, (_, t) => sharedSum(message.sums, batch, message.slot, t))
      const scratch = new JobScratch()
      for (;;) {
        if (Atomics.load(state, CANCELLED) !== 0) break
        const k = Atomics.add(state, NEXT, 1)
        if (k >= batch.jobs.length) break
        runSimulationJob(batch, k, sums, scratch)
        Atomics.add(state, DONE, 1)
        Atomics.notify(state, DONE)
      }
    } catch {
      Atomics.store(state, FAILED, 1)
      Atomics.notify(state, DONE)
    }
  })
}

/**
 * A family built already is adopted. One still to build is built by the thread of slot 0 into the
 * shared table (the main thread adopts it when ready); other threads build their own when sampling.
 */
function takeFamily(family: SharedFamily, slot: number): void {
  if (family.ready === null) return adoptPertFamily(family.lambda, family.table)
  if (slot !== 0) return
  const own = cachedPertFamily(family.lambda)
  if (own) family.table.set(own)
  else buildPertFamily(family.lambda, family.table)
  adoptPertFamily(family.lambda, family.table)
  Atomics.store(family.ready, 0, 1)
}
