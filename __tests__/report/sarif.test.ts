import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from '@jest/globals'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import type { ValidateFunction } from 'ajv'
import { findingFingerprint } from '../../src/core/report/fingerprint.js'
import { renderSarif, repositoryUri, type SarifLog } from '../../src/core/report/sarif.js'
import { makeFinding, RULES } from './report-fixtures.js'

const SCHEMA_PATH = new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url)

// Both packages are CommonJS with `exports.default`; under NodeNext the class sits on `.default`.
const AjvDraft04 = ajvDraft04 as unknown as typeof ajvDraft04.default
const addFormats = ajvFormats as unknown as typeof ajvFormats.default

let validateSarif: ValidateFunction

beforeAll(() => {
  const ajv = new AjvDraft04({ strict: false, allErrors: true })
  addFormats(ajv)
  validateSarif = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object)
})

/** Round-trips through JSON so the schema sees exactly what would be written to disk. */
function asWritten(log: SarifLog): unknown {
  return JSON.parse(JSON.stringify(log)) as unknown
}

/** Schema errors of the log as written; empty when it is valid. */
function sarifErrors(log: SarifLog): unknown[] {
  return validateSarif(asWritten(log)) ? [] : [...(validateSarif.errors ?? [{ message: 'invalid' }])]
}

const FINDINGS = [
  makeFinding('unencrypted-confidential-flow', ['F-1'], { severity: 'high', position: { line: 88, column: 7 }, cwe: ['CWE-319'] }),
  makeFinding('threat-without-mitigation', ['T-4'], { severity: 'medium', position: { line: 12, column: 5 } }),
  makeFinding('accepted-threat-expired', ['T-9'], { severity: 'critical', file: 'other/b.threatmodel.yaml', modelId: 'b' }),
  makeFinding('model-not-reviewed', ['payments-api'], { severity: 'info', position: { line: 1, column: 1 } }),
  makeFinding('component-without-owner', ['C-2'], { severity: 'low' })
]

