import { describe, expect, test } from '@jest/globals'
import {
  INTEL_CLOSE_COMMENT,
  intelIssueBodies,
  intelIssueKey,
  intelIssueTitle,
  intelMarker,
  sameIntelFindings
} from '../../src/core/intel/intel-issues.js'
import { keptIssueKeyOf, planKeptIssue, type KeptIssueState } from '../../src/core/tracker/kept-issue.js'
import type { IntelReport } from '../../src/core/intel/types.js'

const report = (over: Partial<IntelReport> = {}): IntelReport => ({
  schema: 'threatloop-intel/1',
  today: '2026-01-15',
  windowDays: 90,
  knowledgeBase: { attack: '18.1' },
  proposals: [],
  unmodelled: [],
  vulnerable: [],
  warnings: [],
  problems: [],
  ...over
})
const vulnerable = (modelId: string, id: string): IntelReport['vulnerable'][number] => ({
  modelId,
  file: 'm.yaml',
  component: 'api',
  purl: 'pkg:npm/lodash@4.17.15',
  advisories: [{ id, aliases: [], severity: 'HIGH', cwe: [], fixed: ['4.17.21'] }]
})

describe('intelligence issues: bodies and plan', () => {
  test('one body per model with findings, null without; the hash ignores the run date', () => {
    const bodies = intelIssueBodies(report({ vulnerable: [vulnerable('shop', 'GHSA-1')] }), ['shop', 'billing'])
    expect(bodies.get('billing')).toBeNull()
    const shop = bodies.get('shop') ?? ''
    expect(intelIssueKey(shop)).toBe('shop')
    expect(shop).toContain('GHSA-1')
    const later = intelIssueBodies(report({ today: '2026-02-01', vulnerable: [vulnerable('shop', 'GHSA-1')] }), ['shop']).get('shop') ?? ''
    const title = intelIssueTitle('shop')
    const wish = { title, body: later, closeComment: INTEL_CLOSE_COMMENT, sameContent: sameIntelFindings }
    expect(planKeptIssue(wish, [{ number: 4, state: 'open', title, body: shop }])).toEqual({ operations: [], kept: 4, unchanged: true })
    // Without the findings hash (a different body), the same text is needed.
    expect(planKeptIssue({ ...wish, sameContent: undefined }, [{ number: 4, state: 'open', title, body: shop }]).operations).toEqual([
      { op: 'update', number: 4, body: later, reopen: false }
    ])
  })

  test('create, update, reopen, close, retitle; duplicates of a race are closed', () => {
    const old = intelIssueBodies(report({ vulnerable: [vulnerable('shop', 'GHSA-1')] }), ['shop']).get('shop') ?? ''
    const now = intelIssueBodies(report({ vulnerable: [vulnerable('shop', 'GHSA-2')] }), ['shop']).get('shop') ?? ''
    const title = intelIssueTitle('shop')
    const wish = { title, body: now, closeComment: INTEL_CLOSE_COMMENT, sameContent: sameIntelFindings }
    const issue = (number: number, state: 'open' | 'closed', body: string, t = title): KeptIssueState => ({ number, state, title: t, body })
    expect(planKeptIssue(wish, []).operations).toEqual([{ op: 'create', title, body: now }])
    expect(planKeptIssue(wish, [issue(2, 'open', old)]).operations).toEqual([{ op: 'update', number: 2, body: now, reopen: false }])
    expect(planKeptIssue(wish, [issue(3, 'closed', old)]).operations).toEqual([{ op: 'update', number: 3, body: now, reopen: true }])
    expect(planKeptIssue(wish, [issue(3, 'open', now, 'Threat intelligence update')]).operations).toEqual([
      { op: 'update', number: 3, title, body: now, reopen: false }
    ])
    expect(planKeptIssue({ ...wish, body: null }, [issue(5, 'open', old), issue(4, 'closed', old)])).toEqual({
      operations: [{ op: 'close', number: 5, comment: INTEL_CLOSE_COMMENT, duplicate: false }],
      unchanged: false
    })
    expect(planKeptIssue({ ...wish, body: null }, [issue(4, 'closed', old)])).toEqual({ operations: [], unchanged: true })
    expect(planKeptIssue(wish, [issue(8, 'open', now), issue(7, 'open', now)])).toEqual({
      operations: [{ op: 'close', number: 8, comment: 'Threatloop closes this duplicate of #7.', duplicate: true }],
      kept: 7,
      unchanged: true
    })
  })

  test('a hostile model id cannot break out of the marker or the heading', () => {
    expect(intelMarker('x --><img src=x>')).toBe('<!-- threatloop:intel:x_--__img_src_x_ -->')
    const body = intelIssueBodies(report({ vulnerable: [vulnerable('a@b <b>#1', 'GHSA-1')] }), ['a@b <b>#1']).get('a_b__b__1') ?? ''
    expect(body).not.toMatch(/<b>|@b|#1/)
    expect(intelIssueTitle('a@b <b>#1')).toBe('Threat intelligence update: a_b__b__1')
    // Markers of other kinds (mitigation issues, the sticky comment) are never read as intelligence markers.
    expect(keptIssueKeyOf('intel', '<!-- threatloop:mitigation:shop/M-1 -->')).toBeUndefined()
    expect(intelIssueKey(intelMarker('shop/api'))).toBe('shop/api')
  })
})
