import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { diffModels } from '../../src/core/diff/index.js'
import { loadModel } from '../../src/core/model/load.js'
import { exportOtm, importModel } from '../../src/core/import/index.js'
import { importFixture, importOk, importVersions, problemLines, problemsBesidesSkippedRules } from './helpers.js'

/** The element changes of a diff as `section change id` lines, for compact assertions. */
function changeLines(base: string, head: string): string[] {
  const [b, h] = importVersions(base, head)
  const diff = diffModels(b.document, h.document)
  return diff.changes.map(
    (c) => `${c.section} ${c.change} ${c.id}${c.fields.length > 0 ? ` ${c.fields.map((f) => f.path).join(',')}` : ''}`
  )
}

describe('Threagile', () => {
  test('minimal model: an internet-facing asset lands in an internet zone', () => {
    const r = importOk('threagile/minimal.threagile.yaml')
    expect(r.document.components).toEqual([
      {
        id: 'web-server',
        title: 'Web Server',
        description: 'Serves the site',
        type: 'service',
        zone: 'internet',
        owner: 'Ops',
        technologies: ['web-server'],
        internet_facing: true
      }
    ])
    expect(r.document.zones).toEqual([{ id: 'internet', title: 'Internet', trust: 0 }])
  })

  test('includes, nested boundaries, links, data assets, risks and risk tracking', () => {
    const r = importOk('threagile/shop-v1.threagile.yaml')
    const d = r.document
    expect(d.zones?.map((z) => [z.id, z.trust, z.parent])).toEqual([
      ['cloud-network', 50, undefined],
      ['db-subnet', 60, 'cloud-network'],
      ['internet', 0, undefined]
    ])
    expect(d.components?.map((k) => [k.id, k.type, k.zone])).toEqual([
      ['customer-browser', 'user', 'internet'],
      ['shop-app', 'service', 'cloud-network'],
      ['shop-db', 'datastore', 'db-subnet']
    ])
    expect(d.assets?.find((a) => a.id === 'customer-accounts')).toMatchObject({
      classification: 'restricted',
      cia: { confidentiality: 'very-high', integrity: 'high', availability: 'medium' }
    })
    expect(d.dataflows?.find((f) => f.id === 'shop-app/database-traffic')).toMatchObject({
      from: 'shop-app',
      to: 'shop-db',
      protocol: 'jdbc',
      encrypted: false,
      authentication: 'credentials',
      assets: ['customer-accounts'],
      tags: ['ip-filtered']
    })
    expect(d.dataflows?.find((f) => f.id === 'customer-browser/customer-traffic')?.encrypted).toBe(true)
    const risk = d.threats?.find((t) => t.id === 'sql-nosql-injection-in-shop/shop-app/shop-app/database-traffic')
    expect(risk).toMatchObject({
      title: 'SQL Injection at Shop Application via Database Traffic',
      category: 'tampering',
      targets: ['shop-app', 'shop-app/database-traffic'],
      references: { cwe: ['CWE-89'] },
      risk: { threagile: { likelihood: 'likely', impact: 'high' } },
      status: 'accepted',
      acceptance: { by: 'Jane Doe', reason: 'Parameterised queries are enforced by the framework', date: '2024-03-01' },
      mitigations: ['sql-nosql-injection-in-shop/mitigation']
    })
    expect(d.threats?.find((t) => t.id === 'sql-nosql-injection-in-shop/shop-db')?.status).toBe('open')
    // Tracking of a built-in rule with wildcards becomes a suppression on the whole model.
    expect(d.suppressions).toEqual([
      {
        rule: 'threagile:unencrypted-communication',
        target: 'tests/fixtures/import/threagile/shop-v1',
        reason: 'false-positive (risk tracking `unencrypted-communication@*@*`): The service mesh encrypts all traffic: ticket SHOP-13',
        approved_by: 'John Roe'
      }
    ])
    // Elements from an included file point into that file.
    expect(r.origins.get('customer-accounts')).toMatchObject({
      file: '__tests__/fixtures/import/threagile/parts/data-assets.yaml',
      line: 3,
      sourcePath: 'data_assets["Customer Accounts"]'
    })
    expect(r.origins.get('shop-app/database-traffic')?.sourcePath).toBe(
      'technical_assets["Shop Application"].communication_links["Database Traffic"]'
    )
  })

  test('includes that leave the repository or are absolute are refused', () => {
    const r = importFixture('threagile/escape.threagile.yaml')
    expect(r.document).toBeUndefined()
    expect(problemsBesidesSkippedRules(r).map((p) => [p.code, p.line])).toEqual([
      ['import/include-outside', 4],
      ['import/include-outside', 5],
      ['import/include-missing', 6]
    ])
  })

  test('two versions diff by stable ids: a retitled risk is a change, not remove + add', () => {
    expect(changeLines('threagile/shop-v1.threagile.yaml', 'threagile/shop-v2.threagile.yaml')).toEqual([
      'dataflows changed shop-app/database-traffic encrypted,protocol',
      'threats changed sql-nosql-injection-in-shop/shop-app/shop-app/database-traffic acceptance,status,title'
    ])
  })
})

