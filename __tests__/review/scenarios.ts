import { readFileSync } from 'node:fs'
import { dump, load } from 'js-yaml'
import type { ModelSource } from '../../src/core/model/load.js'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange } from '../../src/core/review/review.js'
import type { Review, ReviewContext } from '../../src/core/review/types.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import type { ExistingIssue } from '../../src/core/tracker/types.js'

export const BASE = readFileSync('examples/demo/base/payments.threatmodel.yaml', 'utf8')
export const HEAD = readFileSync('examples/demo/head/payments.threatmodel.yaml', 'utf8')
const PATH = 'models/payments.threatmodel.yaml'

const NEW_THREAT = `
  - id: T-010
    title: Refund endpoint abused to cash out stolen cards
    category: elevation-of-privilege
    targets: [api]
    source: fraudster
    references: { cwe: [CWE-840] }
    likelihood: medium
    impact: high
    status: open
`

function withThreat(text: string, threat: string): string {
  return text.replace('\nmitigations:\n', `${threat}\nmitigations:\n`)
}

function manyThreats(count: number): string {
  let block = ''
  for (let i = 0; i < count; i++) {
    block += `
  - id: T-BULK-${String(i).padStart(4, '0')}
    title: Bulk threat number ${i} against the payments API with a long descriptive title to fill the comment
    category: tampering
    targets: [api]
    likelihood: ${['low', 'medium', 'high'][i % 3]}
    impact: ${['medium', 'high', 'very-high'][i % 3]}
    status: open
`
  }
  return block
}

const HOSTILE = `
  - id: T-666
    title: "@admin please /close this <script>alert(1)</script> | col | fixes #1 \`tick\`"
    description: |
      /close
      /label ~security
      <details><summary>x</summary>
      @everyone ![track](http://evil.example/p.png)
    category: tampering
    targets: [api]
    likelihood: high
    impact: very-high
    status: open
`

function bulkThreats(ids: readonly string[], level = (i: number) => ['low', 'medium', 'high'][i % 3]): string {
  return ids
    .map(
      (id, i) => `
  - id: ${id}
    title: Tampering with stored payment record ${id}
    category: tampering
    targets: [api]
    likelihood: ${level(i)}
    impact: medium
    status: open
`
    )
    .join('')
}

/** A 250-threat model, and a change to 5 % of it: 12 new threats (some high) and one raised. */
const LARGE_IDS = Array.from({ length: 250 }, (_, i) => `T-BULK-${String(i).padStart(4, '0')}`)
const LARGE_BASE = withThreat(BASE, bulkThreats(LARGE_IDS))
const LARGE_HEAD = withThreat(
  BASE,
  bulkThreats(LARGE_IDS).replace(/(id: T-BULK-0007\n[\s\S]*?likelihood: )medium/, '$1very-high') +
    bulkThreats(
      Array.from({ length: 12 }, (_, i) => `T-new-${i}`),
      (i) => (i % 4 === 0 ? 'very-high' : 'low')
    )
)

/** Two planned mitigations shipped: each lowers a high threat. */
const EXTRA_HIGH = `
  - id: T-004
    title: Refund amounts tampered in transit to the acquirer
    category: tampering
    targets: [authorise]
    source: insider
    likelihood: high
    impact: medium
    status: open
    mitigations: [M-004]
`
const EXTRA_MITIGATION = `
  - id: M-004
    title: Sign refund requests end to end
    type: preventive
    status: planned
    roadmap: short
    owner: team-payments
    effects: [{ threat: T-004, reduces: lef, strength: strong }]
`
const MITIGATIONS_BASE = withThreat(BASE, EXTRA_HIGH).replace('\nassumptions:\n', `${EXTRA_MITIGATION}\nassumptions:\n`)
const MITIGATIONS_HEAD = MITIGATIONS_BASE.replace(/(id: M-001[\s\S]*?status: )planned/, '$1implemented').replace(
  /(id: M-004[\s\S]*?status: )planned/,
  '$1implemented'
)

/** A new internet-facing service with two flows and no threat. */
const GIFT_COMPONENT = `  - id: gift-portal
    title: Gift card portal
    type: service
    zone: dmz
    owner: team-payments
    internet_facing: true
    assets: [session]
`
const GIFT_FLOWS = `  - id: gift-browse
    from: shopper
    to: gift-portal
    protocol: https
    assets: [session]
    authentication: session-cookie
    encrypted: true
  - id: gift-redeem
    from: gift-portal
    to: vault
    protocol: postgres
    assets: [card-data]
    authentication: password
    encrypted: true
`
const NEW_SURFACE = BASE.replace('\ndataflows:\n', `${GIFT_COMPONENT}\ndataflows:\n`).replace('\nactors:\n', `${GIFT_FLOWS}\nactors:\n`)

/** A refactor: threat, mitigation, component and flow ids renamed (references follow), the vault moved to its own zone. */
function renamed(text: string): string {
  return text
    .replace(/\bT-002\b/g, 'DISCLOSE-002')
    .replace(/\bM-002\b/g, 'MIT-TLS')
    .replace(/(id|to|from): vault\b/g, '$1: token-vault')
    .replace(/\bstore-token\b/g, 'tokenise')
    .replace(
      '{ id: core, title: Core network, trust: 2 }',
      '{ id: core, title: Core network, trust: 2 }\n  - { id: vault-net, title: Vault network, trust: 2 }'
    )
    .replace(/(id: token-vault\n(?:.*\n)*?\s+zone: )core/, '$1vault-net')
}

