/* eslint-disable jest/no-standalone-expect -- the table's check functions run inside test.each below */
import { describe, expect, test } from '@jest/globals'
import { dump } from 'js-yaml'
import { diffModels } from '../../src/core/diff/diff-models.js'
import type { ModelDiff } from '../../src/core/diff/types.js'
import { BASE, changeOf, derivedOf, edit, fieldOf, load, outline } from './fixtures.js'

interface DiffCase {
  name: string
  /** Base text; `null` for a model that does not exist on that side. */
  base?: string | null
  head: string | null
  check: (diff: ModelDiff) => void
}

const baseDocument = load(BASE).document

/** Formatting-only rewrites of the base: every one must give an empty diff. */
const FORMATTING: { name: string; head: string; path?: string }[] = [
  { name: 'keys sorted alphabetically', head: dump(baseDocument, { sortKeys: true, lineWidth: -1 }) },
  { name: 'every scalar double-quoted', head: dump(baseDocument, { forceQuotes: true, quoteStyle: 'double', lineWidth: -1 }) },
  {
    name: 'comments added',
    head: edit(
      BASE,
      ['threatloop: 1\n', '# Shop model\nthreatloop: 1 # format\n'],
      ['  - id: T-1\n', '  # the replay threat\n  - id: T-1 # keep\n']
    )
  },
  { name: 'CRLF line endings', head: BASE.replace(/\n/g, '\r\n') },
  { name: 'no trailing newline', head: BASE.trimEnd() },
  { name: 'extra trailing blank lines', head: `${BASE}\n\n\n` },
  { name: 'flow style mappings and lists', head: dump(baseDocument, { flowLevel: 2, lineWidth: -1 }) },
  { name: 'block style everywhere', head: dump(baseDocument, { flowLevel: -1, lineWidth: -1 }) },
  { name: 'JSON instead of YAML', head: JSON.stringify(baseDocument, null, 2), path: 'models/shop.threatmodel.json' },
  {
    name: 'elements and id lists reordered',
    head: edit(
      BASE,
      ['mitigations: [M-1, M-2]', 'mitigations: [M-2, M-1]'],
      ['targets: [checkout, api]', 'targets: [api, checkout]'],
      [
        '  - id: A-1\n    text: The acquirer validates the client certificate.\n',
        '  - text: The acquirer validates the client certificate.\n    id: A-1\n'
      ]
    )
  },
  {
    name: 'block scalar rewritten as a quoted string',
    head: edit(BASE, [
      '    description: |\n      An attacker replays a stolen session token.\n      The API accepts it from any client.\n',
      '    description: "An attacker replays a stolen session token.\\nThe API accepts it from any client."\n'
    ])
  },
  { name: 'empty list written out', head: edit(BASE, ['    type: process\n', '    type: process\n    tags: []\n    technologies: []\n']) }
]

