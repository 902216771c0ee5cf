import { describe, expect, test } from '@jest/globals'
import { parseRuleFile } from '../../src/core/rules/rule-schema.js'
import { describeRule } from '../../src/core/report/rule-descriptor.js'
import { ruleDescriptors } from '../../src/adapters/review/report-findings.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { CODE_DRIFT_RULE_ID } from '../../src/core/drift/code-drift.js'
import { PRIORITY_VALUE_RULE } from '../../src/core/value/priority-value.js'

const RULE_YAML = `id: unencrypted-confidential-flow
title: Unencrypted flow carries confidential data
severity: high
category: information-disclosure
cwe: [CWE-319]
tags: [design-risk]
rationale: Anyone on the path can read confidential data sent in clear text.
remediation: "Encrypt the flow (TLS 1.2 or later) and set \`encrypted: true\`."
false_positives: Flows inside one host over a loopback interface.
applies_to: dataflow
condition: "!self.encrypted"
message: "Flow {{self.id}} carries confidential data unencrypted"
`

describe('describeRule', () => {
  test('writes title, severity, description and help from a real rule file', () => {
    const { rule, problems } = parseRuleFile('rules/unencrypted-confidential-flow.yaml', RULE_YAML)
    expect(problems).toEqual([])
    if (!rule) throw new Error('rule did not parse')
    const descriptor = describeRule({ rule: rule.rule, severity: 'critical' })
    expect(descriptor).toMatchObject({
      id: 'unencrypted-confidential-flow',
      title: 'Unencrypted flow carries confidential data',
      severity: 'critical',
      description: 'Anyone on the path can read confidential data sent in clear text.',
      cwe: ['CWE-319'],
      category: 'information-disclosure',
      tags: ['design-risk']
    })
    expect(descriptor.helpMarkdown).toBe(
      [
        '## Why it matters\n\nAnyone on the path can read confidential data sent in clear text.',
        '## How to fix\n\nEncrypt the flow (TLS 1.2 or later) and set `encrypted: true`.',
        '## False positives\n\nFlows inside one host over a loopback interface.',
        '## References\n\n- [CWE-319](https://cwe.mitre.org/data/definitions/319.html)'
      ].join('\n\n')
    )
    expect(descriptor.helpText).toContain('How to fix: Encrypt the flow')
    expect(descriptor.helpText).not.toContain('##')
  })

  test('leaves out what the rule does not have', () => {
    const descriptor = describeRule({
      rule: { id: 'r', title: 'T', rationale: 'why', remediation: 'fix', false_positives: 'none known' },
      severity: 'low'
    })
    expect(descriptor.cwe).toBeUndefined()
    expect(descriptor.category).toBeUndefined()
    expect(descriptor.tags).toBeUndefined()
    expect(descriptor.helpMarkdown).not.toContain('References')
  })
})

describe('ruleDescriptors', () => {
  test('lists the findings the review makes itself, so no SARIF result names a rule the log does not list', () => {
    const ids = ruleDescriptors(undefined).map((d) => d.id)
    expect(ids).toEqual(expect.arrayContaining([CODE_DRIFT_RULE_ID, PRIORITY_VALUE_RULE.id]))
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('the review-level rules follow `rules.disable` and `rules.severity`, like the rule files', () => {
    const descriptor = (options: Parameters<typeof loadRuleSet>[0], id: string) =>
      ruleDescriptors(loadRuleSet(options).ruleSet).find((d) => d.id === id)
    expect(descriptor({}, PRIORITY_VALUE_RULE.id)).toBe(PRIORITY_VALUE_RULE)
    expect(descriptor({ severity: { [PRIORITY_VALUE_RULE.id]: 'medium' } }, PRIORITY_VALUE_RULE.id)).toEqual({
      ...PRIORITY_VALUE_RULE,
      severity: 'medium'
    })
    expect(descriptor({ disable: [CODE_DRIFT_RULE_ID] }, CODE_DRIFT_RULE_ID)).toBeUndefined()
    expect(descriptor({ disable: ['model-without-owner'] }, 'model-without-owner')).toBeUndefined()
    expect(descriptor({}, 'model-without-owner')?.severity).toBe('low')
  })
})
