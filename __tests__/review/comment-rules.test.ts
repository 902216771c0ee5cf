// The rules of the review comment (issue #14, and "no invented money" of #13), checked on the
// seven kinds of realistic change: what a reader sees first, how long it is, what it links.
import { describe, expect, test } from '@jest/globals'
import { HEADLINE_MAX, renderReviewMarkdown, visiblePart } from '../../src/core/render/review-markdown.js'
import { renderMermaid } from '../../src/core/render/mermaid.js'
import { gfmFacts, gfmProblems, parseMermaid } from './markdown-check.js'
import { runScenario } from './scenarios.js'

const SEVEN = [
  'demo-pull-request',
  'typo-fix',
  'mitigations-done',
  'new-surface',
  'refactor-renames',
  'large-model-change',
  'comment-only'
] as const

const comments = new Map<string, string>()
function comment(name: string): string {
  if (!comments.has(name)) comments.set(name, renderReviewMarkdown(runScenario(name), { audience: 'comment' }))
  return comments.get(name)!
}
/** The headline: the first line after the markers, without the heading mark. */
function headline(markdown: string): string {
  return markdown
    .split('\n')
    .find((l) => l.startsWith('### '))!
    .slice(4)
}

describe('every kind of change', () => {
  test.each(SEVEN)('%s: one-line headline, GFM structure intact', (name) => {
    const markdown = comment(name)
    const head = headline(markdown)
    expect(head.length).toBeLessThanOrEqual(HEADLINE_MAX)
    expect(head).not.toMatch(/\n/)
    expect(gfmProblems(markdown)).toEqual([])
    // The summary never repeats the headline.
    const lines = visiblePart(markdown)
      .split('\n')
      .filter((l) => l.trim() !== '')
    expect(lines.filter((l) => l.includes(head)).length).toBe(1)
    // Visible part: about one screen for any change.
    expect(visiblePart(markdown).length).toBeLessThanOrEqual(6000)
  })

  test("every diagram parses with Mermaid's own parser, which rejects a broken one", () => {
    const diagrams = SEVEN.flatMap((name) => gfmFacts(comment(name)).mermaid)
    expect(diagrams.length).toBeGreaterThanOrEqual(3)
    const results = parseMermaid([...diagrams, 'flowchart LR\n  a[["x" --> '])
    expect(results.slice(0, -1)).toEqual(diagrams.map(() => null))
    expect(results.at(-1)).toMatch(/Parse error/)
  })
})

describe('headlines say what happened and why', () => {
  test('a risky change blocks with its reason and a signed, estimated delta', () => {
    expect(headline(comment('demo-pull-request'))).toBe(
      '🛑 Blocks merge: new critical threat `T-003` · risk +\u2060$697k/yr est. (+237\u00a0%)'
    )
  })

  test('new attack surface without threats warns in the headline and the summary', () => {
    const markdown = comment('new-surface')
    expect(headline(markdown)).toBe('⚠️ New internet-facing service `gift-portal` has no threats; 2 more new elements without threats')
    const visible = visiblePart(markdown)
    expect(visible).toContain('New flow `gift-browse` crosses Internet → DMZ with no threat')
    expect(visible).toContain('New flow `gift-redeem` crosses DMZ → Core network with no threat')
    expect(visible).toMatch(
      /Add a threat for the new internet-facing service `gift-portal`.*docs\/rules\/internet-facing-component-without-threat\.md/
    )
  })

  test('good news says risk went down', () => {
    expect(headline(comment('mitigations-done'))).toMatch(/^✅ Risk down 74\u00a0% est\. · 2 high threats reduced$/)
  })

  test('a typo fix is one line and a word diff, at most 600 visible characters', () => {
    const markdown = comment('typo-fix')
    expect(headline(markdown)).toBe('✅ No risk change — 1 description edited')
    expect(visiblePart(markdown).length).toBeLessThanOrEqual(600)
    expect(markdown).toContain('… talks to the ~~aquirer~~ **acquirer**.')
    expect(markdown).not.toContain('(text)')
  })

  test('a comment-only edit is no semantic change', () => {
    expect(headline(comment('comment-only'))).toBe('✅ No semantic change — formatting or comments only')
    expect(visiblePart(comment('comment-only')).length).toBeLessThanOrEqual(600)
  })

  test('a 5 % change to a 250-threat model: at most 6,000 visible characters, ids in natural order', () => {
    const markdown = comment('large-model-change')
    expect(headline(markdown)).toMatch(/^🛑 Blocks merge: new critical threats `T-new-0`, `T-new-4` and `T-new-8` · risk \+/)
    expect(visiblePart(markdown).length).toBeLessThanOrEqual(6000)
    expect(visiblePart(markdown)).toContain('Top 5 of 16 new findings')
  })
})

