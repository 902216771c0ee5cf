import { describe, expect, test } from '@jest/globals'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange } from '../../src/core/review/review.js'
import type { ReviewContext } from '../../src/core/review/types.js'
import { DEFAULT_ITERATIONS } from '../../src/core/risk/types.js'
import { trustedRiskSettings } from '../../src/core/risk/resolve.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'

// #12: whoever opens the pull request controls the head model, so its `risk:` settings that drive
// work or the gate (iterations, calibration, severity bands, gates) must come from the base.

const PATH = 'models/shop.threatmodel.yaml'
const base = `threatloop: 1
model: { id: shop, title: Shop }
components:
  - { id: api, type: service }
threats:
  - id: T-1
    title: Card data theft
    category: information-disclosure
    targets: [api]
    likelihood: very-high
    impact: very-high
`
// The head tries to hide a new critical threat and to make the run expensive.
const head = `${base}  - id: T-2
    title: Refund fraud
    category: tampering
    targets: [api]
    risk:
      fair:
        lef: { min: 1, likely: 1, max: 1000000000 }
        loss: { primary: { response: { min: 100000, likely: 500000, max: 5000000 } } }
risk:
  iterations: 1000000
  seed: 7
  severity: { ale_bands: { info: 0, low: 1e30, medium: 2e30, high: 3e30, critical: 4e30 } }
  gates: { fail_on: [], warn_on: [], ale_mean_increase: { relative: 1e9, absolute: 1e30 } }
  calibration: { step: 1.01 }
`

const context = (event: ReviewContext['event']): ReviewContext => ({
  platform: 'github',
  event,
  repository: 'acme/shop',
  base: { label: 'main', sha: 'a'.repeat(40) },
  head: { label: 'PR', sha: 'b'.repeat(40) },
  today: '2026-11-27'
})

function review(event: ReviewContext['event'], headText = head) {
  const { ruleSet } = loadRuleSet({})
  return reviewChange({ files: [{ path: PATH, content: base }] }, { files: [{ path: PATH, content: headText }] }, context(event), {
    toolVersion: '0.1.0',
    ruleSet,
    gate: DEFAULT_GATE_SETTINGS,
    node: 20
  })
}

describe('risk settings on a pull request come from the base', () => {
  const reviewed = review('pull_request')
  const model = reviewed.models[0]

  test('iterations and seed are the base model’s (defaults here), not the head’s', () => {
    expect(model.risk.head?.iterations).toBe(DEFAULT_ITERATIONS)
    expect(model.risk.head?.seed).toBe(model.risk.base?.seed)
  })

  test('severity bands and gates of the head do not hide a new critical threat', () => {
    const t2 = model.risk.delta?.threats.find((t) => t.id === 'T-2')
    expect(t2?.severity.head).toBe('critical')
    expect(reviewed.gate.status).toBe('fail')
  })

  test('the same settings take effect once the change is on the default branch (push)', () => {
    const pushed = review('push', head.replace('iterations: 1000000', 'iterations: 20000'))
    expect(pushed.models[0].risk.head?.iterations).toBe(20000)
    expect(pushed.models[0].risk.delta?.threats.find((t) => t.id === 'T-2')?.severity.head).not.toBe('critical')
  })
})

describe('trustedRiskSettings', () => {
  test('takes every trusted key from the trusted side, keeps the rest, applies overrides last', () => {
    expect(
      trustedRiskSettings(
        {
          currency: 'EUR',
          iterations: 1000000,
          gates: { fail_on: [] },
          what_if_includes_proposed: true,
          confidence_lambda: { low: 1, medium: 2, high: 3 }
        },
        { iterations: 20000, severity: { ale_bands: { info: 0, low: 1, medium: 2, high: 3, critical: 4 } } },
        { seed: 5 }
      )
    ).toEqual({
      currency: 'EUR',
      what_if_includes_proposed: true,
      iterations: 20000,
      severity: { ale_bands: { info: 0, low: 1, medium: 2, high: 3, critical: 4 } },
      seed: 5
    })
  })
})