describe('renderSarif', () => {
  test('produces a log that is valid against the official SARIF 2.1.0 schema', () => {
    expect(sarifErrors(renderSarif({ findings: FINDINGS, rules: RULES, toolVersion: '0.1.0' }))).toEqual([])
    expect(sarifErrors(renderSarif({ findings: [], rules: [], toolVersion: '0.1.0', category: 'threatloop/payments' }))).toEqual([])
  })

  test('over the result limit, the least severe are left out and a notification says how many', () => {
    const severities = ['low', 'critical', 'medium', 'high', 'info'] as const
    const many = Array.from({ length: 5003 }, (_, i) =>
      makeFinding(RULES[0].id, [`F-${i}`], { severity: severities[i % 5], position: { line: 1 + (i % 400), column: 1 } })
    )
    const log = renderSarif({ findings: many, rules: RULES, toolVersion: '0.1.0' })
    const results = log.runs[0].results
    expect(results).toHaveLength(5000)
    // 1,000 or 1,001 of each of the five severities; the three left out are info.
    expect(results.filter((r) => r.properties.severity === 'info')).toHaveLength(997)
    expect(results.filter((r) => r.properties.severity === 'critical')).toHaveLength(1001)
    expect(log.runs[0].invocations?.[0].toolExecutionNotifications[0].message.text).toMatch(
      /^3 of 5003 results were left out, the least severe first/
    )
    expect(sarifErrors(log)).toEqual([])
    // Still in report order (file, line, column).
    const lines = results.map((r) => r.locations[0].physicalLocation.region.startLine)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
    // Within the limit: no notification.
    const small = renderSarif({ findings: many.slice(0, 10), rules: RULES, toolVersion: '0.1.0', maxResults: 10 })
    expect(small.runs[0].invocations).toBeUndefined()
    expect(renderSarif({ findings: many.slice(0, 10), rules: RULES, toolVersion: '0.1.0', maxResults: 4 }).runs[0].results).toHaveLength(4)
  })

  test('the validator rejects broken documents, so the check above can fail', () => {
    const log = asWritten(renderSarif({ findings: FINDINGS, rules: RULES, toolVersion: '0.1.0' })) as {
      version: string
      runs: { results: { message?: unknown; level?: string }[] }[]
    }
    expect(validateSarif(log)).toBe(true)
    const wrongVersion = structuredClone(log)
    wrongVersion.version = '2.0.0'
    expect(validateSarif(wrongVersion)).toBe(false)
    const noMessage = structuredClone(log)
    delete noMessage.runs[0].results[0].message
    expect(validateSarif(noMessage)).toBe(false)
    const badLevel = structuredClone(log)
    badLevel.runs[0].results[0].level = 'fatal'
    expect(validateSarif(badLevel)).toBe(false)
  })

  test('describes every rule for code scanning, with security-severity and help', () => {
    const log = renderSarif({ findings: FINDINGS, rules: RULES, toolVersion: '1.2.3' })
    const driver = log.runs[0].tool.driver
    expect(driver.name).toBe('Threatloop')
    expect(driver.semanticVersion).toBe('1.2.3')
    expect(driver.rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id)].sort())
    const bySeverity = Object.fromEntries(RULES.map((r) => [r.severity, driver.rules.find((d) => d.id === r.id)]))
    expect(bySeverity.critical?.properties['security-severity']).toBe('9.5')
    expect(bySeverity.high?.properties['security-severity']).toBe('8.0')
    expect(bySeverity.medium?.properties['security-severity']).toBe('5.5')
    expect(bySeverity.low?.properties['security-severity']).toBe('3.0')
    expect(bySeverity.info?.properties['security-severity']).toBe('1.0')
    expect(bySeverity.critical?.defaultConfiguration.level).toBe('error')
    expect(bySeverity.medium?.defaultConfiguration.level).toBe('warning')
    expect(bySeverity.info?.defaultConfiguration.level).toBe('note')
    const flow = driver.rules.find((r) => r.id === 'unencrypted-confidential-flow')
    expect(flow?.shortDescription.text).toBe('Unencrypted flow carries confidential data')
    expect(flow?.fullDescription.text).toBe(RULES[0].description)
    expect(flow?.help).toEqual({ text: RULES[0].helpText, markdown: RULES[0].helpMarkdown })
    expect(flow?.properties.tags).toEqual(
      expect.arrayContaining(['security', 'information-disclosure', 'design-risk', 'external/cwe/cwe-319'])
    )
    expect(flow?.properties.precision).toBe('high')
  })

  test('security-severity values fall in the GitHub band of the same name', () => {
    const log = renderSarif({ findings: [], rules: RULES, toolVersion: '0.1.0' })
    const band = (score: number): string => (score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low')
    for (const rule of RULES) {
      const sarif = log.runs[0].tool.driver.rules.find((r) => r.id === rule.id)
      const score = Number(sarif?.properties['security-severity'])
      expect(band(score)).toBe(rule.severity === 'info' ? 'low' : rule.severity)
    }
  })

  test('results point at their rule, the model file and the element position', () => {
    const log = renderSarif({ findings: FINDINGS, rules: RULES, toolVersion: '0.1.0' })
    const run = log.runs[0]
    expect(run.results).toHaveLength(FINDINGS.length)
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId)
    }
    const flow = run.results.find((r) => r.ruleId === 'unencrypted-confidential-flow')
    expect(flow?.level).toBe('error')
    expect(flow?.message.text).toBe(FINDINGS[0].message)
    expect(flow?.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'models/payments-api.threatmodel.yaml' },
      region: { startLine: 88, startColumn: 7 }
    })
    expect(flow?.locations[0].logicalLocations).toEqual([{ name: 'F-1', fullyQualifiedName: 'payments-api/F-1', kind: 'element' }])
    expect(flow?.properties.findingId).toBe('unencrypted-confidential-flow@F-1')
    expect(run.results.find((r) => r.ruleId === 'component-without-owner')?.level).toBe('note')
    // Ordered by file then line, so the output is stable.
    expect(run.results.map((r) => r.locations[0].physicalLocation.region.startLine).slice(0, 4)).toEqual([1, 12, 42, 88])
  })

  test('the level follows the finding, so configured re-severities show', () => {
    const raised = makeFinding('component-without-owner', ['C-1'], { severity: 'critical' })
    const result = renderSarif({ findings: [raised], rules: RULES, toolVersion: '0.1.0' }).runs[0].results[0]
    expect(result.level).toBe('error')
    expect(result.properties['security-severity']).toBe('9.5')
  })

  test('fingerprints survive line moves and differ between elements', () => {
    const before = renderSarif({ findings: [makeFinding('threat-without-mitigation', ['T-4'])], rules: RULES, toolVersion: '0.1.0' })
    const after = renderSarif({
      findings: [makeFinding('threat-without-mitigation', ['T-4'], { position: { line: 300, column: 3 } })],
      rules: RULES,
      toolVersion: '0.2.0'
    })
    const other = renderSarif({ findings: [makeFinding('threat-without-mitigation', ['T-5'])], rules: RULES, toolVersion: '0.1.0' })
    const print = (log: SarifLog): string => log.runs[0].results[0].partialFingerprints.primaryLocationLineHash
    expect(print(before)).toBe(print(after))
    expect(print(before)).not.toBe(print(other))
    expect(print(before)).toBe(`${findingFingerprint(makeFinding('threat-without-mitigation', ['T-4']))}:1`)
  })

  test('no automation id unless a category is given (upload-sarif keeps an id the log already has)', () => {
    expect(renderSarif({ findings: [], rules: [], toolVersion: '0' }).runs[0]).not.toHaveProperty('automationDetails')
    expect(renderSarif({ findings: [], rules: [], toolVersion: '0', category: '' }).runs[0]).not.toHaveProperty('automationDetails')
    expect(renderSarif({ findings: [], rules: [], toolVersion: '0', category: 'threatloop-payments' }).runs[0].automationDetails).toEqual({
      id: 'threatloop-payments/'
    })
    expect(renderSarif({ findings: [], rules: [], toolVersion: '0', category: 'tm/' }).runs[0].automationDetails).toEqual({ id: 'tm/' })
  })

  test('the driver names its version and where to learn about it (SARIF2005)', () => {
    const driver = renderSarif({ findings: [], rules: [], toolVersion: '1.2.3' }).runs[0].tool.driver
    expect(driver).toMatchObject({
      name: 'Threatloop',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/threatloop/threatloop'
    })
  })

  test('fingerprints differ between files that declare the same model id, and ignore the order of findings', () => {
    const a = makeFinding('threat-without-mitigation', ['T-4'], { file: 'tm/a.threatmodel.yaml' })
    const copy = makeFinding('threat-without-mitigation', ['T-4'], { file: 'tm/copy.threatmodel.yaml' })
    const one = renderSarif({ findings: [a, copy], rules: RULES, toolVersion: '0' }).runs[0].results
    const two = renderSarif({ findings: [copy, a], rules: RULES, toolVersion: '0' }).runs[0].results
    const printOf = (results: typeof one, file: string): string | undefined =>
      results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === file)?.partialFingerprints.primaryLocationLineHash
    expect(printOf(one, 'tm/a.threatmodel.yaml')).not.toBe(printOf(one, 'tm/copy.threatmodel.yaml'))
    expect(printOf(one, 'tm/a.threatmodel.yaml')).toBe(printOf(two, 'tm/a.threatmodel.yaml'))
    expect(printOf(one, 'tm/copy.threatmodel.yaml')).toBe(printOf(two, 'tm/copy.threatmodel.yaml'))
  })

  test('the truncation notice says where every finding is listed only when the caller says so', () => {
    const many = Array.from({ length: 3 }, (_, i) => makeFinding(RULES[0].id, [`F-${i}`]))
    const text = (hint?: string): string | undefined =>
      renderSarif({ findings: many, rules: RULES, toolVersion: '0', maxResults: 2, fullListHint: hint }).runs[0].invocations?.[0]
        .toolExecutionNotifications[0].message.text
    expect(text()).toBe('1 of 3 results were left out, the least severe first: code scanning reads at most 2 results per run.')
    expect(text('The JSON report lists every finding.')).toMatch(/per run\. The JSON report lists every finding\.$/)
  })

  test('a finding of an undescribed rule still gets a rule entry and a valid log', () => {
    const custom = makeFinding('custom-rule', ['C-1'], { title: 'Custom check', category: 'spoofing', cwe: ['CWE-287'] })
    const log = renderSarif({ findings: [custom], rules: [], toolVersion: '0.1.0' })
    expect(log.runs[0].tool.driver.rules).toHaveLength(1)
    expect(log.runs[0].tool.driver.rules[0].shortDescription.text).toBe('Custom check')
    expect(log.runs[0].tool.driver.rules[0].properties.tags).toContain('external/cwe/cwe-287')
    expect(log.runs[0].results[0].ruleIndex).toBe(0)
    expect(sarifErrors(log)).toEqual([])
  })

  test('file paths become relative URI references', () => {
    expect(repositoryUri('./models/a b#1.yaml')).toBe('models/a%20b%231.yaml')
    expect(repositoryUri('models\\win.yaml')).toBe('models/win.yaml')
    const spaced = makeFinding('threat-without-mitigation', ['T-1'], { file: 'threat models/pay ments.yaml' })
    const log = renderSarif({ findings: [spaced], rules: RULES, toolVersion: '0.1.0' })
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('threat%20models/pay%20ments.yaml')
    expect(sarifErrors(log)).toEqual([])
  })
})
