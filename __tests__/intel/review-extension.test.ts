import { describe, expect, test } from '@jest/globals'
import { pendingIntelExtension } from '../../src/core/intel/review-extension.js'
import type { IntelReport, Proposal } from '../../src/core/intel/types.js'
import { renderReviewMarkdown, visiblePart } from '../../src/core/render/review-markdown.js'
import { runScenario } from '../review/scenarios.js'

const report = (proposals: Proposal[], over: Partial<IntelReport> = {}): IntelReport => ({
  schema: 'threatloop-intel/1',
  today: '2026-01-15',
  windowDays: 90,
  knowledgeBase: { attack: '18.1' },
  proposals,
  unmodelled: [],
  vulnerable: [],
  warnings: [],
  problems: [],
  ...over
})
const proposal = (over: Partial<Proposal> = {}): Proposal => ({
  modelId: 'payments-api',
  file: 'models/payments.threatmodel.yaml',
  threatId: 'T-001',
  field: 'likelihood',
  from: 'low',
  to: 'high',
  reason: '37 sighting(s) in 90 days → at least high',
  evidence: [{ kind: 'sighting', id: 'sighting--1', count: 37, lastSeen: '2026-01-09' }],
  ...over
})

describe('pending intelligence in the review comment (#18)', () => {
  test('nothing pending: no section', () => {
    expect(pendingIntelExtension(report([]))).toBeUndefined()
  })

  test('a visible line, a next step and a folded list, rendered through the extension slot', () => {
    const extension = pendingIntelExtension(
      report([proposal(), proposal({ threatId: 'T-002', from: null, to: 'medium' })], {
        unmodelled: [{ technique: 'T1110', name: 'Brute Force', count: 12, evidence: [] }]
      })
    )
    expect(extension?.slot).toBe('intelligence-proposals')
    const comment = renderReviewMarkdown(runScenario('demo-pull-request'), {
      audience: 'comment',
      extensions: extension ? [extension] : []
    })
    const visible = visiblePart(comment)
    expect(visible).toContain('🛰️ **Threat intelligence:** 2 pending proposals for `payments-api`')
    expect(visible).toMatch(/consider the 2 pending intelligence proposals/)
    expect(comment).toContain('<summary>Pending threat intelligence (2)</summary>')
    expect(comment).toContain('- `payments-api` · threat `T-002` · `likelihood`: not set → **`medium`**')
    expect(comment).toContain('Seen but modelled by no threat: `T1110` Brute Force ×12.')
    expect(comment).toContain('Advisories (OSV) are checked by the scheduled run only.')
  })

  test("the scheduled run's open issue of a model is linked where it is known (by the model's marker key)", () => {
    const proposals = [
      proposal(),
      proposal({ modelId: 'billing api', file: 'models/billing.threatmodel.yaml' }),
      proposal({ modelId: 'web' })
    ]
    const extension = pendingIntelExtension(report(proposals), {
      issueHint: 'the scheduled run keeps an issue per model',
      // `billing api` has the key `billing_api` (markers carry a reduced character set); `web` has no issue.
      issues: {
        prefix: '#',
        byModel: new Map([
          ['payments-api', 12],
          ['billing_api', 40],
          ['other', 7]
        ])
      }
    })
    expect(extension?.visible?.[0]).toContain('3 pending proposals for `payments-api` (#12), `billing api` (#40), `web`, from')
    const detail = extension?.detail?.body.join('\n') ?? ''
    expect(detail).toContain(`the scheduled run's "Threat intelligence update" issues: #12 (\`payments-api\`), #40 (\`billing api\`).`)
    expect(detail).not.toContain('#7')
    expect(detail).not.toContain('keeps an issue per model')
    // None known: the hint stays, and nothing is linked.
    const unlinked = pendingIntelExtension(report([proposal()]), {
      issueHint: 'the scheduled run keeps an issue per model',
      issues: { prefix: '#', byModel: new Map() }
    })
    expect(unlinked?.visible?.[0]).toContain('for `payments-api`, from')
    expect(unlinked?.detail?.body.join('\n')).toContain('; the scheduled run keeps an issue per model.')
  })

  test('hostile model and feed strings are escaped: no HTML, mentions, references or quick actions', () => {
    const hostile = '<img src=x onerror=alert(1)> @admin #12 GH-3\n/close'
    const extension = pendingIntelExtension(
      report([proposal({ modelId: hostile, threatId: hostile, reason: hostile, to: { likely: hostile } })], {
        unmodelled: [{ technique: 'T1110', name: hostile, count: 1, evidence: [] }]
      })
    )
    const all = [...(extension?.visible ?? []), ...(extension?.nextSteps ?? []), ...(extension?.detail?.body ?? [])].join('\n')
    // Ids and values are code spans (shown literally, one line); everything else is escaped text.
    expect(all.match(/`[^`]*`/g)?.every((span) => !span.includes('\n'))).toBe(true)
    const text = all.replace(/`[^`]*`/g, '')
    expect(text).not.toMatch(/<img/)
    expect(text).not.toMatch(/(^|[^`])@admin/)
    expect(text).not.toMatch(/^\/close/m)
    expect(text).not.toMatch(/(^|\s)#12\b/)
  })
})
