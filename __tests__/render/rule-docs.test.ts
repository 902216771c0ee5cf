import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { remediationStep, renderRuleDoc, renderRuleDocPages, ruleDocs, ruleDocsUrl } from '../../src/core/render/rule-docs.js'
import { REVIEW_RULE_PAGES } from '../../src/core/rules/review-rules.js'
import { CODE_DRIFT_RULE_ID } from '../../src/core/drift/code-drift.js'
import { PRIORITY_VALUE_RULE_ID } from '../../src/core/value/priority-value.js'
import { BUILTIN_RULES } from '../../src/core/rules/builtin-rules.generated.js'
import { BUILTIN_RULE_TEXTS } from '../rules/builtin-rule-files.js'

const DIR = 'docs/rules'
const UPDATE = process.env.UPDATE_DOCS === '1'

/** Every page `npm run generate` would write, by file name. */
function expectedPages(): Map<string, string> {
  return renderRuleDocPages(BUILTIN_RULE_TEXTS)
}

describe('docs/rules', () => {
  test('every built-in rule has a page, generated from its rule file and up to date', () => {
    const pages = expectedPages()
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true })
      for (const file of readdirSync(DIR)) if (file.endsWith('.md') && !pages.has(file)) unlinkSync(join(DIR, file))
      for (const [file, text] of pages) writeFileSync(join(DIR, file), text)
    }
    const stale: string[] = []
    for (const [file, text] of pages) if (!existsSync(join(DIR, file)) || readFileSync(join(DIR, file), 'utf8') !== text) stale.push(file)
    const extra = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.md') && !pages.has(f)) : []
    // Regenerate with: npm run generate (or UPDATE_DOCS=1 on this test)
    expect({ stale, extra }).toEqual({ stale: [], extra: [] })
  })

  test('each page has the rationale, the remediation and both examples of its rule', () => {
    const docs = ruleDocs(BUILTIN_RULE_TEXTS)
    expect(docs.size).toBe(BUILTIN_RULE_TEXTS.length)
    for (const rule of docs.values()) {
      const page = renderRuleDoc(rule)
      expect(page).toContain(rule.rationale)
      expect(page).toContain(rule.remediation)
      expect(page.includes('## Example that triggers the rule')).toBe(rule.examples.reject.length > 0)
      expect(page.includes('## Example that passes')).toBe(rule.examples.accept.length > 0)
    }
  })

  test('each review-level rule has a page from its descriptor: what it checks, why, how to fix, configuration, suppression', () => {
    const pages = expectedPages()
    expect(REVIEW_RULE_PAGES.map((p) => p.rule.id).sort()).toEqual([CODE_DRIFT_RULE_ID, PRIORITY_VALUE_RULE_ID])
    for (const { rule, source, configuration, suppression } of REVIEW_RULE_PAGES) {
      const page = pages.get(`${rule.id}.md`)!
      expect(page).toMatch(new RegExp(`^<!-- Generated from ${source} by npm run generate`))
      expect(existsSync(source)).toBe(true)
      for (const heading of ['## What it checks', '## Why it matters', '## How to fix', '## Configuration', '## Suppressing it'])
        expect(page).toContain(heading)
      for (const text of [rule.description, rule.helpMarkdown.trim(), configuration.trim(), suppression.trim()])
        expect(page).toContain(text)
      expect(pages.get('README.md')).toContain(`[\`${rule.id}\`](${rule.id}.md)`)
      expect(ruleDocsUrl(rule.id)).toBe(`https://github.com/threatloop/threatloop/blob/v1/docs/rules/${rule.id}.md`)
    }
  })

  test('links and next steps exist for built-in rules only', () => {
    expect(ruleDocsUrl('threat-without-mitigation')).toBe(
      'https://github.com/threatloop/threatloop/blob/v1/docs/rules/threat-without-mitigation.md'
    )
    expect(ruleDocsUrl('my-custom-rule')).toBeUndefined()
    expect(remediationStep('cross-boundary-flow-without-threat')).toBe(
      'Walk the flow through STRIDE and record the threats that apply (targets: [flow-id]).'
    )
    expect(remediationStep('nope')).toBeUndefined()
  })

  test('the next steps of a review quote the remediation its page shows', () => {
    const docs = ruleDocs(BUILTIN_RULE_TEXTS)
    expect(BUILTIN_RULES.map((r) => [r.rule.id, r.rule.remediation])).toEqual(
      BUILTIN_RULES.map((r) => [r.rule.id, docs.get(r.rule.id)?.remediation])
    )
  })
})
