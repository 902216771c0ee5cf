/**
 * Microsoft's SARIF Multitool (the validator GitHub's SARIF documentation points to) checks the
 * SARIF the CLI and the action write, with its SARIF rule set and its GitHub Advanced Security (GHAS)
 * rule set: no error and no warning may remain. Notes (style advice such as SARIF2002 "use
 * message ids") are allowed.
 */
import { execFile } from 'node:child_process'
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCheckCommand } from '../../src/adapters/cli/check-command.js'
import { renderSarif, type SarifLog } from '../../src/core/report/sarif.js'
import { makeFinding, RULES } from '../report/report-fixtures.js'

const run = promisify(execFile)
/** The package resolves to the binary for this platform (a self-contained .NET program). */
const MULTITOOL = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string

interface ValidationResult {
  ruleId: string
  level?: string
  message: { text: string }
}

let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'threatloop-sarif-'))
  accessSync(MULTITOOL, constants.X_OK)
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs `Sarif.Multitool validate --rule-kind Sarif;Ghas` and returns what it reported (level defaults to warning). */
async function validate(name: string, log: unknown): Promise<ValidationResult[]> {
  const input = join(work, `${name}.sarif`)
  const output = join(work, `${name}.validation.sarif`)
  writeFileSync(input, JSON.stringify(log, null, 2))
  rmSync(output, { force: true })
  await run(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Ghas', '--output', output, input], {
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    timeout: 120_000
  })
  const report = JSON.parse(readFileSync(output, 'utf8')) as { runs: Array<{ results?: ValidationResult[] }> }
  return report.runs.flatMap((r) => r.results ?? [])
}

const serious = (results: ValidationResult[]): string[] =>
  results.filter((r) => (r.level ?? 'warning') !== 'note' && r.level !== 'none').map((r) => `${r.ruleId}: ${r.message.text}`)

async function checkSarif(cwd: string, paths: string[]): Promise<SarifLog> {
  let out = ''
  await runCheckCommand([...paths, '--format', 'sarif', '--fail-on', 'none'], cwd, { out: (t) => (out += t + '\n'), err: () => undefined })
  return JSON.parse(out) as SarifLog
}

describe('SARIF against the SARIF Multitool (SARIF and GHAS rule sets)', () => {
  test('the validator catches what code scanning refuses (a rule without fullDescription: GH2012)', async () => {
    const log = renderSarif({ findings: [makeFinding(RULES[0].id, ['F-1'])], rules: RULES, toolVersion: '1.0.0' }) as unknown as {
      runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }>
    }
    delete log.runs[0].tool.driver.rules[0].fullDescription
    expect(serious(await validate('broken', log))).toEqual([expect.stringMatching(/^GH2012: /)])
  })

  test('threatloop check --format sarif on the example models, plus a copy sharing a model id: no error or warning', async () => {
    const repo = join(work, 'repo')
    mkdirSync(join(repo, 'models'), { recursive: true })
    for (const name of ['payments-api', 'k8s-saas', 'mobile-banking'])
      copyFileSync(`examples/${name}.threatmodel.yaml`, join(repo, `models/${name}.threatmodel.yaml`))
    copyFileSync('examples/payments-api.threatmodel.yaml', join(repo, 'models/payments-api-copy.threatmodel.yaml'))
    const log = await checkSarif(repo, ['models'])
    const results = log.runs[0].results
    expect(results.length).toBeGreaterThan(20)
    expect(log.runs[0]).not.toHaveProperty('automationDetails')
    // The copy's findings are their own alerts: every fingerprint is unique.
    const prints = results.map((r) => r.partialFingerprints.primaryLocationLineHash)
    expect(new Set(prints).size).toBe(prints.length)
    expect(results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'models/payments-api-copy.threatmodel.yaml')).toBe(
      true
    )
    expect(serious(await validate('examples', log))).toEqual([])
  })

  test('a log with a category and a truncation notice (the action with sarif-category, over the result limit): no error or warning', async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      makeFinding(RULES[i % RULES.length].id, [`F-${i}`], { position: { line: 10 + i, column: 3 } })
    )
    const log = renderSarif({
      findings: many,
      rules: RULES,
      toolVersion: '1.2.3',
      category: 'threatloop-payments',
      maxResults: 10,
      fullListHint: 'The job summary and the JSON report list every finding.'
    })
    expect(log.runs[0].invocations).toHaveLength(1)
    expect(serious(await validate('truncated', log))).toEqual([])
  })
})
