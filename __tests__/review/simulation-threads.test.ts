// The simulation threads' fallback paths, on real worker threads: when a thread fails, exits or
// stops taking jobs, the batch runs on the main thread and the assessment is the one a
// main-thread run gives, bit for bit. The worker programs here are small stand-ins that break
// the protocol on purpose (the working program is tested through the built CLI, see
// __tests__/cli/simulation-threads-e2e.test.ts); the stall time is cut to keep the tests short.
import { describe, expect, test } from '@jest/globals'
import { generateModel } from '../../bench/generate.js'
import { canonicalJson } from '../../src/core/encoding/canonical-json.js'
import { assessRisk } from '../../src/core/risk/assess.js'
import type { SimulationBatch, SimulationRunner } from '../../src/core/risk/simulation-jobs.js'
import { ThreadRunner } from '../../src/adapters/review/simulation-threads.js'
import { DONE, FAILED, NEXT } from '../../src/adapters/review/simulation-protocol.js'

const model = generateModel(120)
const risk = { iterations: 500 }
const reference = canonicalJson(assessRisk(model, { threatPercentiles: false, risk }))
const STALL_MS = 200

/** A worker program: `onMessage` is the body of the message handler, with `state` the batch's shared state. */
const program = (onMessage: string, atStart = ''): string =>
  `import { parentPort } from 'node:worker_threads'\n${atStart}\nparentPort.on('message', (message) => {\n  const state = new Int32Array(message.state)\n  ${onMessage}\n})\n`

/** Takes one job (as a working thread would) and then does `then` without ever finishing it. */
const takeOneJob = (then: string): string => `Atomics.add(state, ${NEXT}, 1)\n  ${then}`

const PROGRAMS = {
  'throws on its first message': program(`throw new Error('broken worker')`),
  'takes a job, then throws': program(takeOneJob(`throw new Error('broken worker')`)),
  'takes a job, then exits': program(takeOneJob('process.exit(3)')),
  'takes a job, then never finishes it': program(takeOneJob('')),
  'takes a job, then reports a failure': program(takeOneJob(`Atomics.store(state, ${FAILED}, 1)\n  Atomics.notify(state, ${DONE})`)),
  'never takes a job': program(''),
  'exits before any message': program('', 'process.exit(0)')
} as const

/** The runner seen from the assessment: how many batches it was given and what `finish` answered. */
function watched(runner: ThreadRunner): { runner: SimulationRunner; answers: ('sums' | 'null' | 'declined')[] } {
  const answers: ('sums' | 'null' | 'declined')[] = []
  return {
    answers,
    runner: {
      start(batch: SimulationBatch) {
        const task = runner.start(batch)
        if (!task) {
          answers.push('declined')
          return null
        }
        return {
          finish: () => {
            const sums = task.finish()
            answers.push(sums ? 'sums' : 'null')
            return sums
          }
        }
      }
    }
  }
}

const assess = (runner: SimulationRunner): string => canonicalJson(assessRisk(model, { threatPercentiles: false, risk, runner }))
const tick = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('simulation threads: a thread that fails or stalls', () => {
  test('the batch is big enough to be shared out', () => {
    const sizes: number[] = []
    assessRisk(model, { threatPercentiles: false, risk, runner: { start: (batch) => (sizes.push(batch.jobs.length), null) } })
    expect(sizes).toHaveLength(1)
    expect(sizes[0]).toBeGreaterThanOrEqual(64)
  })

  for (const [name, text] of Object.entries(PROGRAMS)) {
    test(`with the jobs left to the threads: a program that ${name} gives the main thread's figures`, async () => {
      const threads = new ThreadRunner(2, { program: text, threadsOnly: true, stallMs: STALL_MS })
      const { runner, answers } = watched(threads)
      const started = Date.now()
      expect(assess(runner)).toBe(reference)
      // Given up (null sums, after the stall time or at the failure flag) and run here, not hung.
      expect(answers).toEqual(['null'])
      expect(threads.report).toMatchObject({ threads: 2, batches: 0, jobsOnThreads: 0, fellBack: 1 })
      expect(Date.now() - started).toBeLessThan(10_000)
      // Broken for good: later batches are not handed over.
      await tick()
      expect(assess(runner)).toBe(reference)
      expect(answers).toEqual(['null', 'declined'])
    })
  }

  test('a failure flag gives up at once, without waiting for the stall time', () => {
    const threads = new ThreadRunner(1, { program: PROGRAMS['takes a job, then reports a failure'], threadsOnly: true, stallMs: 60_000 })
    const started = Date.now()
    expect(assess(watched(threads).runner)).toBe(reference)
    expect(threads.report.fellBack).toBe(1)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  test('shared with the main thread: a thread that takes a job and dies is waited for until the stall time, then given up', () => {
    const threads = new ThreadRunner(1, { program: PROGRAMS['takes a job, then throws'], stallMs: STALL_MS })
    const { runner, answers } = watched(threads)
    const started = Date.now()
    expect(assess(runner)).toBe(reference)
    expect(answers).toEqual(['null'])
    expect(threads.report.fellBack).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALL_MS)
  })

  test('shared with the main thread: threads that take no job leave every job to it, and its sums are used', () => {
    const threads = new ThreadRunner(2, { program: PROGRAMS['never takes a job'], stallMs: STALL_MS })
    const { runner, answers } = watched(threads)
    expect(assess(runner)).toBe(reference)
    expect(answers).toEqual(['sums'])
    expect(threads.report).toMatchObject({ threads: 2, batches: 1, jobsOnThreads: 0, fellBack: 0 })
  })

  test('a program that does not start (a syntax error) breaks the runner before its first batch', async () => {
    const threads = new ThreadRunner(2, { program: 'this is not JavaScript', stallMs: STALL_MS })
    await tick(500)
    const { runner, answers } = watched(threads)
    expect(assess(runner)).toBe(reference)
    expect(answers).toEqual(['declined'])
    expect(threads.report.fellBack).toBe(0)
  })
})
