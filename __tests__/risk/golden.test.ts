import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { loadModel } from '../../src/core/model/load.js'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { assessRisk } from '../../src/core/risk/assess.js'
import { canonicalJson } from '../../src/core/risk/canonical-json.js'
import { compareRisk } from '../../src/core/risk/compare.js'
import { riskModel } from './fixtures.js'

// Goldens pin the engine's output byte for byte. A deliberate change to the engine regenerates
// them with `UPDATE_RISK_GOLDEN=1 npm test -- __tests__/risk/golden` and bumps the engine version.
const GOLDEN_DIR = '__tests__/risk/golden'
const update = process.env.UPDATE_RISK_GOLDEN === '1'

function expectGolden(name: string, text: string): void {
  const path = `${GOLDEN_DIR}/${name}`
  if (update) writeFileSync(path, text + '\n')
  expect(existsSync(path)).toBe(true)
  expect(text + '\n').toBe(readFileSync(path, 'utf8'))
}

function example(): ModelDocument {
  const loaded = loadModel({ path: 'examples/payments-api.threatmodel.yaml', content: readFileSync('examples/payments-api.threatmodel.yaml') })
  return { ...loaded.model!.document, risk: { iterations: 2000 } }
}

describe('golden outputs (engine risk-v1)', () => {
  test('example model assessment', () => {
    expectGolden('payments-api.assessment.json', canonicalJson(assessRisk(example(), { node: 20 }), 1))
  })

  test('fixture model assessment', () => {
    expectGolden('risk-fixture.assessment.json', canonicalJson(assessRisk(riskModel(2000), { node: 20 }), 1))
  })

  test('fixture base → head delta', () => {
    const base = riskModel(2000)
    const head = structuredClone(base)
    head.threats!.find((t) => t.id === 'T-010')!.likelihood = 'very-high'
    head.mitigations!.find((m) => m.id === 'M-9')!.status = 'implemented'
    head.threats!.push({ id: 'T-090', title: 'New SSRF', likelihood: 'high', impact: 'high' })
    const baseAssessment = assessRisk(base, { node: 20 })
    const delta = compareRisk(baseAssessment, assessRisk(head, { node: 20, previous: baseAssessment }))
    expectGolden('risk-fixture.delta.json', canonicalJson(delta, 1))
  })
})