describe('identity through renames', () => {
  test('a pure rename shows no new or fixed findings and no risk change', () => {
    const review = runScenario('refactor-renames')
    const model = review.models[0]
    expect(model.renames).toEqual({
      components: { vault: 'token-vault' },
      dataflows: { 'store-token': 'tokenise' },
      threats: { 'T-002': 'DISCLOSE-002' },
      mitigations: { 'M-002': 'MIT-TLS' }
    })
    expect(model.findings?.new).toEqual([])
    expect(model.findings?.fixed).toEqual([])
    expect(model.risk.delta?.threats).toEqual([])
    expect(model.risk.delta?.views.residual.aleMean.change).toBe(0)
    expect(model.risk.delta?.views.residual.p90.change).toBe(0)
    expect(model.risk.base?.residual).toEqual(model.risk.head?.residual)
    expect(headline(comment('refactor-renames'))).toMatch(/^✅ No risk change — /)
  })

  test('the diagram draws a moved and renamed component once', () => {
    const diagram = runScenario('refactor-renames').models[0].diagram!
    expect(diagram.nodes.map((n) => n.id).filter((id) => id.includes('vault'))).toEqual(['token-vault'])
    expect(diagram.nodes.find((n) => n.id === 'token-vault')?.zone).toBe('vault-net')
    expect(renderMermaid(diagram)).not.toMatch(/c_vault\b/)
  })
})

describe('numbers and words', () => {
  test('money is formatted one way, with no-break spaces, and estimated figures say so', () => {
    const markdown = comment('demo-pull-request')
    expect(markdown).toContain('$294k est.')
    expect(markdown).toContain('+237\u00a0%')
    expect(markdown).not.toMatch(/\d{3},\d{3}/)
    expect(markdown).toMatch(
      /est\._ — (over )?\d+\u00a0% of this money is estimated from likelihood and impact ratings through the default calibration/
    )
    expect(markdown).toContain('docs/glossary.md#ale')
    expect(markdown).not.toContain('bit-identical')
    expect(markdown).not.toContain('(exact)')
  })

  test('no money without quantitative inputs: the review stays qualitative', () => {
    const review = runScenario('qualitative-only')
    expect(review.totals.money).toBeNull()
    expect(review.gate.reasons.map((r) => r.condition)).not.toContain('ale-mean-increase')
    const markdown = renderReviewMarkdown(review, { audience: 'summary' })
    expect(markdown).not.toMatch(/[$€£]\d/)
    expect(headline(markdown)).toBe('⚠️ Needs a look: new high threat `T-010` · threats +\u20601\u00a0high')
  })

  test('zero-change rows leave the risk table; severity columns say residual', () => {
    const markdown = comment('demo-pull-request')
    expect(markdown).not.toMatch(/info → info/)
    expect(markdown).toContain(
      '| threat | [residual](https://github.com/threatloop/threatloop/blob/v1/docs/glossary.md#residual) severity |'
    )
    expect(markdown).not.toMatch(/\| `T-002`/)
  })
})

describe('links', () => {
  test('finding locations link the model line at the head commit on GitHub and on GitLab', () => {
    expect(comment('demo-pull-request')).toContain(
      '(https://github.com/acme/shop/blob/d4e5f60718293a4b5c6d7e8f9012345678a1b2c3/models/payments.threatmodel.yaml#L99)'
    )
    const gitlab = renderReviewMarkdown(
      runScenario('demo-pull-request', {
        platform: 'gitlab',
        event: 'merge_request',
        repositoryUrl: 'https://gitlab.example.com/acme/shop',
        blobPath: '-/blob'
      }),
      { audience: 'comment' }
    )
    expect(gitlab).toContain(
      '(https://gitlab.example.com/acme/shop/-/blob/d4e5f60718293a4b5c6d7e8f9012345678a1b2c3/models/payments.threatmodel.yaml#L99)'
    )
    expect(headline(gitlab)).toBe(headline(comment('demo-pull-request')))
  })

  test('next steps link the rule documentation pages', () => {
    const visible = visiblePart(comment('demo-pull-request'))
    expect(visible).toContain('**What to do next**')
    expect(visible).toMatch(
      /1\. Add a mitigation to `T-003` \(critical\).*\(https:\/\/github\.com\/threatloop\/threatloop\/blob\/v1\/docs\/rules\/threat-without-mitigation\.md\)/
    )
  })
})
