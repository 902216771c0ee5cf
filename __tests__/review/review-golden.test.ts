import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { renderMermaid } from '../../src/core/render/mermaid.js'
import { COMMENT_BUDGET, renderReviewMarkdown } from '../../src/core/render/review-markdown.js'
import { renderReviewText } from '../../src/core/render/review-text.js'
import { canonicalJson } from '../../src/core/encoding/canonical-json.js'
import { gfmProblems } from './markdown-check.js'
import { checkMarkdownStructure, runScenario, SCENARIOS } from './scenarios.js'

const GOLDEN = '__tests__/review/golden'
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** Compares output with its golden file; UPDATE_GOLDEN=1 rewrites the goldens deliberately. */
function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name)
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(file, actual)
    if (!UPDATE) throw new Error(`golden ${file} was missing and has been written; review it and run again`)
    return
  }
  const expected = readFileSync(file, 'utf8')
  if (expected !== actual) {
    expect(actual).toBe(expected)
  }
}

describe('review goldens', () => {
  test.each(Object.keys(SCENARIOS))('%s', (name) => {
    const review = runScenario(name)
    const comment = renderReviewMarkdown(review, { audience: 'comment' })
    const summary = renderReviewMarkdown(review, { audience: 'summary' })
    expect(checkMarkdownStructure(comment)).toEqual([])
    expect(checkMarkdownStructure(summary)).toEqual([])
    expect(gfmProblems(comment)).toEqual([])
    expect(gfmProblems(summary)).toEqual([])
    expect(comment.length).toBeLessThanOrEqual(COMMENT_BUDGET)
    golden(`${name}.comment.md`, comment)
    golden(`${name}.summary.md`, summary)
    golden(`${name}.txt`, renderReviewText(review))
    // The huge scenario's JSON (over 1 MB) is checked for determinism, not stored.
    if (name !== 'huge-diff' && name !== 'large-model-change') golden(`${name}.json`, canonicalJson(review, 2) + '\n')
  })
})

describe('scenario facts', () => {
  test('a new high threat without mitigation warns and is in the comment', () => {
    const review = runScenario('new-threat')
    expect(review.gate.status).toBe('warn')
    expect(review.gate.reasons.map((r) => r.condition)).toContain('new-high')
    expect(renderReviewMarkdown(review, { audience: 'comment' })).toContain('Refund endpoint abused to cash out stolen cards')
  })

  test('a mitigation implemented lowers residual loss and plans closing nothing new', () => {
    const review = runScenario('mitigation-implemented')
    const delta = review.models[0].risk.delta!
    expect(delta.views.residual.aleMean.change).toBeLessThan(0)
    expect(review.models[0].diff?.derived.map((d) => d.kind)).toContain('mitigation-status-moved')
    expect(review.gate.status).toBe('pass')
  })

  test('a broken head still yields a review with its errors and fails', () => {
    const review = runScenario('broken-head')
    expect(review.models[0].status).toBe('invalid')
    expect(review.gate.status).toBe('fail')
    const messages = review.models[0].head!.problems.map((p) => `${p.line}:${p.column} ${p.message}`)
    expect(messages.some((m) => m.includes('did you mean `high`'))).toBe(true)
    expect(messages.some((m) => m.includes('unknown zone `coer`'))).toBe(true)
    expect(review.issues?.operations).toEqual([])
  })

  test('a deleted model is reviewed as removed and its issues would close', () => {
    const review = runScenario('model-deleted')
    expect(review.models[0].status).toBe('removed')
    expect(review.totals.severity.head.high).toBe(0)
  })

  test('formatting-only changes are no semantic change', () => {
    const review = runScenario('no-semantic-change')
    expect(review.models[0].diff?.isEmpty).toBe(true)
    expect(review.models[0].status).toBe('unchanged')
    expect(review.gate.status).toBe('pass')
    expect(renderReviewMarkdown(review, { audience: 'comment' })).toContain('No semantic change')
  })

  test('a huge diff drops detail in stages and stays under the budget', () => {
    const review = runScenario('huge-diff')
    const comment = renderReviewMarkdown(review, { audience: 'comment' })
    const summary = renderReviewMarkdown(review, { audience: 'summary' })
    expect(comment.length).toBeLessThanOrEqual(COMMENT_BUDGET)
    expect(summary.length).toBeGreaterThan(comment.length)
    // A tighter budget forces the later stages: tables shrink, whole rows only, a note says so.
    const small = renderReviewMarkdown(review, { audience: 'comment', maxLength: 12_000 })
    expect(small.length).toBeLessThanOrEqual(12_000)
    expect(small).toContain('Some detail was left out')
    expect(checkMarkdownStructure(small)).toEqual([])
    expect(canonicalJson(runScenario('huge-diff'))).toBe(canonicalJson(review))
  })

  test('hostile model strings are neutralised everywhere in the comment', () => {
    const comment = renderReviewMarkdown(runScenario('hostile-strings'), { audience: 'comment' })
    expect(comment).not.toMatch(/<script|<img|<details><summary>x/)
    expect(comment).not.toMatch(/@admin|@everyone/)
    expect(comment).not.toMatch(/#1\b/)
    for (const line of comment.split('\n')) expect(line.trimStart().startsWith('/')).toBe(false)
    expect(checkMarkdownStructure(comment)).toEqual([])
  })

  test('the comment is stable: same review, same body and hash', () => {
    const a = renderReviewMarkdown(runScenario('demo-pull-request'), { audience: 'comment' })
    const b = renderReviewMarkdown(runScenario('demo-pull-request'), { audience: 'comment' })
    expect(a).toBe(b)
  })

  test('Mermaid diagram of the demo change', () => {
    const review = runScenario('demo-pull-request')
    const diagram = review.models[0].diagram!
    expect(diagram.nodes.find((n) => n.id === 'refund-portal')?.state).toBe('added')
    golden('demo-pull-request.mmd', renderMermaid(diagram) + '\n')
  })
})
