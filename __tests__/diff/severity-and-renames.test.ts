import { describe, expect, test } from '@jest/globals'
import { diffModels } from '../../src/core/diff/diff-models.js'
import { ALL_PAIRS_LIMIT, RENAME_THRESHOLD } from '../../src/core/diff/renames.js'
import { qualitativeSeverity } from '../../src/core/diff/severity.js'
import { bigramDice, compareNatural, leafSimilarity } from '../../src/core/diff/values.js'
import { LEVELS, type Level, type ModelDocument } from '../../src/core/model/schema.js'
import { BASE, derivedOf, edit, load } from './fixtures.js'

describe('qualitativeSeverity', () => {
  // docs/risk-engine.md §3, rows = likelihood from very-high down to very-low, columns = impact very-low … very-high.
  const MATRIX: Record<Level, string[]> = {
    'very-high': ['medium', 'high', 'critical', 'critical', 'critical'],
    high: ['low', 'medium', 'high', 'critical', 'critical'],
    medium: ['info', 'low', 'medium', 'high', 'critical'],
    low: ['info', 'info', 'low', 'medium', 'high'],
    'very-low': ['info', 'info', 'info', 'low', 'medium']
  }
  const cells = LEVELS.flatMap((likelihood) =>
    LEVELS.map((impact, column) => ({ likelihood, impact, expected: MATRIX[likelihood][column] }))
  )

  test.each(cells)('likelihood $likelihood × impact $impact → $expected', ({ likelihood, impact, expected }) => {
    expect(qualitativeSeverity(likelihood, impact)).toBe(expected)
  })

  test('the derived severity reads likelihood and impact under `risk` first', () => {
    const head = edit(BASE, ['    likelihood: medium\n    impact: high\n', '    risk: { likelihood: very-low, impact: high }\n'])
    const moved = derivedOf(diffModels(load(BASE), load(head)), 'threat-severity-moved')
    expect(moved.map((d) => [d.elementId, d.before, d.after])).toEqual([['T-1', 'high', 'low']])
  })
})

describe('similarity helpers', () => {
  test('letter-pair similarity', () => {
    expect(bigramDice('night', 'nacht')).toBeCloseTo(0.25, 5)
    expect(bigramDice('same text', 'same text')).toBe(1)
    expect(bigramDice('a', 'b')).toBe(0)
  })

  test('leaf similarity counts matching leaves over all leaves', () => {
    const a = new Map<string, string | number | boolean>([
      ['title', 'x'],
      ['status', 'open'],
      ['impact', 'high'],
      ['targets[]s:api', true]
    ])
    const b = new Map<string, string | number | boolean>([
      ['title', 'x'],
      ['status', 'open'],
      ['impact', 'low'],
      ['source', 'fraudster']
    ])
    expect(leafSimilarity(a, b)).toBeCloseTo(2 / 5, 5)
    expect(leafSimilarity(new Map(), new Map())).toBe(0)
  })

  test('natural order puts T-2 before T-10', () => {
    expect(['T-10', 'T-2', 'T-1', 'A', 'T-01'].sort(compareNatural)).toEqual(['A', 'T-01', 'T-1', 'T-2', 'T-10'])
  })

  test('the rename threshold is 0.8', () => {
    expect(RENAME_THRESHOLD).toBe(0.8)
  })
})

describe('mass renumbering', () => {
  /** A model of `n` threats, each with its own mitigation that states an effect on it. */
  function model(n: number, threatPrefix: string, mitigationPrefix: string): ModelDocument {
    return {
      threatloop: 1,
      model: { id: 'numbers', title: 'Numbers' },
      threats: Array.from({ length: n }, (_, i) => ({
        id: `${threatPrefix}${i}`,
        title: `Threat number ${i}`,
        likelihood: LEVELS[i % 5],
        impact: LEVELS[(i * 3) % 5],
        mitigations: [`${mitigationPrefix}${i}`]
      })),
      mitigations: Array.from({ length: n }, (_, i) => ({
        id: `${mitigationPrefix}${i}`,
        title: `Control number ${i}`,
        status: 'implemented' as const,
        effects: [{ threat: `${threatPrefix}${i}`, reduces: 'lef' as const, strength: 'strong' as const }]
      }))
    }
  }

  test('renumbering threats and their mitigations together is found as renames, above the all-pairs limit too', () => {
    const n = Math.ceil(Math.sqrt(ALL_PAIRS_LIMIT)) + 50
    const diff = diffModels(model(n, 'T-', 'M-'), model(n, 'TH-', 'MI-'))
    expect(diff.summary.total).toEqual({ added: 0, removed: 0, changed: 0, renamed: 2 * n })
    expect(diff.changes.every((c) => c.fields.length === 0 && c.similarity === 1)).toBe(true)
    expect(diff.changes.find((c) => c.id === 'TH-7')?.previousId).toBe('T-7')
    expect(diff.derived).toEqual([])
  })
})
