import { describe, expect, test } from '@jest/globals'
import { LEVELS, type Level, type Severity } from '../../src/core/model/schema.js'
import { cvssBaseScore, cvssRoundup, dreadSeverity, matrixSeverity, owaspScore, threagileLabel } from '../../src/core/risk/scores.js'

// docs/risk-engine.md §3, rows = likelihood from very-high down to very-low, columns = impact very-low … very-high.
const MATRIX: Record<Level, Severity[]> = {
  'very-high': ['medium', 'high', 'critical', 'critical', 'critical'],
  high: ['low', 'medium', 'high', 'critical', 'critical'],
  medium: ['info', 'low', 'medium', 'high', 'critical'],
  low: ['info', 'info', 'low', 'medium', 'high'],
  'very-low': ['info', 'info', 'info', 'low', 'medium']
}

describe('the 5×5 matrix', () => {
  const cells = LEVELS.flatMap((l) => LEVELS.map((i, k) => [l, i, MATRIX[l][k]] as const))
  test.each(cells)('likelihood %s × impact %s → %s', (l, i, expected) => {
    expect(matrixSeverity(l, i)).toBe(expected)
  })
  test('the table has 25 cells', () => expect(cells).toHaveLength(25))
})

describe('CVSS 3.1 base scores', () => {
  test.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'critical'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'high'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8, 'high'],
    ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3, 'medium'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N', 8.2, 'high'],
    ['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N', 2.5, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'info'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical']
  ])('%s = %p (%s)', (vector, score, severity) => {
    const result = cvssBaseScore(vector)
    expect(result?.baseScore).toBe(score)
    expect(result?.severity).toBe(severity)
  })

  test('Roundup follows the specification (Appendix A)', () => {
    expect(cvssRoundup(4.0)).toBe(4.0)
    expect(cvssRoundup(4.02)).toBe(4.1)
    expect(cvssRoundup(4.000001)).toBe(4.0)
    expect(cvssRoundup(4.00001)).toBe(4.1)
  })

  test('malformed vectors are rejected', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined()
    expect(cvssBaseScore('CVSS:2.0/AV:N')).toBeUndefined()
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H')).toBeUndefined()
  })
})

describe('imported ratings', () => {
  test('OWASP: the methodology example (likelihood 4.375 medium, business impact 2.25 low → low)', () => {
    // OWASP Risk Rating Methodology worked example: threat agent 5,2,7,1; vulnerability 3,6,9,2;
    // technical impact 9,7,5,8 → 7.25; business impact 1,2,1,5 → 2.25 → business wins.
    const o = owaspScore({
      skill: 5,
      motive: 2,
      opportunity: 7,
      size: 1,
      discovery: 3,
      exploit: 6,
      awareness: 9,
      detection: 2,
      confidentiality: 9,
      integrity: 7,
      availability: 5,
      accountability: 8,
      financial: 1,
      reputation: 2,
      non_compliance: 1,
      privacy: 5
    })
    expect(o.likelihoodScore).toBe(4.375)
    expect(o.likelihood).toBe('medium')
    expect(o.impactBasis).toBe('business')
    expect(o.impactScore).toBe(2.25)
    expect(o.impact).toBe('low')
    expect(matrixSeverity(o.likelihood, o.impact!)).toBe('low')
  })
  test('OWASP falls back to technical impact and has no impact without factors', () => {
    const o = owaspScore({
      skill: 9,
      motive: 9,
      opportunity: 9,
      size: 9,
      discovery: 9,
      exploit: 9,
      awareness: 9,
      detection: 9,
      confidentiality: 9,
      integrity: 3
    })
    expect(o.impactBasis).toBe('technical')
    expect(o.impact).toBe('high')
    expect(o.likelihood).toBe('high')
    expect(
      owaspScore({ skill: 1, motive: 1, opportunity: 1, size: 1, discovery: 1, exploit: 1, awareness: 1, detection: 1 }).impact
    ).toBeUndefined()
  })
  test('DREAD default bands', () => {
    const d = (x: number) =>
      dreadSeverity({ damage: x, reproducibility: x, exploitability: x, affected_users: x, discoverability: x }).severity
    expect([d(2), d(2.5), d(4.5), d(6.5), d(8.5), d(10)]).toEqual(['info', 'low', 'medium', 'high', 'critical', 'critical'])
  })
  test("Threagile's own label is kept for display", () => {
    expect(threagileLabel('unlikely', 'low')).toBe('low')
    expect(threagileLabel('likely', 'high')).toBe('elevated')
    expect(threagileLabel('frequent', 'very-high')).toBe('critical')
  })
})
