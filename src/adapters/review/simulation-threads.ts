/**
 * The risk engine's Monte Carlo on the machine's other cores (docs/risk-engine.md, "Threads").
 *
 * A review of large models starts worker threads while the models are still being parsed. Each
 * runs a small program (src/simulation-worker.ts, which scripts/build.mjs bundles and writes into
 * dist/cli.js and dist/index.js as text, so each stays self-contained) that holds the risk engine
 * alone. A batch of jobs is shared out by an atomic counter: the main thread takes jobs too, so a
 * thread that is slow to start costs nothing, and the main thread waits (synchronously: the core
 * is synchronous) only for jobs already taken. Each thread adds its losses into its own sums;
 * whole-number sums below 2^53 are the same in any order, which the core checks before it uses
 * them. Any failure, and any run from the sources (tests, tsx), means the batch runs on the main
 * thread: the figures never depend on whether, or on how many, threads ran.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { adoptPertFamily, cachedPertFamily, emptyPertFamily, pertLambdas } from '../../core/risk/distributions.js'
import {
  batchDistributions,
  JobScratch,
  runSimulationJob,
  type SimulationBatch,
  type SimulationRunner,
  type SimulationTask
} from '../../core/risk/simulation-jobs.js'
import { CANCELLED, DONE, FAILED, NEXT, sharedSum, STATE_SLOTS, type BatchMessage, type SharedFamily } from './simulation-protocol.js'

/** The worker's program as text; scripts/build.mjs replaces this placeholder (exactly once) in each bundle. */
const WORKER_PROGRAM: string = '__THREATLOOP_SIMULATION_WORKER_PROGRAM__'

/** Below this many model bytes (both sides together) threads are not worth their start. */
export const THREADS_MIN_MODEL_BYTES = 256 * 1024
/** Batches with fewer jobs run on the main thread. */
const MIN_JOBS = 64
/** At most this many worker threads. */
const MAX_THREADS = 3
/** Shared sums larger than this (bytes) are not worth the memory: the batch runs on the main thread. */
const MAX_SHARED_BYTES = 64 * 1024 * 1024
/** With jobs taken and none finished for this long, a thread is presumed dead and the batch runs here. */
const STALL_MS = 30_000
/** A worker thread's heap: the jobs it holds are small, a runaway one ends there. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 2 }

/** How many worker threads: THREATLOOP_THREADS if set (0 = none, at most 3), else one less than the cores, at most 3. */
export function simulationThreadCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const stated = env.THREATLOOP_THREADS
  if (stated !== undefined && stated.trim() !== '') {
    const n = Number(stated)
    return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_THREADS) : 0
  }
  return Math.max(0, Math.min(cores - 1, MAX_THREADS))
}

/** What the threads did in this process (for THREATLOOP_THREADS_REPORT and tests). */
export interface SimulationThreadReport {
  threads: number
  batches: number
  jobs: number
  /** Jobs the worker threads ran (the rest ran on the main thread). */
  jobsOnThreads: number
  /** Batches that ran on the main thread after a thread failed or stalled. */
  fellBack: number
}

/** How a runner is set up; production sets `threadsOnly` only (tests also give a program and a stall time). */
export interface ThreadRunnerOptions {
  /** The main thread leaves every job to the worker threads (THREATLOOP_THREADS_ONLY, for testing them). */
  threadsOnly?: boolean
  /** The worker threads' program (ESM text); the built worker bundle by default. */
  program?: string
  /** With jobs taken and none finished for this long (ms), the batch runs on the main thread; STALL_MS by default. */
  stallMs?: number
}

export class ThreadRunner implements SimulationRunner {
  private readonly workers: Worker[] = []
  private broken = false
  private readonly threadsOnly: boolean
  private readonly stallMs: number
  readonly report: SimulationThreadReport

  constructor(count: number, options: ThreadRunnerOptions = {}) {
    this.threadsOnly = options.threadsOnly ?? false
    this.stallMs = options.stallMs ?? STALL_MS
    const program = new URL(`data:text/javascript,${encodeURIComponent(options.program ?? WORKER_PROGRAM)}`)
    for (let i = 0; i < count; i++) {
      try {
        const worker = new Worker(program, { resourceLimits: WORKER_LIMITS, stdout: true, stderr: true })
        // A thread that cannot start or dies leaves its jobs to the others; the process never waits for it to exit.
        worker.on('error', () => {
          this.broken = true
        })
        worker.unref()
        this.workers.push(worker)
      } catch {
        this.broken = true
      }
    }
    this.report = { threads: this.workers.length, batches: 0, jobs: 0, jobsOnThreads: 0, fellBack: 0 }
  }

