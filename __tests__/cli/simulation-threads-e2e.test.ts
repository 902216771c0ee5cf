// The risk engine's simulation threads, through the committed CLI bundle as a developer runs it:
// the review's output is byte-identical whether the simulations run on the main thread alone,
// shared with worker threads, or on the worker threads alone.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { changeModel, generateModel } from '../../bench/generate.js'
import type { Review } from '../../src/core/review/types.js'

const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
const MODEL = 'shop.threatmodel.yaml'
let work: string

interface Report {
  threads: number
  batches: number
  jobs: number
  jobsOnThreads: number
  fellBack: number
}

function review(base: string, head: string, env: Record<string, string>): { stdout: string; report: Report | null; status: number | null } {
  const child = spawnSync(process.execPath, [CLI, 'review', '--base-dir', base, '--head-dir', head, '--no-fail', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, THREATLOOP_THREADS_REPORT: '1', ...env }
  })
  const line = /^threatloop threads: (.*)$/m.exec(child.stderr)
  return { stdout: child.stdout, report: line ? (JSON.parse(line[1]) as Report) : null, status: child.status }
}

/** A generated base/head pair written as JSON (a YAML subset the loader reads the same). */
function jsonPair(threats: number): { base: string; head: string } {
  const base = generateModel(threats)
  return { base: JSON.stringify(base, null, 1), head: JSON.stringify(changeModel(base), null, 1) }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'threatloop-threads-'))
  // 400 threats a side: over the size at which threads start (256 KiB of models).
  const pair = jsonPair(400)
  for (const [side, text] of [
    ['base', pair.base],
    ['head', pair.head]
  ] as const) {
    mkdirSync(join(work, side))
    writeFileSync(join(work, side, MODEL), text)
  }
  mkdirSync(join(work, 'empty'))
  mkdirSync(join(work, 'small-base'))
  mkdirSync(join(work, 'small-head'))
  const small = jsonPair(20)
  writeFileSync(join(work, 'small-base', MODEL), small.base)
  writeFileSync(join(work, 'small-head', MODEL), small.head)
})

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

describe('simulation threads (built CLI)', () => {
  test('a changed model: main thread alone, shared, and threads alone print the same review', () => {
    const base = join(work, 'base')
    const head = join(work, 'head')
    const alone = review(base, head, { THREATLOOP_THREADS: '0' })
    expect(alone.status).toBe(0)
    expect(alone.report).toBeNull()
    expect((JSON.parse(alone.stdout) as Review).models[0].risk.base!.residual.p90).toBeGreaterThan(0)

    // Every job on the worker threads: a wrong sum, a lost or doubled job would show in the figures.
    const threadsOnly = review(base, head, { THREATLOOP_THREADS: '2', THREATLOOP_THREADS_ONLY: '1' })
    expect(threadsOnly.report).toMatchObject({ threads: 2, fellBack: 0 })
    expect(threadsOnly.report!.batches).toBeGreaterThanOrEqual(1)
    expect(threadsOnly.report!.jobsOnThreads).toBe(threadsOnly.report!.jobs)
    expect(threadsOnly.stdout).toBe(alone.stdout)

    const shared = review(base, head, { THREATLOOP_THREADS: '1' })
    expect(shared.report).toMatchObject({ threads: 1, fellBack: 0 })
    expect(shared.stdout).toBe(alone.stdout)
  })

  test('an added model (its whole head simulated) is the same on threads', () => {
    const empty = join(work, 'empty')
    const head = join(work, 'head')
    const alone = review(empty, head, { THREATLOOP_THREADS: '0' })
    const threadsOnly = review(empty, head, { THREATLOOP_THREADS: '3', THREATLOOP_THREADS_ONLY: '1' })
    expect((JSON.parse(alone.stdout) as Review).models[0].status).toBe('added')
    expect(threadsOnly.report).toMatchObject({ threads: 3, batches: 1, fellBack: 0 })
    expect(threadsOnly.report!.jobsOnThreads).toBe(threadsOnly.report!.jobs)
    expect(threadsOnly.stdout).toBe(alone.stdout)
  })

  test('small models start no thread', () => {
    const result = review(join(work, 'small-base'), join(work, 'small-head'), { THREATLOOP_THREADS: '2' })
    expect(result.status).toBe(0)
    expect(result.report).toBeNull()
  })
})
