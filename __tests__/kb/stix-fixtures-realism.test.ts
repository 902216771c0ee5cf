import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { parseStixBundle } from '../../src/core/kb/stix-bundle.js'

// The fixtures are hand-written; this keeps their ids, names and statuses true to MITRE's data.
const read = (url: string): string => readFileSync(new URL(url, import.meta.url), 'utf8')

interface SharedAttack {
  tactics: { id: string; name: string; shortname: string }[]
  techniques: { id: string; name: string; tactics: string[]; parent?: string; revoked?: boolean; deprecated?: boolean }[]
  mitigations: { id: string; name: string }[]
}
interface SharedCapec {
  attack_patterns: { id: number; name: string; status: string; cwe?: number[]; attack?: string[] }[]
}

test('ATT&CK fixture entries match the vendored ATT&CK v18.1 extract', () => {
  const shared = JSON.parse(read('../fixtures/kb/attack-enterprise.json')) as SharedAttack
  const { entries } = parseStixBundle(read('../fixtures/stix/attack-enterprise-mini.json'), 'attack')
  const reference = new Map<string, { name: string; status: string; tactics?: string[] }>()
  for (const t of shared.tactics) reference.set(t.id, { name: t.name, status: 'active', tactics: undefined })
  for (const m of shared.mitigations) reference.set(m.id, { name: m.name, status: 'active', tactics: undefined })
  for (const t of shared.techniques) {
    reference.set(t.id, {
      name: t.name,
      status: t.revoked ? 'revoked' : t.deprecated ? 'deprecated' : 'active',
      tactics: [...t.tactics].sort()
    })
  }
  expect(entries?.size).toBeGreaterThan(10)
  for (const [id, entry] of entries ?? []) {
    const expected = reference.get(id)
    expect([id, entry.name, entry.status, entry.tactics]).toEqual([id, expected?.name, expected?.status, expected?.tactics])
  }
})

test('CAPEC fixture entries match the vendored CAPEC 3.9 extract', () => {
  const shared = JSON.parse(read('../fixtures/kb/capec.json')) as SharedCapec
  const { entries } = parseStixBundle(read('../fixtures/stix/capec-mini.json'), 'capec')
  const reference = new Map(shared.attack_patterns.map((p) => [`CAPEC-${p.id}`, p]))
  expect(entries?.size).toBeGreaterThan(4)
  for (const [id, entry] of entries ?? []) {
    const expected = reference.get(id)
    expect([id, entry.name, entry.status]).toEqual([id, expected?.name, expected?.status.toLowerCase()])
    for (const cwe of entry.cwe ?? []) expect(expected?.cwe?.map((n) => `CWE-${n}`)).toContain(cwe)
    for (const technique of entry.attack ?? []) expect(expected?.attack).toContain(technique)
  }
})