const CASES: DiffCase[] = [
  // ----- element added / removed / changed -----
  {
    name: 'a threat is added',
    head: edit(BASE, [
      'mitigations:\n  - id: M-1',
      '  - id: T-3\n    title: Price tampering\n    targets: [checkout]\nmitigations:\n  - id: M-1'
    ]),
    check: (diff) => {
      const change = changeOf(diff, 'threats', 'T-3')
      expect(change.change).toBe('added')
      expect(change.after).toEqual({ id: 'T-3', title: 'Price tampering', targets: ['checkout'] })
      expect(diff.summary.total).toEqual({ added: 1, removed: 0, changed: 0, renamed: 0 })
      expect(diff.summary.bySection).toEqual({ threats: { added: 1, removed: 0, changed: 0, renamed: 0 } })
    }
  },
  {
    name: 'an assumption is removed',
    head: edit(
      BASE,
      ['  - id: A-1\n    text: The acquirer validates the client certificate.\n', '  []\n'],
      ['assumptions:\n  []\n', 'assumptions: []\n']
    ),
    check: (diff) => {
      expect(outline(diff)).toEqual(['assumptions:A-1:removed'])
      expect(changeOf(diff, 'assumptions', 'A-1').before).toEqual({ id: 'A-1', text: 'The acquirer validates the client certificate.' })
    }
  },
  {
    name: 'a scalar field changes',
    head: edit(BASE, ['    status: open\n', '    status: accepted\n']),
    check: (diff) => {
      const change = changeOf(diff, 'threats', 'T-1')
      expect(change.change).toBe('changed')
      expect(change.fields).toEqual([{ path: 'status', change: 'modified', before: 'open', after: 'accepted' }])
    }
  },
  {
    name: 'a field is set and another unset',
    head: edit(BASE, ['    type: detective\n', '    owner: soc\n']),
    check: (diff) => {
      expect(changeOf(diff, 'mitigations', 'M-2').fields).toEqual([
        { path: 'owner', change: 'added', after: 'soc' },
        { path: 'type', change: 'removed', before: 'detective' }
      ])
    }
  },
  {
    name: 'nested values change with dotted paths',
    head: edit(
      BASE,
      ['      integrity: medium\n', '      integrity: high\n      availability: low\n'],
      ['lef: { min: 0.1, likely: 0.3, max: 1 }', 'lef: { min: 0.1, likely: 0.3, max: 2 }']
    ),
    check: (diff) => {
      expect(changeOf(diff, 'assets', 'card-data').fields).toEqual([
        { path: 'cia.availability', change: 'added', after: 'low' },
        { path: 'cia.integrity', change: 'modified', before: 'medium', after: 'high' }
      ])
      expect(changeOf(diff, 'threats', 'T-2').fields).toEqual([{ path: 'risk.fair.lef.max', change: 'modified', before: 1, after: 2 }])
    }
  },
  {
    name: 'id lists are compared as sets',
    head: edit(BASE, ['targets: [checkout, api]', 'targets: [api, store, checkout]'], ['mitigations: [M-1, M-2]', 'mitigations: [M-1]']),
    check: (diff) => {
      const change = changeOf(diff, 'threats', 'T-1')
      expect(fieldOf(change, 'targets')).toMatchObject({ change: 'members', addedMembers: ['store'], removedMembers: [] })
      expect(fieldOf(change, 'mitigations')).toMatchObject({
        change: 'members',
        addedMembers: [],
        removedMembers: ['M-2'],
        before: ['M-1', 'M-2'],
        after: ['M-1']
      })
      expect(change.fields).toHaveLength(2)
    }
  },
  {
    name: 'a list appears where there was none',
    head: edit(BASE, ['    type: process\n', '    type: process\n    technologies: [node, postgres]\n']),
    check: (diff) => {
      expect(changeOf(diff, 'components', 'worker').fields).toEqual([
        { path: 'technologies', change: 'members', after: ['node', 'postgres'], addedMembers: ['node', 'postgres'], removedMembers: [] }
      ])
    }
  },
  {
    name: 'effects are matched by threat and factor',
    head: edit(
      BASE,
      ['        strength: strong\n', '        strength: average\n      - threat: T-1\n        reduces: tef\n        strength: weak\n'],
      ['likely: 0.7, max: 0.9', 'likely: 0.7, max: 0.95']
    ),
    check: (diff) => {
      expect(changeOf(diff, 'mitigations', 'M-1').fields).toEqual([
        { path: 'effects[T-1/lef].strength', change: 'modified', before: 'strong', after: 'average' },
        { path: 'effects[T-1/tef]', change: 'added', after: { threat: 'T-1', reduces: 'tef', strength: 'weak' } }
      ])
      expect(changeOf(diff, 'mitigations', 'M-3').fields).toEqual([
        { path: 'effects[T-2/vulnerability].by.max', change: 'modified', before: 0.9, after: 0.95 }
      ])
    }
  },
  {
    name: 'effects reordered are unchanged',
    base: edit(BASE, [
      '        strength: strong\n',
      '        strength: strong\n      - threat: T-1\n        reduces: tef\n        strength: weak\n'
    ]),
    head: edit(BASE, [
      '      - threat: T-1\n        reduces: lef\n        strength: strong\n',
      '      - { threat: T-1, reduces: tef, strength: weak }\n      - { reduces: lef, threat: T-1, strength: strong }\n'
    ]),
    check: (diff) => expect(diff.isEmpty).toBe(true)
  },
  {
    name: 'a changed text field carries a unified diff',
    head: edit(BASE, [
      '      The API accepts it from any client.\n',
      '      The API accepts it from any client without binding.\n      Tokens live for 30 days.\n'
    ]),
    check: (diff) => {
      const field = fieldOf(changeOf(diff, 'threats', 'T-1'), 'description')
      expect(field.change).toBe('modified')
      expect(field.patch).toContain('--- a/threats/T-1/description')
      expect(field.patch).toContain('-The API accepts it from any client.\n')
      expect(field.patch).toContain('+The API accepts it from any client without binding.\n+Tokens live for 30 days.\n')
      expect(field.patch).toContain(' An attacker replays a stolen session token.\n')
    }
  },
  {
    name: 'a text set or unset carries a patch against nothing; added members are sorted',
    head: edit(
      BASE,
      [
        '    type: detective\n',
        '    type: detective\n    description: |\n      Fires when one session is used\n      from two countries within an hour.\n    tags: [zeta, alpha]\n'
      ],
      ['    summary: Credential stuffing against the login.\n', '    summary: Credential stuffing against the login.\n    status: open\n']
    ),
    check: (diff) => {
      const change = changeOf(diff, 'mitigations', 'M-2')
      expect(fieldOf(change, 'description')).toMatchObject({
        change: 'added',
        after: 'Fires when one session is used\nfrom two countries within an hour.\n'
      })
      expect(fieldOf(change, 'description').patch).toBe(
        '--- a/mitigations/M-2/description\n+++ b/mitigations/M-2/description\n@@ -0,0 +1,2 @@\n+Fires when one session is used\n+from two countries within an hour.\n'
      )
      expect(fieldOf(change, 'tags')).toMatchObject({ addedMembers: ['alpha', 'zeta'], removedMembers: [] })
      expect(fieldOf(changeOf(diff, 'incidents', 'INC-1'), 'status').patch).toBeUndefined()
    }
  },
  {
    name: 'short titles have no patch, long titles and verification texts do',
    head: edit(
      BASE,
      ['    title: Payments API\n', '    title: Payments gateway\n'],
      [
        'title: Encrypt card columns',
        'title: Encrypt card columns at rest with per-tenant keys held in the platform key management service'
      ],
      [
        'verification: A replayed token from another client is rejected.',
        'verification: A replayed token from another client is rejected with 401.'
      ]
    ),
    check: (diff) => {
      expect(fieldOf(changeOf(diff, 'components', 'api'), 'title').patch).toBeUndefined()
      expect(fieldOf(changeOf(diff, 'mitigations', 'M-3'), 'title').patch).toContain('+Encrypt card columns at rest')
      expect(fieldOf(changeOf(diff, 'mitigations', 'M-1'), 'verification').patch).toContain(
        '+A replayed token from another client is rejected with 401.'
      )
    }
  },
  // ----- renames -----
  {
    name: 'a threat renamed with identical content, references updated',
    head: edit(BASE, ['  - id: T-2\n', '  - id: T-20\n'], ['threat: T-2,', 'threat: T-20,']),
    check: (diff) => {
      expect(outline(diff)).toEqual(['threats:T-2->T-20:renamed'])
      const change = changeOf(diff, 'threats', 'T-20')
      expect(change).toMatchObject({ previousId: 'T-2', similarity: 1, fields: [] })
      expect(diff.derived).toEqual([])
    }
  },
  {
    name: 'a renamed threat with a field change is one rename, its referrers unchanged',
    head: edit(
      BASE,
      ['  - id: T-1\n', '  - id: T-100\n'],
      ['    status: open\n', '    status: accepted\n'],
      ['      - threat: T-1\n', '      - threat: T-100\n'],
      ['threats: [T-1]', 'threats: [T-100]']
    ),
    check: (diff) => {
      expect(outline(diff)).toEqual(['threats:T-1->T-100:renamed'])
      const change = changeOf(diff, 'threats', 'T-100')
      expect(change.fields).toEqual([{ path: 'status', change: 'modified', before: 'open', after: 'accepted' }])
      expect(change.similarity).toBeGreaterThanOrEqual(0.8)
      expect(change.similarity).toBeLessThan(1)
    }
  },
  {
    name: 'a renamed zone does not change the components in it',
    head: edit(BASE, ['  - id: core\n', '  - id: core-net\n'], [/zone: core\n/g, 'zone: core-net\n']),
    check: (diff) => {
      expect(outline(diff)).toEqual(['zones:core->core-net:renamed'])
      expect(diff.derived).toEqual([])
    }
  },
  {
    name: 'a renamed component keeps its suppression and flows',
    base: edit(BASE, ['    target: shop\n', '    target: db\n']),
    head: edit(BASE, [/\bdb\b/g, 'orders-db'], ['    target: shop\n', '    target: orders-db\n']),
    check: (diff) => {
      expect(outline(diff)).toEqual(['components:db->orders-db:renamed'])
    }
  },
  {
    name: 'a mitigation and the threat linking to it both renamed',
    head: edit(BASE, [/\bM-3\b/g, 'M-30'], [/\bT-2\b/g, 'T-20']),
    check: (diff) => {
      expect(outline(diff)).toEqual(['threats:T-2->T-20:renamed', 'mitigations:M-3->M-30:renamed'])
      expect(diff.changes.every((c) => c.fields.length === 0)).toBe(true)
    }
  },
  {
    name: 'near miss: new id and mostly new content is a removal and an addition',
    head: edit(
      BASE,
      ['  - id: T-1\n', '  - id: T-7\n'],
      ['    title: Session token replay\n', '    title: Cross-site request forgery on checkout\n'],
      ['    category: spoofing\n', '    category: tampering\n'],
      ['    likelihood: medium\n    impact: high\n', '    likelihood: low\n    impact: medium\n'],
      ['    source: fraudster\n', ''],
      ['      - threat: T-1\n', '      - threat: T-7\n'],
      ['threats: [T-1]', 'threats: [T-7]']
    ),
    check: (diff) => {
      expect(changeOf(diff, 'threats', 'T-1').change).toBe('removed')
      expect(changeOf(diff, 'threats', 'T-7').change).toBe('added')
      expect(diff.summary.total.renamed).toBe(0)
      expect(fieldOf(changeOf(diff, 'mitigations', 'M-1'), 'effects[T-1/lef]').change).toBe('removed')
      expect(fieldOf(changeOf(diff, 'incidents', 'INC-1'), 'threats')).toMatchObject({ addedMembers: ['T-7'], removedMembers: ['T-1'] })
    }
  },
  {
    name: 'near miss: a flow between two new components is not a rename of one between two removed components',
    base: edit(
      BASE,
      [
        '    zone: core\ndataflows:\n',
        '    zone: core\n  - { id: ftp-drop, title: Legacy FTP drop, type: service, zone: dmz }\n  - { id: ftp-store, title: FTP file store, type: datastore, zone: core }\ndataflows:\n'
      ],
      [
        'actors:\n',
        '  - { id: upload, from: ftp-drop, to: ftp-store, protocol: sftp, assets: [logs], authentication: mtls, encrypted: true }\nactors:\n'
      ]
    ),
    head: edit(
      BASE,
      [
        '    zone: core\ndataflows:\n',
        '    zone: core\n  - { id: event-bus, title: Event bus, type: queue, zone: dmz }\n  - { id: indexer, title: Search indexer, type: function, zone: core }\ndataflows:\n'
      ],
      [
        'actors:\n',
        '  - { id: publish, from: event-bus, to: indexer, protocol: sftp, assets: [logs], authentication: mtls, encrypted: true }\nactors:\n'
      ]
    ),
    check: (diff) => {
      expect(outline(diff)).toEqual([
        'components:event-bus:added',
        'components:ftp-drop:removed',
        'components:ftp-store:removed',
        'components:indexer:added',
        'dataflows:publish:added',
        'dataflows:upload:removed'
      ])
    }
  },
  {
    name: 'several rename candidates pair deterministically by id',
    head: edit(BASE, [
      '  - id: A-1\n    text: The acquirer validates the client certificate.\n',
      '  - { id: A-10, text: The acquirer validates the client certificate. }\n  - { id: A-9, text: The acquirer validates the client certificate. }\n'
    ]),
    check: (diff) => {
      expect(outline(diff)).toEqual(['assumptions:A-1->A-9:renamed', 'assumptions:A-10:added'])
    }
  },
  // ----- suppressions, model section, risk settings -----
  {
    name: 'suppressions keyed by rule and target',
    head: edit(BASE, [
      '    reason: Secrets live in the platform vault.\n',
      '    reason: Secrets live in the platform vault (see platform model).\n  - rule: unencrypted-flow\n    target: store\n'
    ]),
    check: (diff) => {
      expect(outline(diff)).toEqual(['suppressions:missing-secrets-store@shop:changed', 'suppressions:unencrypted-flow@store:added'])
      expect(fieldOf(changeOf(diff, 'suppressions', 'missing-secrets-store@shop'), 'reason').patch).toContain(
        '+Secrets live in the platform vault (see platform model).'
      )
    }
  },
  {
    name: 'a suppression removed',
    head: edit(BASE, [
      'suppressions:\n  - rule: missing-secrets-store\n    target: shop\n    reason: Secrets live in the platform vault.\n',
      ''
    ]),
    check: (diff) => expect(outline(diff)).toEqual(['suppressions:missing-secrets-store@shop:removed'])
  },
  {
    name: 'the model section changes',
    head: edit(BASE, ['  title: Shop\n', '  title: Shop payments\n  owner: team-pay\n']),
    check: (diff) => {
      const change = changeOf(diff, 'model', 'shop')
      expect(change.fields).toEqual([
        { path: 'owner', change: 'added', after: 'team-pay' },
        { path: 'title', change: 'modified', before: 'Shop', after: 'Shop payments' }
      ])
    }
  },
  {
    name: 'the model id changes',
    head: edit(BASE, ['  id: shop\n', '  id: shop-v2\n'], ['    target: shop\n', '    target: shop-v2\n']),
    check: (diff) => {
      expect(diff.modelId).toBe('shop-v2')
      expect(diff.previousModelId).toBe('shop')
      // The suppression follows the model id rather than showing as removed and added.
      expect(outline(diff)).toEqual(['model:shop-v2:changed'])
      expect(changeOf(diff, 'model', 'shop-v2').fields).toEqual([{ path: 'id', change: 'modified', before: 'shop', after: 'shop-v2' }])
    }
  },
  {
    name: 'risk settings change; the severity scale is ordered',
    head: edit(
      BASE,
      ['  seed: 42\n', '  seed: 43\n'],
      ['scale: [info, low, medium, high, critical]', 'scale: [low, info, medium, high, critical]']
    ),
    check: (diff) => {
      expect(changeOf(diff, 'risk', 'risk').fields).toEqual([
        { path: 'seed', change: 'modified', before: 42, after: 43 },
        {
          path: 'severity.scale',
          change: 'modified',
          before: ['info', 'low', 'medium', 'high', 'critical'],
          after: ['low', 'info', 'medium', 'high', 'critical']
        }
      ])
    }
  },
  {
    name: 'risk settings added',
    base: edit(BASE, ['risk:\n  currency: USD\n  seed: 42\n  severity:\n    scale: [info, low, medium, high, critical]\n', '']),
    head: BASE,
    check: (diff) => {
      const change = changeOf(diff, 'risk', 'risk')
      expect(change.change).toBe('added')
      expect(change.after).toMatchObject({ currency: 'USD', seed: 42 })
    }
  },
  // ----- whole models -----
  {
    name: 'a model that appears is a whole-model addition',
    base: null,
    head: BASE,
    check: (diff) => {
      expect(diff.kind).toBe('model-added')
      expect(diff.isEmpty).toBe(false)
      expect(diff.modelId).toBe('shop')
      expect(diff.headFile).toBe('models/shop.threatmodel.yaml')
      expect(diff.baseFile).toBeUndefined()
      expect(diff.summary.total).toEqual({ added: 23, removed: 0, changed: 0, renamed: 0 })
      expect(diff.summary.bySection.threats).toEqual({ added: 2, removed: 0, changed: 0, renamed: 0 })
      expect(diff.changes[0]).toMatchObject({ section: 'model', id: 'shop', change: 'added' })
      expect(diff.changes.at(-1)).toMatchObject({ section: 'risk', change: 'added' })
    }
  },
  {
    name: 'a model that disappears is a whole-model removal',
    head: null,
    check: (diff) => {
      expect(diff.kind).toBe('model-removed')
      expect(diff.modelId).toBe('shop')
      expect(diff.summary.total.removed).toBe(23)
      expect(diff.changes.every((c) => c.change === 'removed' && c.before !== undefined)).toBe(true)
      expect(diff.derived).toEqual([])
    }
  },
  {
    name: 'no model on either side is an empty diff',
    base: null,
    head: null,
    check: (diff) => expect(diff).toMatchObject({ kind: 'model-unchanged', isEmpty: true, modelId: '', changes: [] })
  },
  // ----- derived changes -----
  {
    name: 'threat severity rises',
    head: edit(BASE, ['    likelihood: medium\n    impact: high\n', '    likelihood: high\n    impact: high\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'threat-severity-moved')).toEqual([
        {
          kind: 'threat-severity-moved',
          section: 'threats',
          elementId: 'T-1',
          direction: 'up',
          before: 'high',
          after: 'critical',
          message: 'Threat T-1 severity rose from high to critical (likelihood medium → high).'
        }
      ])
    }
  },
  {
    name: 'threat severity falls, and a threat becomes unrated',
    head: edit(
      BASE,
      ['    impact: very-high\n', '    impact: low\n'],
      ['    likelihood: medium\n    impact: high\n', '    impact: high\n']
    ),
    check: (diff) => {
      const moves = derivedOf(diff, 'threat-severity-moved')
      expect(moves.map((d) => [d.elementId, d.direction, d.before, d.after])).toEqual([
        ['T-1', 'unrated', 'high', null],
        ['T-2', 'down', 'high', 'info']
      ])
    }
  },
  {
    name: 'mitigation status progresses, regresses and moves sideways',
    head: edit(
      BASE,
      ['    status: planned\n', '    status: implemented\n'],
      ['    status: proposed\n', '    status: rejected\n'],
      ['    status: implemented\n    effects: [{ threat: T-2', '    status: existing\n    effects: [{ threat: T-2']
    ),
    check: (diff) => {
      expect(derivedOf(diff, 'mitigation-status-moved').map((d) => [d.elementId, d.direction, d.before, d.after])).toEqual([
        ['M-1', 'progress', 'planned', 'implemented'],
        ['M-2', 'regression', 'proposed', 'rejected'],
        ['M-3', 'lateral', 'implemented', 'existing']
      ])
      expect(derivedOf(diff, 'mitigation-status-moved')[0].message).toBe('Mitigation M-1 progressed: status planned → implemented.')
    }
  },
  {
    name: 'a flow starts crossing a trust boundary when a component moves zone',
    head: edit(BASE, [
      '    title: Report worker\n    type: process\n    zone: core\n',
      '    title: Report worker\n    type: process\n    zone: dmz\n'
    ]),
    check: (diff) => {
      expect(derivedOf(diff, 'flow-crosses-trust-boundary')).toEqual([
        expect.objectContaining({ elementId: 'jobs', before: { from: 2, to: 2 }, after: { from: 2, to: 1 } })
      ])
    }
  },
  {
    name: 'a flow starts crossing a trust boundary when a zone trust changes',
    base: edit(BASE, ['  - id: dmz\n    trust: 1\n', '  - id: dmz\n    trust: 2\n']),
    head: BASE,
    check: (diff) => {
      expect(derivedOf(diff, 'flow-crosses-trust-boundary').map((d) => d.elementId)).toEqual(['store'])
      expect(changeOf(diff, 'zones', 'dmz').fields).toEqual([{ path: 'trust', change: 'modified', before: 2, after: 1 }])
    }
  },
  {
    name: 'a flow loses encryption',
    head: edit(BASE, ['    authentication: password\n    encrypted: true\n', '    authentication: password\n    encrypted: false\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'flow-lost-encryption')).toEqual([
        expect.objectContaining({
          elementId: 'store',
          before: true,
          after: false,
          message: 'Flow store (api → db) is no longer encrypted.'
        })
      ])
    }
  },
  {
    name: 'flows lose authentication (set to none, or removed)',
    head: edit(BASE, ['authentication: session-cookie', 'authentication: none'], ['    authentication: mtls\n', '']),
    check: (diff) => {
      expect(derivedOf(diff, 'flow-lost-authentication').map((d) => [d.elementId, d.before, d.after])).toEqual([
        ['checkout', 'session-cookie', 'none'],
        ['jobs', 'mtls', null]
      ])
    }
  },
  {
    name: 'a flow carries more sensitive data',
    head: edit(BASE, ['    assets: [logs]\n', '    assets: [logs, card-data]\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'flow-data-more-sensitive')).toEqual([
        expect.objectContaining({ elementId: 'jobs', before: 'internal', after: 'confidential', direction: 'rose' })
      ])
    }
  },
  {
    name: 'an asset classification rises (and the flows carrying it get more sensitive)',
    head: edit(BASE, ['    classification: internal\n', '    classification: restricted\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'asset-classification-moved')).toEqual([
        expect.objectContaining({
          elementId: 'logs',
          direction: 'rose',
          before: 'internal',
          after: 'restricted',
          message: 'Asset logs classification rose from internal to restricted.'
        })
      ])
      expect(derivedOf(diff, 'flow-data-more-sensitive').map((d) => d.elementId)).toEqual(['jobs'])
    }
  },
  {
    name: 'an asset classification falls',
    head: edit(BASE, ['    classification: confidential\n', '    classification: internal\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'asset-classification-moved')).toEqual([
        expect.objectContaining({ elementId: 'card-data', direction: 'fell' })
      ])
      expect(derivedOf(diff, 'flow-data-more-sensitive')).toEqual([])
    }
  },
  {
    name: 'a component becomes internet-facing',
    head: edit(BASE, ['    type: service\n', '    type: service\n    internet_facing: true\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'component-became-internet-facing')).toEqual([
        {
          kind: 'component-became-internet-facing',
          section: 'components',
          elementId: 'api',
          before: false,
          after: true,
          message: 'Component api is now internet-facing.'
        }
      ])
    }
  },
  {
    name: 'a threat loses its last mitigation by unlinking',
    head: edit(
      BASE,
      ['    mitigations: [M-3]\n', '    mitigations: []\n'],
      ['    effects: [{ threat: T-2, reduces: vulnerability, by: { min: 0.5, likely: 0.7, max: 0.9 } }]\n', '']
    ),
    check: (diff) => {
      expect(derivedOf(diff, 'threat-lost-last-mitigation')).toEqual([
        expect.objectContaining({ elementId: 'T-2', before: ['M-3'], after: [], message: 'Threat T-2 lost its last mitigation (had M-3).' })
      ])
    }
  },
  {
    name: 'a threat loses its last mitigation when that mitigation is rejected',
    head: edit(BASE, ['    status: implemented\n', '    status: rejected\n']),
    check: (diff) => {
      expect(derivedOf(diff, 'threat-lost-last-mitigation').map((d) => d.elementId)).toEqual(['T-2'])
      expect(derivedOf(diff, 'mitigation-status-moved').map((d) => d.direction)).toEqual(['regression'])
    }
  },
  {
    name: 'losing one of two mitigations is not losing the last',
    head: edit(BASE, ['mitigations: [M-1, M-2]', 'mitigations: [M-1]']),
    check: (diff) => expect(derivedOf(diff, 'threat-lost-last-mitigation')).toEqual([])
  },
  {
    name: 'derived changes follow a renamed element',
    head: edit(
      BASE,
      ['  - id: store\n', '  - id: persist-order\n'],
      ['targets: [store]', 'targets: [persist-order]'],
      ['    authentication: password\n    encrypted: true\n', '    authentication: password\n    encrypted: false\n']
    ),
    check: (diff) => {
      expect(outline(diff)).toEqual(['dataflows:store->persist-order:renamed'])
      expect(derivedOf(diff, 'flow-lost-encryption')).toEqual([
        expect.objectContaining({ elementId: 'persist-order', previousId: 'store' })
      ])
    }
  },
  // ----- ordering -----
  {
    name: 'changes across sections are ordered by section, then id',
    head: edit(
      BASE,
      ['    status: open\n', '    status: accepted\n'],
      ['    title: Report worker\n', '    title: Nightly report worker\n'],
      ['  seed: 42\n', '  seed: 7\n'],
      ['  title: Shop\n', '  title: Web shop\n'],
      ['    title: Application logs\n', '    title: Logs\n'],
      ['    title: Card data read from the database\n', '    title: Card data read from the orders database\n']
    ),
    check: (diff) => {
      expect(outline(diff)).toEqual([
        'model:shop:changed',
        'assets:logs:changed',
        'components:worker:changed',
        'threats:T-1:changed',
        'threats:T-2:changed',
        'risk:risk:changed'
      ])
      expect(diff.summary.total.changed).toBe(6)
      expect(Object.keys(diff.summary.bySection)).toEqual(['model', 'assets', 'components', 'threats', 'risk'])
    }
  }
]

