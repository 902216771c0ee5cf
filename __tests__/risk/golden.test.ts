import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { loadModel } from '../../src/core/model/load.js'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { assessRisk } from '../../src/core/risk/assess.js'
import { canonicalJson } from '../../src/core/encoding/canonical-json.js'
import { compareRisk } from '../../src/core/risk/compare.js'
import { riskModel } from './fixtures.js'

// Goldens pin the engine's output byte for byte. A deliberate change to the engine regenerates
// them with `UPDATE_RISK_GOLDEN=1 npm test -- __tests__/risk/golden` and bumps the engine version.
const GOLDEN_DIR = '__tests__/risk/golden'
const update = process.env.UPDATE_RISK_GOLDEN === '1'

/** The stored golden text (written first when regenerating); empty when missing. */
function golden(name: string, text: string): string {
  const path = `${GOLDEN_DIR}/${name}`
  if (update) writeFileSync(path, text + '\n')
  return existsSync(path) ? readFileSync(path, 'utf8').slice(0, -1) : ''
}

function example(): ModelDocument {
  const loaded = loadModel({
    path: 'examples/payments-api.threatmodel.yaml',
    content: readFileSync('examples/payments-api.threatmodel.yaml')
  })
  return { ...loaded.model!.document, risk: { iterations: 2000 } }
}

describe('golden outputs (engine risk-v1)', () => {
  test('example model assessment', () => {
    const text = canonicalJson(assessRisk(example(), { node: 20 }), 1)
    expect(text).toBe(golden('payments-api.assessment.json', text))
  })

  test('fixture model assessment', () => {
    const text = canonicalJson(assessRisk(riskModel(2000), { node: 20 }), 1)
    expect(text).toBe(golden('risk-fixture.assessment.json', text))
  })

  test('fixture base → head delta', () => {
    const base = riskModel(2000)
    const head = structuredClone(base)
    head.threats!.find((t) => t.id === 'T-010')!.likelihood = 'very-high'
    head.mitigations!.find((m) => m.id === 'M-9')!.status = 'implemented'
    head.threats!.push({ id: 'T-090', title: 'New SSRF', likelihood: 'high', impact: 'high' })
    const baseAssessment = assessRisk(base, { node: 20 })
    const delta = compareRisk(baseAssessment, assessRisk(head, { node: 20, previous: baseAssessment }))
    const text = canonicalJson(delta, 1)
    expect(text).toBe(golden('risk-fixture.delta.json', text))
  })
})