  /** A thread failed or stalled: the batch is given up (threads stop taking its jobs) and runs on the main thread. */
  private fallBack(state: Int32Array): null {
    Atomics.store(state, CANCELLED, 1)
    this.broken = true
    this.report.fellBack++
    return null
  }

  /** Hands the batch to the threads, which start on it at once; the main thread joins in `finish`. */
  start(batch: SimulationBatch): SimulationTask | null {
    const threads = this.workers.length
    const bytes = threads * batch.targets * batch.iterations * 8
    if (this.broken || threads === 0 || batch.jobs.length < MIN_JOBS || bytes > MAX_SHARED_BYTES) return null
    const stateBuffer = new SharedArrayBuffer(STATE_SLOTS * 4)
    const state = new Int32Array(stateBuffer)
    const shared = new SharedArrayBuffer(bytes)
    // PERT families this thread has are shared as they are; the others are built by the first
    // thread into shared memory while this one goes on, and adopted here once they are ready.
    const families = pertLambdas(batchDistributions(batch)).map((lambda): SharedFamily => {
      const table = cachedPertFamily(lambda)
      return table
        ? { lambda, table, ready: null }
        : { lambda, table: emptyPertFamily(lambda), ready: new Int32Array(new SharedArrayBuffer(4)) }
    })
    try {
      for (const [slot, worker] of this.workers.entries())
        worker.postMessage({ batch, state: stateBuffer, sums: shared, slot, families } satisfies BatchMessage)
    } catch {
      Atomics.store(state, CANCELLED, 1)
      return null
    }
    let finished = false
    return {
      finish: () => {
        if (finished) return null
        finished = true
        adoptReady(families)
        const sums = this.finish(batch, state, shared)
        adoptReady(families)
        return sums
      }
    }
  }

  /** Takes the jobs left (unless THREATLOOP_THREADS_ONLY), waits for those in other threads' hands, adds the sums. */
  private finish(batch: SimulationBatch, state: Int32Array, shared: SharedArrayBuffer): Float64Array[] | null {
    const threads = this.workers.length
    if (this.broken) return this.fallBack(state)
    const sums = Array.from({ length: batch.targets }, () => new Float64Array(batch.iterations))
    const scratch = new JobScratch()
    let here = 0
    while (!this.threadsOnly) {
      const k = Atomics.add(state, NEXT, 1)
      if (k >= batch.jobs.length) break
      runSimulationJob(batch, k, sums, scratch)
      here++
      Atomics.add(state, DONE, 1)
    }
    // Wait for the jobs the other threads have in hand (all of them with THREATLOOP_THREADS_ONLY).
    let since = Date.now()
    for (;;) {
      const done = Atomics.load(state, DONE)
      if (done >= batch.jobs.length) break
      if (Atomics.load(state, FAILED) !== 0) return this.fallBack(state)
      Atomics.wait(state, DONE, done, 100)
      if (Atomics.load(state, DONE) !== done) since = Date.now()
      else if (Date.now() - since > this.stallMs) return this.fallBack(state)
    }
    for (let slot = 0; slot < threads; slot++)
      for (let t = 0; t < batch.targets; t++) {
        const part = sharedSum(shared, batch, slot, t)
        const sum = sums[t]
        for (let i = 0; i < part.length; i++) sum[i] += part[i]
      }
    this.report.batches++
    this.report.jobs += batch.jobs.length
    this.report.jobsOnThreads += batch.jobs.length - here
    return sums
  }
}

/** Takes into this thread's cache the families a worker thread has finished building (the others this thread builds when it needs them). */
function adoptReady(families: readonly SharedFamily[]): void {
  for (const family of families) if (family.ready && Atomics.load(family.ready, 0) === 1) adoptPertFamily(family.lambda, family.table)
}

let runner: ThreadRunner | undefined

/** True in a built bundle (the worker's program is there); false when running from the sources. */
export function simulationThreadsAvailable(): boolean {
  return !WORKER_PROGRAM.startsWith('__THREATLOOP_')
}

/**
 * The runner for a review of models this large, started on first use and kept for the process;
 * undefined from the sources, for small models, or with one core (or THREATLOOP_THREADS=0).
 */
export function simulationThreads(modelBytes: number): SimulationRunner | undefined {
  if (runner) return runner
  if (!simulationThreadsAvailable() || modelBytes < THREADS_MIN_MODEL_BYTES) return undefined
  const count = simulationThreadCount()
  if (count === 0) return undefined
  runner = new ThreadRunner(count, { threadsOnly: process.env.THREATLOOP_THREADS_ONLY === '1' })
  if (process.env.THREATLOOP_THREADS_REPORT) {
    const started = runner
    process.once('exit', () => process.stderr.write(`threatloop threads: ${JSON.stringify(started.report)}\n`))
  }
  return runner
}
