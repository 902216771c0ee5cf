import { describe, expect, test } from '@jest/globals'
import { z } from 'zod'
import { renderCodeQuality } from '../../src/core/report/code-quality.js'
import { makeFinding } from './report-fixtures.js'

/**
 * GitLab's Code Quality report format (docs: "Code Quality report format"): a JSON array whose
 * items need description, check_name, fingerprint, severity (info|minor|major|critical|blocker)
 * and location.path with location.lines.begin (or positions.begin.line).
 */
const GitLabCodeQualityReport = z.array(
  z.object({
    description: z.string().min(1),
    check_name: z.string().min(1),
    fingerprint: z.string().min(1),
    severity: z.enum(['info', 'minor', 'major', 'critical', 'blocker']),
    location: z.object({
      path: z
        .string()
        .min(1)
        .refine((p) => !p.startsWith('/') && !p.startsWith('./') && !p.includes('\\')),
      lines: z.object({ begin: z.number().int().min(1) })
    }),
    type: z.literal('issue').optional(),
    categories: z.array(z.string()).optional(),
    engine_name: z.string().optional()
  })
)

describe('renderCodeQuality', () => {
  const findings = [
    makeFinding('model-not-reviewed', ['payments-api'], { severity: 'info', position: { line: 1, column: 1 } }),
    makeFinding('component-without-owner', ['C-1'], { severity: 'low', position: { line: 20, column: 5 } }),
    makeFinding('threat-without-mitigation', ['T-1'], { severity: 'medium', position: { line: 30, column: 5 } }),
    makeFinding('unencrypted-confidential-flow', ['F-1'], { severity: 'high', position: { line: 40, column: 5 } }),
    makeFinding('accepted-threat-expired', ['T-2'], { severity: 'critical', position: { line: 50, column: 5 }, file: './models\\b.yaml' })
  ]

  test('matches the documented GitLab format, as a JSON array without BOM', () => {
    const report = renderCodeQuality(findings)
    const written = JSON.stringify(report)
    expect(written.startsWith('[')).toBe(true)
    expect(GitLabCodeQualityReport.safeParse(JSON.parse(written)).success).toBe(true)
    expect(GitLabCodeQualityReport.safeParse(JSON.parse(JSON.stringify(renderCodeQuality([])))).success).toBe(true)
  })

  test('the schema rejects broken entries, so the check above can fail', () => {
    const [entry] = renderCodeQuality(findings.slice(0, 1))
    expect(GitLabCodeQualityReport.safeParse([{ ...entry, severity: 'high' }]).success).toBe(false)
    expect(GitLabCodeQualityReport.safeParse([{ ...entry, location: { path: 'a.yaml' } }]).success).toBe(false)
    const { fingerprint: _dropped, ...withoutFingerprint } = entry
    expect(GitLabCodeQualityReport.safeParse([withoutFingerprint]).success).toBe(false)
  })

  test('maps the five severities one to one and keeps positions', () => {
    const report = renderCodeQuality(findings)
    expect(report.map((e) => [e.check_name, e.severity, e.location.lines.begin])).toEqual([
      ['accepted-threat-expired', 'blocker', 50],
      ['model-not-reviewed', 'info', 1],
      ['component-without-owner', 'minor', 20],
      ['threat-without-mitigation', 'major', 30],
      ['unencrypted-confidential-flow', 'critical', 40]
    ])
    expect(report[0].location.path).toBe('models/b.yaml')
    expect(report[1].location.path).toBe('models/payments-api.threatmodel.yaml')
    expect(report[3].description).toBe(findings[2].message)
  })

  test('fingerprints are 128-bit hex, stable across line moves and unique per finding', () => {
    const report = renderCodeQuality(findings)
    for (const entry of report) expect(entry.fingerprint).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(report.map((e) => e.fingerprint)).size).toBe(findings.length)
    const moved = renderCodeQuality([makeFinding('threat-without-mitigation', ['T-1'], { position: { line: 999, column: 1 } })])
    expect(moved[0].fingerprint).toBe(report.find((e) => e.check_name === 'threat-without-mitigation')?.fingerprint)
  })

  test('two files that declare the same model id get distinct fingerprints, whatever the order (GitLab collapses equal ones)', () => {
    const original = makeFinding('threat-without-mitigation', ['T-1'], { file: 'models/a.threatmodel.yaml' })
    const copy = makeFinding('threat-without-mitigation', ['T-1'], { file: 'models/copy.threatmodel.yaml' })
    const forward = renderCodeQuality([original, copy])
    const backward = renderCodeQuality([copy, original])
    expect(new Set(forward.map((e) => e.fingerprint)).size).toBe(2)
    expect(backward).toEqual(forward)
  })
})
