import { describe, expect, test } from '@jest/globals'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange, type ReviewSettings } from '../../src/core/review/review.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { approverTeams, settleApprovals } from '../../src/core/value/approvals.js'
import { approvingReviewers } from '../../src/adapters/github/approvals.js'

const BASE = `threatloop: 1
model: { id: shop, title: Shop, owner: team }
zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]
components:
  - { id: web, type: service, zone: core, owner: team, internet_facing: true }
threats:
  - { id: T-1, title: Scraping, category: information-disclosure, targets: [web], likelihood: high, impact: high, status: open }
`
const ACCEPTED = BASE.replace(
  'status: open }',
  "status: accepted, acceptance: { by: ceo, reason: 'public data anyway', expires: 2027-06-01 } }"
)

function review(head: string, approvals: ReviewSettings['approvals'], event: 'pull_request' | 'push' = 'pull_request', base = BASE) {
  const { ruleSet } = loadRuleSet({})
  return reviewChange(
    { files: [{ path: 'shop.threatmodel.yaml', content: base }] },
    { files: [{ path: 'shop.threatmodel.yaml', content: head }] },
    { platform: 'github', event, base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
    { toolVersion: '0', ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 1000 }, approvals }
  )
}

const approvers = { acceptance: ['alice', '@acme/security'], suppression: ['bob'] }

describe('approved acceptances', () => {
  test('a new acceptance without an approving review by a listed approver warns, naming who must approve', () => {
    const result = review(ACCEPTED, { approvers, evidence: { approvals: [{ login: 'mallory' }] } })
    expect(result.approvals).toEqual([
      {
        modelId: 'shop',
        kind: 'acceptance',
        element: 'T-1',
        severity: expect.any(String),
        approvers: ['alice', '@acme/security'],
        approvedBy: null,
        note: null
      }
    ])
    const reason = result.gate.reasons.find((r) => r.condition === 'unapproved-acceptance')!
    expect(reason.level).toBe('warn')
    expect(reason.message).toContain('alice, @acme/security')
  })

  test('passes once a listed approver (or a member of a listed team) approved', () => {
    expect(review(ACCEPTED, { approvers, evidence: { approvals: [{ login: 'Alice' }] } }).approvals[0].approvedBy).toBe('Alice')
    const byTeam = review(ACCEPTED, { approvers, evidence: { approvals: [{ login: 'carol', teams: ['acme/security'] }] } })
    expect(byTeam.approvals[0].approvedBy).toBe('carol')
    expect(byTeam.gate.reasons.map((r) => r.condition)).not.toContain('unapproved-acceptance')
  })

  test('fails under fail_on, and a name in the YAML is not an approval', () => {
    const { ruleSet } = loadRuleSet({})
    const result = reviewChange(
      { files: [{ path: 's.threatmodel.yaml', content: BASE }] },
      { files: [{ path: 's.threatmodel.yaml', content: ACCEPTED.replace('by: ceo', 'by: alice') }] },
      { platform: 'gitlab', event: 'merge_request', base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
      {
        toolVersion: '0',
        ruleSet,
        gate: { failOn: ['unapproved-acceptance'], warnOn: [] },
        risk: { iterations: 1000 },
        approvals: { approvers, evidence: { approvals: [] } }
      }
    )
    expect(result.gate.status).toBe('fail')
  })

  test('an unchanged acceptance, a push, or no configured approvers need nothing', () => {
    expect(review(ACCEPTED, { approvers, evidence: { approvals: [] } }, 'pull_request', ACCEPTED).approvals).toEqual([])
    expect(review(ACCEPTED, { approvers, evidence: { approvals: [] } }, 'push').approvals).toEqual([])
    expect(review(ACCEPTED, { approvers: { acceptance: [], suppression: [] }, evidence: { approvals: [] } }).approvals).toEqual([])
    expect(review(ACCEPTED, undefined).gate.reasons.map((r) => r.condition)).not.toContain('unapproved-acceptance')
  })

  test('a new suppression of a high finding needs a suppression approver; unreadable reviews say so', () => {
    const expired = BASE.replace('status: open }', "status: accepted, acceptance: { by: ceo, reason: 'low value', expires: 2025-06-30 } }")
    const suppressed = `${expired}suppressions:\n  - { rule: acceptance-expired, target: T-1, reason: renewal in the board meeting, approved_by: bob }\n`
    const result = review(suppressed, { approvers, evidence: null }, 'pull_request', expired)
    expect(result.approvals).toEqual([
      {
        modelId: 'shop',
        kind: 'suppression',
        element: 'acceptance-expired@T-1',
        severity: 'high',
        approvers: ['bob'],
        approvedBy: null,
        note: 'approving reviews could not be read on this run'
      }
    ])
    const low = `${expired}suppressions:\n  - { rule: component-without-zone, target: web, reason: x }\n`
    expect(review(low, { approvers, evidence: { approvals: [] } }, 'pull_request', expired).approvals).toEqual([])
  })
})

describe('approving reviewers on GitHub (latest decisive review per reviewer)', () => {
  const head = 'h'.repeat(40)
  const at = (login: string, state: string, commit = head) => ({ user: { login }, state, commit_id: commit })
  test('COMMENTED and PENDING decide nothing; DISMISSED and CHANGES_REQUESTED undo; earlier commits are stale; never the author', () => {
    expect(
      approvingReviewers(
        [
          at('alice', 'APPROVED'),
          at('alice', 'COMMENTED'),
          at('bob', 'APPROVED'),
          at('bob', 'CHANGES_REQUESTED'),
          at('carol', 'APPROVED'),
          at('carol', 'DISMISSED'),
          at('dave', 'APPROVED', 'e'.repeat(40)),
          at('erin', 'PENDING'),
          at('Author', 'APPROVED'),
          { user: null, state: 'APPROVED', commit_id: head }
        ],
        head,
        'author'
      )
    ).toEqual({ current: ['alice'], stale: ['dave'] })
  })

  test('settleApprovals decides again on the evidence; a stale listed approver is named', () => {
    const result = review(ACCEPTED, { approvers, evidence: null })
    const [open] = settleApprovals(result.approvals, { approvals: [], staleApprovals: ['alice'] })
    expect(open.approvedBy).toBeNull()
    expect(open.note).toBe('alice approved an earlier commit; an approval of the latest commit is needed')
    const [unreadable] = settleApprovals(result.approvals, { approvals: [{ login: 'zed', teams: [] }], unreadableTeams: ['acme/security'] })
    expect(unreadable.note).toBe('members of @acme/security could not be read with this token')
    expect(approverTeams(result.approvals)).toEqual(['acme/security'])
  })
})
