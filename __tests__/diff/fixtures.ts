import { expect } from '@jest/globals'
import { loadModel, type LoadedModel } from '../../src/core/model/load.js'
import { formatProblem } from '../../src/core/problems.js'
import type { DerivedChange, ElementChange, FieldChange, ModelDiff } from '../../src/core/diff/types.js'

/** A small but complete model touching every section; the diff cases edit it. */
export const BASE = `threatloop: 1
model:
  id: shop
  title: Shop
  description: Web shop that takes card payments.
zones:
  - id: internet
    trust: 0
  - id: dmz
    trust: 1
  - id: core
    trust: 2
assets:
  - id: card-data
    title: Card data
    classification: confidential
    cia:
      confidentiality: high
      integrity: medium
  - id: logs
    title: Application logs
    classification: internal
components:
  - id: browser
    title: Shopper browser
    type: user
    zone: internet
  - id: api
    title: Payments API
    type: service
    zone: dmz
    assets: [card-data]
  - id: db
    title: Orders database
    type: datastore
    zone: core
    assets: [card-data]
  - id: worker
    title: Report worker
    type: process
    zone: core
dataflows:
  - id: checkout
    from: browser
    to: api
    protocol: https
    assets: [card-data]
    authentication: session-cookie
    encrypted: true
  - id: store
    from: api
    to: db
    assets: [card-data]
    authentication: password
    encrypted: true
  - id: jobs
    from: db
    to: worker
    assets: [logs]
    authentication: mtls
    encrypted: true
actors:
  - id: fraudster
    title: Card fraudster
    capability: medium
threats:
  - id: T-1
    title: Session token replay
    description: |
      An attacker replays a stolen session token.
      The API accepts it from any client.
    category: spoofing
    targets: [checkout, api]
    source: fraudster
    likelihood: medium
    impact: high
    status: open
    mitigations: [M-1, M-2]
  - id: T-2
    title: Card data read from the database
    category: information-disclosure
    targets: [store]
    likelihood: low
    impact: very-high
    risk:
      fair:
        lef: { min: 0.1, likely: 0.3, max: 1 }
    mitigations: [M-3]
mitigations:
  - id: M-1
    title: Bind session tokens to the client
    status: planned
    verification: A replayed token from another client is rejected.
    effects:
      - threat: T-1
        reduces: lef
        strength: strong
  - id: M-2
    title: Alert on one session used from two countries
    type: detective
    status: proposed
  - id: M-3
    title: Encrypt card columns
    status: implemented
    effects: [{ threat: T-2, reduces: vulnerability, by: { min: 0.5, likely: 0.7, max: 0.9 } }]
assumptions:
  - id: A-1
    text: The acquirer validates the client certificate.
incidents:
  - id: INC-1
    date: 2026-01-02
    summary: Credential stuffing against the login.
    threats: [T-1]
suppressions:
  - rule: missing-secrets-store
    target: shop
    reason: Secrets live in the platform vault.
risk:
  currency: USD
  seed: 42
  severity:
    scale: [info, low, medium, high, critical]
`

/** Loads a model text and fails the test with the problems when it does not load. */
export function load(text: string, path = 'models/shop.threatmodel.yaml'): LoadedModel {
  const result = loadModel({ path, content: text })
  if (!result.model) throw new Error(`fixture does not load:\n${result.problems.map(formatProblem).join('\n')}`)
  return result.model
}

/** Applies text edits, each of which must match exactly once, so a fixture edit never silently misses. */
export function edit(text: string, ...edits: [from: string | RegExp, to: string][]): string {
  let out = text
  for (const [from, to] of edits) {
    if (typeof from === 'string') {
      const count = out.split(from).length - 1
      if (count !== 1) throw new Error(`edit expected one match of ${JSON.stringify(from)}, found ${count}`)
      out = out.replace(from, () => to)
    } else {
      if (!from.global) throw new Error('regular-expression edits must be global')
      if (!from.test(out)) throw new Error(`edit found no match of ${String(from)}`)
      from.lastIndex = 0
      out = out.replace(from, to)
    }
  }
  return out
}

/** The single change of an element, failing when there is none or several. */
export function changeOf(diff: ModelDiff, section: ElementChange['section'], id: string): ElementChange {
  const found = diff.changes.filter((c) => c.section === section && c.id === id)
  expect(found).toHaveLength(1)
  return found[0]
}

/** The field change at a path, failing when it is absent. */
export function fieldOf(change: ElementChange, path: string): FieldChange {
  const found = change.fields.find((f) => f.path === path)
  if (!found) throw new Error(`no field change at ${path}; have ${change.fields.map((f) => f.path).join(', ')}`)
  return found
}

/** The derived changes of a kind. */
export function derivedOf(diff: ModelDiff, kind: DerivedChange['kind']): DerivedChange[] {
  return diff.derived.filter((d) => d.kind === kind)
}

/** Compact description of a diff's element changes, e.g. `threats:T-1:changed`. */
export function outline(diff: ModelDiff): string[] {
  return diff.changes.map((c) => `${c.section}:${c.previousId ? `${c.previousId}->` : ''}${c.id}:${c.change}`)
}
