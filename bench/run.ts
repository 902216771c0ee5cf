import { spawnSync } from 'node:child_process'
import { writeBenchFixtures } from './fixtures.js'
import { benchAction } from './action-bench.js'
import { benchCli } from './cli-bench.js'
import { benchDiff } from './diff-bench.js'
import { benchDrift } from './drift-bench.js'
import { benchImport } from './import-bench.js'
import { benchLoad } from './load-bench.js'
import { benchReview } from './review-bench.js'
import { benchRisk } from './risk-bench.js'
import { benchRules } from './rules-bench.js'

/** Each bench case runs in its own process so its peak memory is its own. */
const CASES: Record<string, () => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  'load-validate-index (issue 2)': benchLoad,
  'semantic-diff (issue 3)': benchDiff,
  'risk-engine (issue 3)': benchRisk,
  'rules (issue 4)': benchRules,
  'review (issue 5)': benchReview,
  'import-otm (issue 8)': benchImport,
  'github-action (issue 6)': benchAction,
  'cli-review (issue 20)': benchCli,
  'code-drift-500-files (issue 17)': benchDrift
}

async function runOne(name: string): Promise<void> {
  const bench = CASES[name]
  if (!bench) {
    console.error(`unknown bench case "${name}"; cases: ${Object.keys(CASES).join(', ')}`)
    process.exitCode = 2
    return
  }
  const result = await bench()
  process.stdout.write(JSON.stringify(result) + '\n')
}

function runAll(): void {
  writeBenchFixtures()
  let failed = false
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, [process.argv[1], name], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    if (child.status !== 0) {
      failed = true
      console.log(`✖ ${name}: failed\n${child.stderr}`)
      continue
    }
    const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>
    const misses = Object.entries(figures).filter(([key, value]) => key.endsWith('Met') && value === false)
    if (misses.length > 0) failed = true
    console.log(`${misses.length > 0 ? '✖' : '✔'} ${name}`)
    for (const [key, value] of Object.entries(figures)) console.log(`    ${key}: ${String(value)}`)
  }
  process.exitCode = failed ? 1 : 0
}

const only = process.argv[2]
if (only !== undefined) void runOne(only)
else runAll()
