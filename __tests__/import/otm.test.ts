import { describe, expect, test } from '@jest/globals'
import { importOk, problemLines, problemsBesidesSkippedRules } from './helpers.js'

describe('OTM import', () => {
  test('minimal file: one zone, one component', () => {
    const r = importOk('otm/minimal.otm.json')
    expect(r.detected.format).toBe('otm')
    expect(r.document.model).toEqual({ id: 'minimal-service', title: 'Minimal service' })
    expect(r.document.zones).toEqual([{ id: 'internet', title: 'Internet', trust: 0 }])
    expect(r.document.components).toEqual([{ id: 'browser', title: 'Browser', type: 'user', zone: 'internet' }])
    expect(r.origins.get('browser')).toEqual({
      format: 'otm',
      file: '__tests__/fixtures/import/otm/minimal.otm.json',
      line: 8,
      column: 5,
      sourcePath: 'components[0]'
    })
  })

  test('rich YAML: zones, nesting, assets, flows, threats and mitigation states', () => {
    const r = importOk('otm/shop-v1.otm.yaml')
    const d = r.document
    expect(problemLines({ ...r, problems: problemsBesidesSkippedRules(r) })).toEqual([])
    expect(d.zones?.map((z) => [z.id, z.trust])).toEqual([
      ['f0ba7722-39b6-4c81-8290-a30a248bb8d9', 10],
      ['2ab4effa-40b7-4cd2-ba81-8247d29a6f2d', 90]
    ])
    expect(d.assets?.find((a) => a.id === 'cc-data')?.cia).toEqual({
      confidentiality: 'very-high',
      integrity: 'high',
      availability: 'medium'
    })
    expect(d.assets?.find((a) => a.id === 'public-info')?.cia?.confidentiality).toBe('none')
    const byId = new Map(d.components?.map((k) => [k.id, k]))
    expect(byId.get('web-service')?.assets).toEqual(['cc-data', 'public-info'])
    expect(byId.get('customer-db')?.type).toBe('datastore')
    // A nested component inherits its parent's zone.
    expect(byId.get('session-module')).toMatchObject({ parent: 'web-service', zone: '2ab4effa-40b7-4cd2-ba81-8247d29a6f2d' })
    expect(d.dataflows?.find((f) => f.id === 'client-to-service')).toMatchObject({
      from: 'web-client',
      to: 'web-service',
      bidirectional: true,
      assets: ['cc-data']
    })
    const sqli = d.threats?.find((t) => t.id === 'sqli')
    expect(sqli).toMatchObject({
      title: 'SQL injection in the order lookup',
      category: 'tampering',
      references: { cwe: ['CWE-89'] },
      likelihood: 'medium',
      impact: 'very-high',
      targets: ['web-service', 'service-to-db'],
      status: 'open',
      mitigations: ['prepared-statements'],
      tags: ['category:Injection']
    })
    expect(d.threats?.find((t) => t.id === 'sniffing')).toMatchObject({
      status: 'mitigated',
      targets: ['client-to-service'],
      category: 'information-disclosure'
    })
    const ps = d.mitigations?.find((m) => m.id === 'prepared-statements')
    expect(ps).toMatchObject({ status: 'planned', effects: [{ threat: 'sqli', reduces: 'lef', by: { min: 0.9, likely: 0.9, max: 0.9 } }] })
    expect(d.mitigations?.find((m) => m.id === 'tls')?.status).toBe('implemented')
    expect(r.index.threatsByTarget.get('web-service')?.map((t) => t.id)).toEqual(['sqli'])
    expect(r.index.positionOf('sqli')).toEqual({ line: 92, column: 5 })
    expect(r.notExpressible).toContain('mitigation type (preventive, detective, …)')
  })
})
