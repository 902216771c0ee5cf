import { describe, expect, test } from '@jest/globals'
import { loadModel } from '../../src/core/model/load.js'
import type { Severity } from '../../src/core/model/schema.js'
import { desiredMitigationIssues, issueKey, planIssueSync, type ModelForIssues } from '../../src/core/tracker/plan-issue-sync.js'
import type { ExistingIssue } from '../../src/core/tracker/types.js'

const SETTINGS = { label: 'threatloop', extraLabels: [], assignOwners: true }

function modelFrom(yaml: string): ModelForIssues {
  const loaded = loadModel({ path: 'models/shop.threatmodel.yaml', content: yaml })
  if (!loaded.model) throw new Error(loaded.problems.map((p) => p.message).join('\n'))
  const { document, index } = loaded.model
  return {
    modelId: document.model.id,
    file: loaded.file,
    document,
    threatSeverity: new Map<string, Severity | null>((document.threats ?? []).map((t) => [t.id, t.id === 'T-1' ? 'high' : 'medium'])),
    lineOf: (id) => index.positionOf(id)?.line
  }
}

const MODEL = (statusA: string, statusB: string, extra = '') => `threatloop: 1
model: { id: shop, title: Shop }
threats:
  - { id: T-1, title: Replay, mitigations: [M-1, M-2] }
mitigations:
  - { id: M-1, title: Bind tokens, type: preventive, status: ${statusA}, owner: alice, verification: Replayed token is rejected. }
  - { id: M-2, title: Alert on reuse, type: detective, status: ${statusB}, owner: team payments }
${extra}`

function asExisting(
  number: number,
  desired: { title: string; body: string; labels: string[] },
  state: 'open' | 'closed' = 'open'
): ExistingIssue {
  return { number, state, title: desired.title, body: desired.body, labels: desired.labels, assignees: [] }
}

