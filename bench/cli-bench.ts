/**
 * Issue 20: what a developer (or a GitLab job) pays for one `threatloop review`, as whole
 * processes: the built CLI (THREATLOOP_BUNDLE_DIR, default dist/) reviewing the 1,000 and 5,000
 * threat pairs from two folders, beside a bare `node` that imports js-yaml and loads the same two
 * files, in the same run. Medians of several runs; peak memory is the child's own max RSS (worker
 * threads included). Each review is also run with the simulation threads off (THREATLOOP_THREADS=0).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { writeBenchFixtures } from './fixtures.js'
import type { BenchSize } from './generate.js'
import { round } from './measure.js'

const WORK = '.tmp/bench-cli'
const MODEL = 'bench.threatmodel.yaml'

/** Preloaded into every child: prints its peak RSS (kB) and CPU time (µs) as the last line of stderr on exit. */
const RSS_PROBE = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nmaxRSS=' + u.maxRSS + ' cpu=' + (u.userCPUTime + u.systemCPUTime) + '\\n') })\n`

/** Named per process: a constant path would be copied by ncc into the bench build at build time. */
const PROBE = join(WORK, `rss-probe-${process.pid}.mjs`)

interface Run {
  ms: number
  rssMb: number
  /** User + system CPU time: steadier than wall time when other work shares the cores. */
  cpuMs: number
}