describe('Threat Dragon', () => {
  test('minimal v2 model', () => {
    const r = importOk('threat-dragon/minimal-v2.json')
    expect(r.document.components).toEqual([{ id: '6f0a6c2e-6d43-4a36-9a5f-1a2b3c4d5e01', title: 'API', type: 'service' }])
  })

  test('v2: geometric zones, flows, threats from data.threats and threats, id or threatId', () => {
    const r = importOk('threat-dragon/orders-v2.json')
    const d = r.document
    const id = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`
    expect(d.zones).toEqual([
      { id: id(1), title: 'Data centre', trust: 50 },
      { id: id(2), title: 'Database zone', trust: 60, parent: id(1) }
    ])
    expect(d.components?.map((k) => [k.title, k.type, k.zone])).toEqual([
      ['Customer', 'external', undefined],
      ['Web app', 'service', id(1)],
      ['Orders DB', 'datastore', id(2)]
    ])
    expect(d.dataflows?.[0]).toMatchObject({ from: id(10), to: id(11), protocol: 'HTTPS', encrypted: true, tags: ['public-network'] })
    expect(d.threats?.map((t) => [t.id, t.status, t.category, t.targets])).toEqual([
      [id(101), 'open', 'tampering', [id(11)]],
      [id(103), 'not-applicable', 'repudiation', [id(12)]],
      [id(102), 'mitigated', 'spoofing', [id(20)]]
    ])
    // The first line is short enough to be the title whole: prose is never cut mid-sentence.
    expect(d.mitigations).toEqual([
      {
        id: `${id(101)}-mitigation`,
        title: 'Use parameterised queries. Validate input lengths.',
        description: 'Use parameterised queries. Validate input lengths.'
      }
    ])
    expect(d.mitigations?.[0].type).toBeUndefined()
    expect(r.notExpressible).toContain(
      'mitigation type and status (Threat Dragon keeps a mitigation as free text on the threat; a Mitigated threat makes it implemented)'
    )
    expect(r.notExpressible).toContain('trust boundary curves (they are lines, not areas, so they give no zone membership)')
  })

  test('v1: diagramJson cells, flow labels, threats with threatId', () => {
    const r = importOk('threat-dragon/console-v1.json')
    expect(r.detected.format).toBe('threat-dragon-v1')
    expect(r.document.dataflows).toEqual([
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000220',
        title: 'Login',
        from: 'a1b2c3d4-0000-4000-8000-000000000210',
        to: 'a1b2c3d4-0000-4000-8000-000000000211',
        protocol: 'HTTPS',
        encrypted: true
      }
    ])
    expect(r.document.threats?.[0]).toMatchObject({
      id: 'a1b2c3d4-0000-4000-8000-000000000301',
      title: 'Brute force on login',
      status: 'open',
      category: 'spoofing'
    })
  })

  test('two versions diff by cell and threat ids', () => {
    expect(changeLines('threat-dragon/orders-v2.json', 'threat-dragon/orders-v2-next.json')).toEqual([
      'dataflows changed a1b2c3d4-0000-4000-8000-000000000021 encrypted',
      'threats changed a1b2c3d4-0000-4000-8000-000000000101 status,title',
      // The threat became Mitigated in Threat Dragon: the mitigation written on it is in place.
      'mitigations changed a1b2c3d4-0000-4000-8000-000000000101-mitigation status'
    ])
  })
})

describe('Threat Composer', () => {
  test('minimal export: grammar rebuilds the statement, the source becomes an actor', () => {
    const r = importOk('threat-composer/minimal.tc.json')
    expect(r.document.threats).toEqual([
      {
        id: '5b7e2f10-1c2d-4e3f-8a9b-000000000031',
        title: 'A insider can delete backups',
        source: r.document.actors?.[0].id,
        action: 'delete backups'
      }
    ])
    expect(r.document.actors?.[0].title).toBe('insider')
  })

  test('grammar, metadata (STRIDE, priority, comments), statuses, links and assumptions', () => {
    const r = importOk('threat-composer/photos.tc.json')
    const d = r.document
    const upload = d.threats?.find((t) => t.id === '5b7e2f10-1c2d-4e3f-8a9b-000000000021')
    expect(upload).toMatchObject({
      category: 'tampering',
      prerequisites: 'with a valid user account',
      action: 'upload a malicious file',
      business_impact: 'malware distribution to other users',
      objectives: ['integrity'],
      description: 'Seen in a pentest',
      status: 'open',
      mitigations: ['5b7e2f10-1c2d-4e3f-8a9b-000000000011'],
      // The priority is the threat's rating, kept where the risk engine reads it.
      risk: { bugbar: 'important' },
      tags: ['upload', 'stride:elevation-of-privilege']
    })
    expect(upload?.targets).toHaveLength(2)
    expect(d.threats?.[1].status).toBe('mitigated')
    expect(d.threats?.[0].source).toBe(d.threats?.[1].source)
    expect(d.mitigations?.map((m) => [m.status, m.priority])).toEqual([
      ['in-progress', 'high'],
      ['implemented', undefined]
    ])
    expect(d.assumptions).toEqual([
      {
        id: '5b7e2f10-1c2d-4e3f-8a9b-000000000001',
        text: 'API Gateway enforces authentication on every route.',
        description: 'Checked with the platform team'
      }
    ])
    expect(r.notExpressible).toContain('links from assumptions to threats and mitigations')
  })

  test('two versions diff by uuid', () => {
    expect(changeLines('threat-composer/photos.tc.json', 'threat-composer/photos-next.tc.json')).toEqual([
      'threats changed 5b7e2f10-1c2d-4e3f-8a9b-000000000021 action,title',
      'mitigations changed 5b7e2f10-1c2d-4e3f-8a9b-000000000011 status'
    ])
  })
})

describe('TM-BOM', () => {
  test('minimal document', () => {
    const r = importOk('tm-bom/minimal.json')
    expect(r.document.components).toEqual([{ id: 'app', title: 'App', description: 'The app', type: 'service', zone: 'none' }])
  })

  test('scope, zones, actors, components, stores, data sets, flows, threats, controls, risks', () => {
    const r = importOk('tm-bom/payment-gateway.json')
    const d = r.document
    // The library gives a model no id: its path names it, so a retitled model keeps its identity.
    expect(d.model).toMatchObject({
      id: 'tests/fixtures/import/tm-bom/payment-gateway',
      title: 'Payment gateway',
      business: { criticality: 'high' },
      version: '1.0',
      reviewed: '2025-02-01'
    })
    expect(d.components?.map((k) => [k.id, k.type, k.zone, k.parent, k.assets])).toEqual([
      ['merchant', 'external', 'internet', undefined, undefined],
      ['gateway-api', 'service', 'pci-zone', undefined, undefined],
      ['tokeniser', 'service', 'pci-zone', 'gateway-api', undefined],
      ['token-vault', 'datastore', 'pci-zone', undefined, ['pan']]
    ])
    expect(d.dataflows?.map((f) => [f.from, f.to, f.encrypted])).toEqual([
      ['merchant', 'gateway-api', true],
      ['tokeniser', 'token-vault', false]
    ])
    expect(d.actors).toEqual([
      { id: 'fraud-ring', title: 'Fraud ring', description: 'Organised card fraud', capability: 'high', tags: ['applicability:high'] }
    ])
    expect(d.threats?.[0]).toMatchObject({
      id: 'pan-exfiltration',
      source: 'fraud-ring',
      targets: ['tokeniser', 'token-vault'],
      references: { cwe: ['CWE-319'], capec: ['CAPEC-157'] },
      likelihood: 'medium',
      impact: 'very-high',
      mitigations: ['vault-tls']
    })
    expect(d.mitigations?.map((m) => [m.id, m.status, m.priority])).toEqual([
      ['vault-tls', 'planned', 'critical'],
      ['velocity-limits', 'implemented', 'high']
    ])
    expect(d.assumptions?.[0]).toMatchObject({ text: 'The acquirer validates merchant certificates.', validated: false })
  })

  test('two versions diff by symbolic names', () => {
    expect(changeLines('tm-bom/payment-gateway.json', 'tm-bom/payment-gateway-next.json')).toEqual([
      'dataflows changed tokenise encrypted',
      'threats changed pan-exfiltration title',
      'mitigations changed vault-tls status'
    ])
  })
})

describe('OTM versions and export', () => {
  test('two versions diff: retitled threat, moved mitigation state, removed and added elements', () => {
    expect(changeLines('otm/shop-v1.otm.yaml', 'otm/shop-v2.otm.yaml')).toEqual([
      'components added audit-log',
      'components removed session-module',
      'dataflows added service-to-audit',
      'threats changed sqli title',
      'mitigations changed prepared-statements status'
    ])
  })

  test('native → OTM → native keeps every element OTM can carry', () => {
    const path = 'examples/payments-api.threatmodel.yaml'
    const native = loadModel({ path, content: readFileSync(path) }).model!.document
    const otm = exportOtm(native)
    const back = importModel({ path: 'payments.otm.json', content: JSON.stringify(otm) })
    expect(problemLines({ ...back, problems: problemsBesidesSkippedRules(back) })).toEqual([])
    const d = back.document!
    expect(d.model).toMatchObject({ id: native.model.id, title: native.model.title, owner: native.model.owner })
    expect(d.zones).toEqual(native.zones)
    expect(d.assets?.map((a) => [a.id, a.title, a.cia])).toEqual(native.assets?.map((a) => [a.id, a.title, a.cia]))
    expect(d.components?.map((k) => [k.id, k.title, k.type, k.zone, k.assets])).toEqual(
      native.components?.map((k) => [k.id, k.title, k.type, k.zone, k.assets])
    )
    expect(d.dataflows?.map((f) => [f.id, f.from, f.to, f.assets])).toEqual(native.dataflows?.map((f) => [f.id, f.from, f.to, f.assets]))
    const carriedTargets = new Set([...(native.components ?? []), ...(native.dataflows ?? [])].map((e) => e.id))
    expect(
      d.threats?.map((t) => [
        t.id,
        t.title,
        t.category,
        t.references?.cwe,
        t.likelihood,
        t.impact,
        t.status,
        t.mitigations,
        [...(t.targets ?? [])].sort()
      ])
    ).toEqual(
      native.threats?.map((t) => [
        t.id,
        t.title,
        t.category,
        t.references?.cwe,
        t.likelihood,
        t.impact,
        t.status,
        t.mitigations,
        (t.targets ?? []).filter((x) => carriedTargets.has(x)).sort()
      ])
    )
    // Mitigation statuses travel on the threat instances of the threats that link them.
    expect(d.mitigations?.map((m) => [m.id, m.title, m.status])).toEqual(native.mitigations?.map((m) => [m.id, m.title, m.status]))
  })

  test('OTM output follows the 0.2 layout', () => {
    const path = 'examples/payments-api.threatmodel.yaml'
    const otm = exportOtm(loadModel({ path, content: readFileSync(path) }).model!.document)
    expect(otm.otmVersion).toBe('0.2.0')
    expect(otm.project).toMatchObject({ id: 'payments-api', name: 'Payments API' })
    expect((otm.dataflows as { source: string; destination: string }[])[0]).toMatchObject({ source: 'shopper', destination: 'api' })
    expect((otm.components as { threats?: unknown[] }[]).find((k) => (k as { id: string }).id === 'api')?.threats).toEqual([
      {
        threat: 'T-001',
        state: 'exposed',
        mitigations: [
          { mitigation: 'M-001', state: 'required' },
          { mitigation: 'M-003', state: 'recommended' }
        ]
      }
    ])
  })
})
