// Gate condition `new-attack-surface`: off by default; from the configuration it warns or
// fails a change that adds attack surface no threat covers (internet-facing component, flow across
// a trust boundary, restricted data moving to lower trust), through the CLI on a real repository.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'
import { renderReviewMarkdown } from '../../src/core/render/review-markdown.js'
import type { Review } from '../../src/core/review/types.js'
import { testRepository, type TestRepository } from '../fixtures/git-repo.js'

const BASE = `threatloop: 1
model: { id: shop, title: Shop, owner: team, reviewed: 2026-09-15 }
zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]
components:
  - { id: api, type: service, zone: core, owner: team }
`
/** Adds an internet-facing portal that no threat targets. */
const HEAD = `${BASE}  - { id: portal, type: service, zone: internet, owner: team, internet_facing: true }
`
let repo: TestRepository
const git = (...args: string[]): string => repo.git(...args)
const write = (path: string, text: string): void => repo.write(path, text)

async function review(...args: string[]): Promise<{ code: number; review: Review }> {
  let out = ''
  const code = await runCli(
    ['review', '--format', 'json', '--iterations', '1000', '--base', 'main', '--head', 'HEAD', ...args],
    repo.root,
    {
      out: (t) => (out += t),
      err: () => undefined
    }
  )
  return { code, review: JSON.parse(out) as Review }
}

/** Commits the configuration on main, then the new portal on a feature branch. */
function change(config: string | null): void {
  if (config !== null) write('.threatloop.yaml', config)
  write('threatmodel/shop.threatmodel.yaml', BASE)
  git('add', '.')
  git('commit', '-qm', 'base')
  git('checkout', '-q', '-b', 'feature')
  write('threatmodel/shop.threatmodel.yaml', HEAD)
  git('commit', '-qam', 'portal')
}

beforeEach(() => {
  repo = testRepository('surface-gate')
})
afterEach(() => repo.remove())

describe('gate condition new-attack-surface', () => {
  test('off by default: the new surface is reported, the gate does not name it', async () => {
    change(null)
    const { code, review: result } = await review()
    expect(result.models[0].surface.map((s) => [s.kind, s.id])).toEqual([['internet-facing-component', 'portal']])
    expect(result.gate.reasons.map((r) => r.condition)).not.toContain('new-attack-surface')
    expect(code).toBe(result.gate.status === 'fail' ? 1 : 0)
  })

  test('under gate.fail_on it fails the change, names the element and leads the comment', async () => {
    change('gate:\n  fail_on: [new-attack-surface]\n  warn_on: []\n')
    const { code, review: result } = await review()
    expect(result.gate).toEqual({
      status: 'fail',
      reasons: [
        {
          condition: 'new-attack-surface',
          level: 'fail',
          message: 'new attack surface without threats on 1 element: shop/portal (internet-facing-component)'
        }
      ]
    })
    expect(code).toBe(1)
    const headline = renderReviewMarkdown(result, { audience: 'comment' })
      .split('\n')
      .find((l) => l.startsWith('### '))
    expect(headline).toBe('### 🛑 Blocks merge: new internet-facing service `portal` has no threats')
  })

  test('under gate.warn_on it warns; a threat on the new element clears it', async () => {
    change('gate:\n  fail_on: []\n  warn_on: [new-attack-surface]\n')
    const warned = await review()
    expect(warned.review.gate.status).toBe('warn')
    expect(warned.code).toBe(0)
    write(
      'threatmodel/shop.threatmodel.yaml',
      `${HEAD}threats:\n  - { id: T-1, title: Portal defacement, targets: [portal], stride: [tampering], likelihood: low, impact: low }\n`
    )
    git('commit', '-qam', 'threat for the portal')
    const covered = await review()
    expect(covered.review.models[0].surface).toEqual([])
    expect(covered.review.gate.reasons.map((r) => r.condition)).not.toContain('new-attack-surface')
  })
})
