import { describe, expect, test } from '@jest/globals'
import { intelIssueBodies, intelIssueKey, intelMarker, planIntelIssues } from '../../src/core/intel/intel-issues.js'
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
    expect(planIntelIssues(new Map([['shop', later]]), [{ number: 4, state: 'open', body: shop, ours: true }])).toEqual({
      operations: [],
      unchanged: [4]
    })
  })

  test('create, update, reopen, close; issues that are not ours are ignored; duplicates are closed', () => {
    const old = intelIssueBodies(report({ vulnerable: [vulnerable('shop', 'GHSA-1')] }), ['shop']).get('shop') ?? ''
    const now = intelIssueBodies(report({ vulnerable: [vulnerable('shop', 'GHSA-2')] }), ['shop']).get('shop') ?? ''
    const wanted = new Map([['shop', now]])
    expect(planIntelIssues(wanted, [{ number: 1, state: 'open', body: old, ours: false }]).operations).toEqual([
      expect.objectContaining({ op: 'create', key: 'shop' })
    ])
    expect(planIntelIssues(wanted, [{ number: 2, state: 'open', body: old, ours: true }]).operations).toEqual([
      expect.objectContaining({ op: 'update', number: 2, reopen: false })
    ])
    expect(planIntelIssues(wanted, [{ number: 3, state: 'closed', body: old, ours: true }]).operations).toEqual([
      expect.objectContaining({ op: 'update', number: 3, reopen: true })
    ])
    expect(planIntelIssues(new Map([['shop', null]]), [{ number: 5, state: 'open', body: old, ours: true }]).operations).toEqual([
      expect.objectContaining({ op: 'close', number: 5 })
    ])
    // A model that no longer exists: its issue is closed too.
    expect(planIntelIssues(new Map(), [{ number: 6, state: 'open', body: old, ours: true }]).operations).toEqual([
      expect.objectContaining({ op: 'close', number: 6 })
    ])
    const twice = planIntelIssues(wanted, [
      { number: 7, state: 'open', body: now, ours: true },
      { number: 8, state: 'open', body: now, ours: true }
    ])
    expect(twice).toEqual({ unchanged: [7], operations: [expect.objectContaining({ op: 'close', number: 8 })] })
  })

  test('a hostile model id cannot break out of the marker or the heading', () => {
    expect(intelMarker('x --><img src=x>')).toBe('<!-- threatloop:intel:x_--__img_src_x_ -->')
    const body = intelIssueBodies(report({ vulnerable: [vulnerable('a@b <b>#1', 'GHSA-1')] }), ['a@b <b>#1']).get('a_b__b__1') ?? ''
    expect(body).not.toMatch(/<b>|@b|#1/)
  })
})