describe('diffModels: formatting-only changes give an empty diff', () => {
  test.each(FORMATTING)('$name', ({ head, path }) => {
    expect(head).not.toBe(BASE)
    const diff = diffModels(load(BASE), load(head, path))
    expect(diff.changes).toEqual([])
    expect(diff.derived).toEqual([])
    expect(diff.isEmpty).toBe(true)
    expect(diff.kind).toBe('model-unchanged')
  })
})

describe('diffModels: base/head pairs', () => {
  test.each(CASES)('$name', ({ base = BASE, head, check }) => {
    const diff = diffModels(base === null ? undefined : load(base), head === null ? undefined : load(head))
    check(diff)
    expect(diff.isEmpty).toBe(diff.kind === 'model-unchanged')
    // The Review JSON embeds the diff: it must survive a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(diff))).toStrictEqual(diff)
  })

  test('the table covers at least 30 pairs', () => {
    expect(CASES.length + FORMATTING.length).toBeGreaterThanOrEqual(30)
  })
})

describe('diffModels: determinism and inputs', () => {
  const head = edit(
    BASE,
    [/\bT-2\b/g, 'T-20'],
    ['    status: open\n', '    status: accepted\n'],
    ['    assets: [logs]\n', '    assets: [logs, card-data]\n']
  )

  test('the same inputs give byte-identical JSON', () => {
    expect(JSON.stringify(diffModels(load(BASE), load(head)))).toBe(JSON.stringify(diffModels(load(BASE), load(head))))
  })

  test('documents and loaded models give the same diff (file names aside)', () => {
    const fromLoaded = diffModels(load(BASE), load(head))
    const fromDocuments = diffModels(load(BASE).document, load(head).document)
    const { baseFile: _b, headFile: _h, ...rest } = fromLoaded
    expect(fromDocuments).toEqual(rest)
  })

  test('changes come out in section order, then id, whatever the document order', () => {
    const withAssumption = edit(head, ['assumptions:\n', 'assumptions:\n  - id: A-0\n    text: Added first.\n'])
    const diff = diffModels(load(BASE), load(withAssumption))
    expect(outline(diff)).toEqual(['dataflows:jobs:changed', 'threats:T-1:changed', 'threats:T-2->T-20:renamed', 'assumptions:A-0:added'])
    const reversed = load(withAssumption).document
    for (const section of ['threats', 'dataflows', 'assumptions'] as const) reversed[section]?.reverse()
    expect(JSON.stringify(diffModels(load(BASE).document, reversed))).toBe(
      JSON.stringify(diffModels(load(BASE).document, load(withAssumption).document))
    )
  })
})
