import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from '@jest/globals'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import type { ValidateFunction } from 'ajv'
import type { Finding } from '../../src/core/findings.js'
import { loadModel } from '../../src/core/model/load.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { runRules } from '../../src/core/rules/run-rules.js'
import { renderCodeQuality } from '../../src/core/report/code-quality.js'
import { describeRule } from '../../src/core/report/rule-descriptor.js'
import { renderSarif } from '../../src/core/report/sarif.js'

const AjvDraft04 = ajvDraft04 as unknown as typeof ajvDraft04.default
const addFormats = ajvFormats as unknown as typeof ajvFormats.default
const EXAMPLE = 'examples/payments-api.threatmodel.yaml'

// The real pipeline: built-in rules over the example model (which has findings), rendered as
// SARIF and Code Quality.
describe('reports of real rule findings', () => {
  let validateSarif: ValidateFunction
  let findings: Finding[]
  let sarifRules: ReturnType<typeof describeRule>[]

  beforeAll(() => {
    const ajv = new AjvDraft04({ strict: false, allErrors: true })
    addFormats(ajv)
    validateSarif = ajv.compile(
      JSON.parse(readFileSync(new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object
    )
    const text = readFileSync(EXAMPLE, 'utf8')
    const { model, problems } = loadModel({ path: EXAMPLE, content: text })
    if (!model) throw new Error(`example model did not load: ${JSON.stringify(problems)}`)
    const { ruleSet } = loadRuleSet()
    findings = runRules(model, ruleSet, { today: '2026-01-15', platform: 'github' }).findings.filter((f) => !f.suppressed)
    sarifRules = ruleSet.rules.map((rule) => describeRule({ rule: rule.definition, severity: rule.severity }))
  })

  test('the SARIF log for every built-in rule and finding is schema-valid', () => {
    const log = renderSarif({ findings, rules: sarifRules, toolVersion: '0.1.0' })
    const written = JSON.parse(JSON.stringify(log)) as unknown
    expect(findings.length).toBeGreaterThan(0)
    expect(validateSarif(written) ? [] : validateSarif.errors).toEqual([])
    expect(log.runs[0].tool.driver.rules.length).toBe(sarifRules.length)
    expect(log.runs[0].results.length).toBe(findings.length)
    for (const rule of log.runs[0].tool.driver.rules) {
      expect([rule.id, rule.help.markdown.includes('## How to fix')]).toEqual([rule.id, true])
    }
  })

  test('every finding points into the model file at a real line', () => {
    const lineCount = readFileSync(EXAMPLE, 'utf8').split('\n').length
    const report = renderCodeQuality(findings)
    expect(report).toHaveLength(findings.length)
    for (const entry of report) {
      expect(entry.location.path).toBe(EXAMPLE)
      expect(entry.location.lines.begin).toBeGreaterThanOrEqual(1)
      expect(entry.location.lines.begin).toBeLessThanOrEqual(lineCount)
    }
    expect(new Set(report.map((e) => e.fingerprint)).size).toBe(report.length)
  })
})