function runChild(args: string[], env: Record<string, string> = {}): Run {
  const probe = resolve(PROBE)
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ['--import', probe, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env }
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`)
  const match = /maxRSS=(\d+) cpu=(\d+)\s*$/.exec(child.stderr)
  if (!match) throw new Error(`no maxRSS from ${args.join(' ')}`)
  return { ms, rssMb: Number(match[1]) / 1024, cpuMs: Number(match[2]) / 1000 }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** base/ and head/ folders holding one model each, for `review --base-dir --head-dir`. */
function pairFolders(size: BenchSize): { base: string; head: string } {
  const base = join(WORK, size, 'base')
  const head = join(WORK, size, 'head')
  for (const [side, dir] of [
    ['base', base],
    ['head', head]
  ] as const) {
    mkdirSync(dir, { recursive: true })
    const source = join('.tmp/bench-data', `${size}-${side}.yaml`)
    const target = join(dir, MODEL)
    if (!existsSync(target) || readFileSync(target, 'utf8') !== readFileSync(source, 'utf8')) cpSync(source, target)
  }
  return { base, head }
}

function measureSize(size: BenchSize, bundle: string, runs: number): Record<string, number | string> {
  const { base, head } = pairFolders(size)
  const raw = [
    "import { readFileSync } from 'node:fs'",
    "import { load } from 'js-yaml'",
    `load(readFileSync(${JSON.stringify(join(base, MODEL))}, 'utf8'))`,
    `load(readFileSync(${JSON.stringify(join(head, MODEL))}, 'utf8'))`
  ].join('\n')
  const rawScript = join(WORK, 'raw-load.mjs')
  writeFileSync(rawScript, raw + '\n')
  const cliArgs = [join(bundle, 'cli.js'), 'review', '--base-dir', base, '--head-dir', head, '--no-fail']
  const rawRuns: Run[] = []
  const cliRuns: Run[] = []
  // The same review with the simulation threads off (THREATLOOP_THREADS=0): what one core pays.
  const oneThreadRuns: Run[] = []
  // Interleaved, so a burst of load on the shared machine hits all sides alike.
  for (let i = 0; i < runs; i++) {
    rawRuns.push(runChild([rawScript]))
    cliRuns.push(runChild(cliArgs))
    oneThreadRuns.push(runChild(cliArgs, { THREATLOOP_THREADS: '0' }))
  }
  const rawMs = median(rawRuns.map((r) => r.ms))
  const cliMs = median(cliRuns.map((r) => r.ms))
  return {
    rawLoadMs: round(rawMs, 0),
    reviewMs: round(cliMs, 0),
    reviewRunsMs: cliRuns.map((r) => Math.round(r.ms)).join(' '),
    ratio: round(cliMs / rawMs),
    rawLoadCpuMs: round(median(rawRuns.map((r) => r.cpuMs)), 0),
    reviewCpuMs: round(median(cliRuns.map((r) => r.cpuMs)), 0),
    cpuRatio: round(median(cliRuns.map((r) => r.cpuMs)) / median(rawRuns.map((r) => r.cpuMs))),
    rawLoadPeakRssMb: round(median(rawRuns.map((r) => r.rssMb)), 0),
    reviewPeakRssMb: round(Math.max(...cliRuns.map((r) => r.rssMb)), 0),
    oneThreadMs: round(median(oneThreadRuns.map((r) => r.ms)), 0),
    oneThreadCpuMs: round(median(oneThreadRuns.map((r) => r.cpuMs)), 0),
    oneThreadPeakRssMb: round(Math.max(...oneThreadRuns.map((r) => r.rssMb)), 0)
  }
}

/** Issue 20 targets: 1,000 pair ≤ 1.5 s and ≤ 3× raw load; 5,000 pair ≤ 3× raw load and ≤ 256 MB peak. */
export function benchCli(): Record<string, number | string | boolean> {
  writeBenchFixtures(['medium', 'large'])
  mkdirSync(WORK, { recursive: true })
  writeFileSync(PROBE, RSS_PROBE)
  const bundle = process.env.THREATLOOP_BUNDLE_DIR ?? 'dist'
  const runs = Math.max(1, Number(process.env.THREATLOOP_BENCH_RUNS ?? 5))
  const loadBefore = loadavg()[0]
  let medium: Record<string, number | string>
  let large: Record<string, number | string>
  try {
    medium = measureSize('medium', bundle, runs)
    large = measureSize('large', bundle, Math.max(1, Math.ceil(runs / 2)))
  } finally {
    rmSync(PROBE, { force: true })
  }
  return {
    bundle,
    loadAverage1m: `${round(loadBefore, 1)} → ${round(loadavg()[0], 1)} on ${availableParallelism()} cores`,
    review1000Ms: medium.reviewMs,
    review1000RunsMs: medium.reviewRunsMs,
    rawLoad1000Ms: medium.rawLoadMs,
    ratio1000: medium.ratio,
    review1000Met: Number(medium.reviewMs) <= 1500,
    ratio1000Met: Number(medium.ratio) <= 3,
    review1000PeakRssMb: medium.reviewPeakRssMb,
    review1000CpuMs: medium.reviewCpuMs,
    rawLoad1000CpuMs: medium.rawLoadCpuMs,
    cpuRatio1000: medium.cpuRatio,
    review5000Ms: large.reviewMs,
    review5000RunsMs: large.reviewRunsMs,
    rawLoad5000Ms: large.rawLoadMs,
    rawLoad5000PeakRssMb: large.rawLoadPeakRssMb,
    ratio5000: large.ratio,
    ratio5000Met: Number(large.ratio) <= 3,
    review5000PeakRssMb: large.reviewPeakRssMb,
    review5000CpuMs: large.reviewCpuMs,
    rawLoad5000CpuMs: large.rawLoadCpuMs,
    cpuRatio5000: large.cpuRatio,
    peak5000Met: Number(large.reviewPeakRssMb) <= 256,
    cores: availableParallelism(),
    review1000OneThreadMs: medium.oneThreadMs,
    review1000OneThreadCpuMs: medium.oneThreadCpuMs,
    review1000OneThreadPeakRssMb: medium.oneThreadPeakRssMb,
    review5000OneThreadMs: large.oneThreadMs,
    review5000OneThreadCpuMs: large.oneThreadCpuMs,
    review5000OneThreadPeakRssMb: large.oneThreadPeakRssMb
  }
}