describe('desiredMitigationIssues', () => {
  test('builds marker, labels, severity and assignee from the model', () => {
    const [m1, m2] = desiredMitigationIssues([modelFrom(MODEL('planned', 'proposed'))], SETTINGS, {
      repositoryUrl: 'https://github.com/o/r',
      commit: 'abcdef1234567'
    })
    expect(issueKey(m1.body)).toBe('shop/M-1')
    expect(m1.labels).toEqual(['threatloop', 'severity:high', 'mitigation:preventive'])
    expect(m1.assignee).toBe('alice')
    expect(m2.assignee).toBeUndefined()
    expect(m1.body).toContain('Replayed token is rejected.')
    expect(m1.body).toContain('https://github.com/o/r/blob/abcdef1234567/models/shop.threatmodel.yaml#L6')
    expect(m1.state).toBe('open')
  })

  test('a new commit alone does not change the hash, so issues are not rewritten on every push', () => {
    const model = modelFrom(MODEL('planned', 'proposed'))
    const [a] = desiredMitigationIssues([model], SETTINGS, { repositoryUrl: 'https://github.com/o/r', commit: 'aaaaaaa1111111' })
    const [b] = desiredMitigationIssues([model], SETTINGS, { repositoryUrl: 'https://github.com/o/r', commit: 'bbbbbbb2222222' })
    expect(a.body).not.toBe(b.body)
    expect(a.hash).toBe(b.hash)
    expect(planIssueSync([b], [asExisting(1, a)], { mode: 'write', modelsInScope: new Set(['shop']) }).operations).toEqual([])
  })

  test('escapes hostile model text in the body', () => {
    const hostile = MODEL('planned', 'planned').replace('Replayed token is rejected.', '"@admin /close <img src=x> fixes #1"')
    const [m1] = desiredMitigationIssues([modelFrom(hostile)], SETTINGS)
    expect(m1.body).not.toContain('@admin')
    expect(m1.body).not.toContain('<img')
    expect(m1.body).not.toMatch(/#1\b/)
    expect(m1.body.split('\n').some((line) => line.trimStart().startsWith('/'))).toBe(false)
  })
})

describe('planIssueSync', () => {
  const scope = { modelsInScope: new Set(['shop']) }

  test('creates one issue per open mitigation and nothing for done ones', () => {
    const desired = desiredMitigationIssues([modelFrom(MODEL('planned', 'implemented'))], SETTINGS)
    const plan = planIssueSync(desired, [], { mode: 'write', ...scope })
    expect(plan.operations.map((o) => [o.op, o.key])).toEqual([['create', 'shop/M-1']])
    expect(plan.summary).toMatchObject({ create: 1, update: 0, close: 0 })
  })

  test('an unchanged issue is left alone; a changed body is updated', () => {
    const desired = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS)
    const existing = desired.map((d, i) => asExisting(i + 1, d))
    expect(planIssueSync(desired, existing, { mode: 'write', ...scope }).operations).toEqual([])
    const edited = desiredMitigationIssues([modelFrom(MODEL('in-progress', 'planned'))], SETTINGS)
    const plan = planIssueSync(edited, existing, { mode: 'write', ...scope })
    expect(plan.operations.map((o) => [o.op, o.key])).toEqual([['update', 'shop/M-1']])
  })

  test('close and reopen comments escape the mitigation id (a marker in an edited issue body is not ours to trust)', () => {
    const [m1] = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS)
    const hostile = asExisting(9, {
      ...m1,
      body: m1.body.replace('threatloop:mitigation:shop/M-1', 'threatloop:mitigation:shop/@admin_#1')
    })
    const plan = planIssueSync([], [hostile], { mode: 'write', ...scope })
    const comment = plan.operations[0]?.op === 'close' ? plan.operations[0].comment : ''
    expect(comment).toMatch(/^Closed by Threatloop: mitigation shop\/@\u200badmin\\_#\u200b1 is no longer in the threat model\.$/)
  })

  test('implemented closes as completed, rejected as not planned, removal as not planned', () => {
    const before = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS)
    const existing = [
      ...before.map((d, i) => asExisting(i + 1, d)),
      asExisting(9, { title: 'gone', body: '<!-- threatloop:mitigation:shop/M-9 -->', labels: [] })
    ]
    const after = desiredMitigationIssues([modelFrom(MODEL('implemented', 'rejected'))], SETTINGS)
    const plan = planIssueSync(after, existing, { mode: 'write', ...scope, changedKeys: new Set(['shop/M-1', 'shop/M-2']) })
    const closes = plan.operations.filter((o) => o.op === 'close').map((o) => (o.op === 'close' ? [o.number, o.reason] : []))
    expect(closes).toEqual([
      [1, 'completed'],
      [2, 'not_planned'],
      [9, 'not_planned']
    ])
    expect(plan.drift).toEqual([])
  })

  test('issues of models outside the review are never closed', () => {
    const plan = planIssueSync([], [asExisting(3, { title: 'x', body: '<!-- threatloop:mitigation:other/M-1 -->', labels: [] })], {
      mode: 'write',
      ...scope
    })
    expect(plan.operations).toEqual([])
  })

  test('back to planned reopens; a person closing a planned mitigation is drift', () => {
    const desired = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS)
    const closed = desired.map((d, i) => asExisting(i + 1, d, 'closed'))
    const reopened = planIssueSync(desired, closed, { mode: 'write', ...scope, changedKeys: new Set(['shop/M-1']) })
    expect(reopened.operations.map((o) => [o.op, o.key])).toEqual([
      ['reopen', 'shop/M-1'],
      ['reopen', 'shop/M-2']
    ])
    expect(reopened.drift.map((d) => [d.kind, d.key])).toEqual([['closed-while-open-in-model', 'shop/M-2']])
  })

  test('an open issue for an implemented mitigation is drift in preview', () => {
    const open = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS).map((d, i) => asExisting(i + 1, d))
    const done = desiredMitigationIssues([modelFrom(MODEL('implemented', 'planned'))], SETTINGS)
    const plan = planIssueSync(done, open, { mode: 'preview', ...scope })
    expect(plan.drift.map((d) => d.kind)).toEqual(['open-while-done-in-model'])
    expect(plan.summary.close).toBe(1)
  })

  test('duplicates are closed so exactly one issue stays open', () => {
    const desired = desiredMitigationIssues([modelFrom(MODEL('planned', 'implemented'))], SETTINGS)
    const existing = [asExisting(4, desired[0]), asExisting(7, desired[0])]
    const plan = planIssueSync(desired, existing, { mode: 'write', ...scope })
    expect(plan.operations).toEqual([expect.objectContaining({ op: 'close', number: 7, reason: 'not_planned' })])
    expect(plan.drift.map((d) => d.kind)).toEqual(['duplicate-issue'])
  })

  test('the per-run cap defers the rest; off mode plans nothing', () => {
    const desired = desiredMitigationIssues([modelFrom(MODEL('planned', 'planned'))], SETTINGS)
    const capped = planIssueSync(desired, [], { mode: 'write', ...scope, maxOperations: 1 })
    expect(capped.operations).toHaveLength(1)
    expect(capped.deferred).toBe(1)
    expect(planIssueSync(desired, [], { mode: 'off', ...scope }).operations).toEqual([])
  })
})