/** The model without FAIR inputs: every threat rated only by likelihood and impact. */
function stripFair(text: string): string {
  return text.replace(/\n {4}risk: +# optional FAIR inputs[^\n]*\n {6}fair:\n( {8}.*\n)+?(?= {4}status)/, '\n')
}

/** The base/head texts of each golden scenario (null head file = model deleted). */
export const SCENARIOS: Record<string, { base: ModelSource[] | null; head: ModelSource[]; existing?: ExistingIssue[] }> = {
  'demo-pull-request': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: HEAD }] },
  'new-threat': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: withThreat(BASE, NEW_THREAT) }] },
  'mitigation-implemented': {
    base: [{ path: PATH, content: BASE }],
    head: [{ path: PATH, content: BASE.replace(/(id: M-001[\s\S]*?status: )planned/, '$1implemented') }]
  },
  'broken-head': {
    base: [{ path: PATH, content: BASE }],
    head: [
      {
        path: PATH,
        content: BASE.replace('likelihood: medium                # very-low', 'likelihood: hihg                # very-low').replace(
          'zone: core\n',
          'zone: coer\n'
        )
      }
    ]
  },
  'model-deleted': { base: [{ path: PATH, content: BASE }], head: [] },
  'no-semantic-change': {
    base: [{ path: PATH, content: BASE }],
    head: [{ path: PATH, content: dump(load(BASE), { flowLevel: 2, sortKeys: true }).replace(/\n/g, '\r\n') }]
  },
  'huge-diff': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: withThreat(BASE, manyThreats(600)) }] },
  'hostile-strings': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: withThreat(BASE, HOSTILE) }] },
  'typo-fix': {
    base: [
      {
        path: PATH,
        content: BASE.replace(
          'Card payments for the web shop; tokenises cards and talks to the acquirer.',
          'Card payments for the web shop; tokenises cards and talks to the aquirer.'
        )
      }
    ],
    head: [{ path: PATH, content: BASE }]
  },
  'mitigations-done': { base: [{ path: PATH, content: MITIGATIONS_BASE }], head: [{ path: PATH, content: MITIGATIONS_HEAD }] },
  'new-surface': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: NEW_SURFACE }] },
  'refactor-renames': { base: [{ path: PATH, content: BASE }], head: [{ path: PATH, content: renamed(BASE) }] },
  'large-model-change': { base: [{ path: PATH, content: LARGE_BASE }], head: [{ path: PATH, content: LARGE_HEAD }] },
  'qualitative-only': {
    base: [{ path: PATH, content: stripFair(BASE) }],
    head: [{ path: PATH, content: stripFair(withThreat(BASE, NEW_THREAT)) }]
  },
  'comment-only': {
    base: [{ path: PATH, content: BASE }],
    head: [
      {
        path: PATH,
        content: BASE.replace('# Demo review, base side', '# Demo review (reviewed by the platform team), base side').replace(
          '# STRIDE (or LINDDUN) category',
          '# STRIDE category'
        )
      }
    ]
  },
  'new-model-beside-existing': {
    base: [{ path: PATH, content: BASE }],
    head: [
      { path: PATH, content: BASE },
      {
        path: 'models/ledger.threatmodel.yaml',
        content:
          'threatloop: 1\nmodel: { id: ledger, title: Ledger, owner: team-ledger }\ncomponents:\n  - { id: ledger-db, type: datastore, owner: team-ledger }\n'
      }
    ]
  }
}

/** Runs a scenario through the core review with fixed context, so outputs are reproducible. */
export function runScenario(name: string, context: Partial<ReviewContext> = {}): Review {
  const scenario = SCENARIOS[name]
  const { ruleSet, problems } = loadRuleSet({})
  return reviewChange(
    scenario.base ? { files: scenario.base } : null,
    { files: scenario.head },
    {
      platform: 'github',
      event: 'pull_request',
      repository: 'acme/shop',
      repositoryUrl: 'https://github.com/acme/shop',
      number: 7,
      base: { label: 'main (a1b2c3d)', sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
      head: { label: 'PR #7 (d4e5f60)', sha: 'd4e5f60718293a4b5c6d7e8f9012345678a1b2c3' },
      today: '2026-11-27',
      ...context
    },
    {
      toolVersion: '0.1.0',
      ruleSet,
      gate: DEFAULT_GATE_SETTINGS,
      problems,
      risk: { iterations: 2000 },
      node: 20,
      issues: { mode: 'preview', label: 'threatloop', extraLabels: [], assignOwners: true, existing: scenario.existing ?? [] }
    }
  )
}

/** Markdown structure a renderer must keep: consistent tables, balanced details and code fences. */
export function checkMarkdownStructure(markdown: string): string[] {
  const errors: string[] = []
  const lines = markdown.split('\n')
  let fence = false
  let tableColumns = 0
  const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length - 2
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('```')) fence = !fence
    if (fence) continue
    if (line.startsWith('|')) {
      const n = cells(line)
      if (tableColumns === 0) tableColumns = n
      else if (n !== tableColumns) errors.push(`line ${i + 1}: ${n} cells, the table has ${tableColumns}`)
    } else tableColumns = 0
  }
  if (fence) errors.push('an unclosed code fence')
  const open = (markdown.match(/<details[ >]/g) ?? []).length
  const close = (markdown.match(/<\/details>/g) ?? []).length
  if (open !== close) errors.push(`${open} <details> opened, ${close} closed`)
  return errors
}
