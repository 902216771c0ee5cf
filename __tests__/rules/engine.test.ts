import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { loadModel, type LoadedModel } from '../../src/core/model/load.js'
import { formatProblem } from '../../src/core/problems.js'
import type { Finding } from '../../src/core/findings.js'
import { checkRuleExamples } from '../../src/core/rules/rule-examples.js'
import { loadRuleSet, type RuleText } from '../../src/core/rules/rule-set.js'
import { compareFindings, runRules } from '../../src/core/rules/run-rules.js'

const EXAMPLE = 'examples/payments-api.threatmodel.yaml'
const TODAY = '2026-10-15'

function load(text: string, path = 'model.threatmodel.yaml'): LoadedModel {
  const result = loadModel({ path, content: text })
  if (!result.model) throw new Error(result.problems.map(formatProblem).join('\n'))
  return result.model
}

function customRule(fields: Record<string, string>, path = 'rules/custom/x.yaml'): RuleText {
  const base: Record<string, string> = {
    id: 'custom-rule',
    title: 'Custom rule',
    severity: 'low',
    rationale: 'Because.',
    remediation: 'Fix it.',
    false_positives: 'None.',
    applies_to: 'threat',
    condition: 'element.title == "x"',
    message: 'Threat {{ element.id }} matched.'
  }
  const merged = { ...base, ...fields }
  const text = Object.entries(merged)
    .filter(([, v]) => v !== '')
    .map(
      ([k, v]) =>
        `${k}: ${
          v.includes('\n')
            ? `|\n${v
                .split('\n')
                .map((l) => `  ${l}`)
                .join('\n')}`
            : JSON.stringify(v)
        }`
    )
    .join('\n')
  return { path, text: `${text}\n` }
}

const { ruleSet: builtin, problems: builtinProblems } = loadRuleSet()

describe('running the built-in rules on the example model', () => {
  const model = load(readFileSync(EXAMPLE, 'utf8'), EXAMPLE)
  const { findings, problems } = runRules(model, builtin, { today: TODAY, platform: 'github' })
  const byId = new Map(findings.map((f) => [f.id, f]))

  test('loads without problems', () => {
    expect(builtinProblems).toEqual([])
    expect(problems.map(formatProblem)).toEqual([])
  })

  test('flags the unencrypted vault connection at the flow position, with rule metadata', () => {
    const finding = byId.get('unencrypted-sensitive-flow@store-token')
    expect(finding).toBeDefined()
    expect(finding!.position).toEqual(model.index.positionOf('store-token'))
    expect(finding!.position.line).toBe(67)
    expect(finding!.severity).toBe('high')
    expect(finding!.category).toBe('information-disclosure')
    expect(finding!.cwe).toEqual(['CWE-319'])
    expect(finding!.message).toBe('Flow store-token (api → vault) carries card-data without encryption.')
    expect(finding!.file).toBe(EXAMPLE)
    expect(finding!.modelId).toBe('payments-api')
  })

  test('flags the unlinked incident and the unvalidated assumption', () => {
    expect(byId.get('incident-not-linked@INC-2026-014')?.position.line).toBe(138)
    expect(byId.has('assumption-not-validated@A-1')).toBe(true)
  })

  test('marks the suppressed finding as suppressed with reason and approver', () => {
    const suppressed = findings.filter((f) => f.suppressed)
    expect(suppressed.map((f) => f.id)).toEqual(['missing-secrets-store@payments-api'])
    expect(suppressed[0].suppressed).toEqual({ reason: expect.any(String), approvedBy: 'sec-lead', expires: '2027-03-31' })
  })

  test('finding ids are unique and findings are ordered by position', () => {
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length)
    const lines = findings.map((f) => f.position.line)
    expect([...lines].sort((a, b) => a - b)).toEqual(lines)
  })

  test('the run is deterministic', () => {
    expect(runRules(model, builtin, { today: TODAY, platform: 'github' }).findings).toEqual(findings)
  })
})

describe('suppressions', () => {
  const model = (expires: string, rule = 'model-without-owner'): LoadedModel =>
    load(
      `threatloop: 1\nmodel: { id: m, title: M, reviewed: 2026-10-01 }\nsuppressions:\n  - { rule: ${rule}, target: m, reason: shared, approved_by: cso, expires: ${expires} }\n`
    )

  test('an active suppression silences the finding and raises nothing', () => {
    const { findings } = runRules(model('2027-01-01'), builtin, { today: TODAY })
    expect(findings.find((f) => f.ruleId === 'model-without-owner')?.suppressed).toBeDefined()
    expect(findings.some((f) => f.ruleId.startsWith('suppression-'))).toBe(false)
  })

  test('an expired suppression silences nothing and is a finding itself', () => {
    const { findings } = runRules(model('2026-01-01'), builtin, { today: TODAY })
    expect(findings.find((f) => f.ruleId === 'model-without-owner')?.suppressed).toBeUndefined()
    const expired = findings.find((f) => f.ruleId === 'suppression-expired')
    expect(expired?.id).toBe('suppression-expired@suppression:model-without-owner:m')
    expect(expired?.position.line).toBe(4)
  })

  test('a suppression naming an unknown rule is a finding', () => {
    const { findings } = runRules(model('2027-01-01', 'model-without-ownr'), builtin, { today: TODAY })
    expect(findings.find((f) => f.ruleId === 'suppression-unknown-rule')?.message).toContain('model-without-ownr')
    expect(findings.some((f) => f.ruleId === 'suppression-rule-not-suppressible')).toBe(false)
  })

  test('review-level rules are known: code drift cannot be suppressed in a model (and says so), priorities against value can', () => {
    const ruleIds = (rule: string): string[] =>
      runRules(model('2027-01-01', rule), builtin, { today: TODAY })
        .findings.filter((f) => f.ruleId.startsWith('suppression-'))
        .map((f) => f.ruleId)
    const drift = runRules(model('2027-01-01', 'code-changed-model-untouched'), builtin, { today: TODAY }).findings
    expect(drift.filter((f) => f.ruleId.startsWith('suppression-')).map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      [
        'suppression-rule-not-suppressible',
        'medium',
        "The suppression for m names rule `code-changed-model-untouched`, whose findings a model's suppressions cannot silence; see the rule's page for what to do instead."
      ]
    ])
    expect(ruleIds('priority-contradicts-value')).toEqual([])
    // A disabled rule is still a rule: suppressing it is no mistake.
    const disabled = loadRuleSet({ disable: ['model-without-owner', 'code-changed-model-untouched'] }).ruleSet
    const findings = (rule: string) => runRules(model('2027-01-01', rule), disabled, { today: TODAY }).findings.map((f) => f.ruleId)
    expect(findings('model-without-owner').filter((id) => id.startsWith('suppression-'))).toEqual([])
    expect(findings('code-changed-model-untouched')).toContain('suppression-rule-not-suppressible')
  })
})

describe('custom rules', () => {
  test('a valid custom rule runs next to the built-ins', () => {
    const { ruleSet, problems } = loadRuleSet({ custom: [customRule({ condition: 'element.title.contains("SQL")' })] })
    expect(problems).toEqual([])
    const model = load(
      'threatloop: 1\nmodel: { id: m, title: M }\nthreats:\n  - { id: T-1, title: SQL injection }\n  - { id: T-2, title: XSS }\n'
    )
    const ids = runRules(model, ruleSet, { today: TODAY })
      .findings.filter((f) => f.ruleId === 'custom-rule')
      .map((f) => f.id)
    expect(ids).toEqual(['custom-rule@T-1'])
  })

  const broken: [string, RuleText, string, number][] = [
    ['bad YAML', { path: 'c/bad.yaml', text: 'id: x\ntitle: [unclosed\n' }, 'rule/syntax/yaml', 2],
    ['an unknown field', customRule({ severty: 'low' }, 'c/unknown.yaml'), 'rule/schema/unknown-key', 10],
    ['bad CEL syntax', customRule({ condition: 'element.title ==' }, 'c/syntax.yaml'), 'rule/cel-syntax', 8],
    ['a CEL type error', customRule({ condition: 'element.title + 1 == 2' }, 'c/type.yaml'), 'rule/cel-type', 8],
    ['an unknown field in CEL', customRule({ condition: 'element.ownr == ""' }, 'c/field.yaml'), 'rule/cel-type', 8],
    ['an unknown variable', customRule({ condition: 'threat.title == ""' }, 'c/variable.yaml'), 'rule/cel-unknown-variable', 8],
    ['a non-boolean condition', customRule({ condition: 'element.title' }, 'c/nonbool.yaml'), 'rule/cel-type', 8],
    ['a broken placeholder', customRule({ message: 'Threat {{ element.nme }}' }, 'c/message.yaml'), 'rule/cel-type', 9],
    ['neither severity nor likelihood', customRule({ severity: '' }, 'c/severity.yaml'), 'rule/schema/invalid', 1]
  ]
  test.each(broken)('a rule with %s is a configuration problem naming file and line', (_name, rule, code, line) => {
    const { ruleSet, problems } = loadRuleSet({ builtin: false, custom: [rule] })
    expect(problems.map((p) => [p.file, p.code, p.line])).toEqual([[rule.path, code, line]])
    expect(problems[0].severity).toBe('error')
    expect(ruleSet.rules).toHaveLength(0)
  })

  test('CEL errors inside a `|` block point at the offending line and column', () => {
    const rule = customRule({ condition: 'element.status == "open" &&\n  element.ownr == ""' }, 'c/block.yaml')
    const { problems } = loadRuleSet({ builtin: false, custom: [rule] })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 10, column: 13, code: 'rule/cel-type' })
    expect(problems[0].message).toContain('ownr')
  })

  test('a custom rule reusing a built-in id is an error', () => {
    const { problems } = loadRuleSet({ custom: [customRule({ id: 'model-without-owner' })] })
    expect(problems.map((p) => [p.code, p.file])).toEqual([['rule/duplicate-id', 'rules/custom/x.yaml']])
    expect(problems[0].message).toContain('rules/builtin/model-quality/model-without-owner.yaml')
  })

  test('a rule failing while it runs is reported once per rule, not skipped', () => {
    const { ruleSet } = loadRuleSet({ builtin: false, custom: [customRule({ condition: 'daysSince(element.title) > 1' })] })
    const model = load('threatloop: 1\nmodel: { id: m, title: M }\nthreats:\n  - { id: T-1, title: a }\n  - { id: T-2, title: b }\n')
    const { problems } = runRules(model, ruleSet, { today: TODAY })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'rules/custom/x.yaml', line: 8, code: 'rule/evaluation-error' })
    expect(problems[0].message).toContain('T-1')
    expect(problems[0].message).toContain('and 1 more')
  })

  test('the example checker catches a rule whose examples misbehave', () => {
    const rule = customRule({ condition: 'false' })
    rule.text +=
      'examples:\n  reject:\n    - { threatloop: 1, model: { id: m, title: M }, threats: [{ id: T-1, title: x }] }\n  accept:\n    - { threatloop: 1, model: { id: m, title: M } }\n'
    const { ruleSet, problems } = loadRuleSet({ builtin: false, custom: [rule] })
    expect(problems).toEqual([])
    const failures = checkRuleExamples(ruleSet.rules[0], ruleSet)
    expect(failures.map((f) => f.example)).toEqual(['examples.reject[0]'])
  })
})

describe('configuration', () => {
  const model = load('threatloop: 1\nmodel: { id: m, title: M, reviewed: 2026-10-01 }\n')

  test('disabled rules do not run but stay known; severities can be changed', () => {
    const { ruleSet, problems } = loadRuleSet({ disable: ['model-without-owner'], severity: { 'model-review-stale': 'critical' } })
    expect(problems).toEqual([])
    expect(runRules(model, ruleSet, { today: TODAY }).findings.some((f) => f.ruleId === 'model-without-owner')).toBe(false)
    expect(ruleSet.ids.has('model-without-owner')).toBe(true)
    const stale = runRules(model, ruleSet, { today: '2027-12-01' }).findings.find((f) => f.ruleId === 'model-review-stale')
    expect(stale?.severity).toBe('critical')
  })

  test('review-level rules are configured like the others: known to `disable` and `severity`, their ids taken', () => {
    const { ruleSet, problems } = loadRuleSet({
      disable: ['code-changed-model-untouched'],
      severity: { 'priority-contradicts-value': 'high', 'code-changed-model-untouched': 'medium' },
      configFile: '.threatloop.yaml'
    })
    expect(problems).toEqual([])
    expect(Object.fromEntries(ruleSet.review)).toEqual({
      'code-changed-model-untouched': { enabled: false, severity: 'medium' },
      'priority-contradicts-value': { enabled: true, severity: 'high' }
    })
    expect(Object.fromEntries(loadRuleSet({}).ruleSet.review)).toEqual({
      'code-changed-model-untouched': { enabled: true, severity: 'low' },
      'priority-contradicts-value': { enabled: true, severity: 'low' }
    })
    const typo = loadRuleSet({ disable: ['code-changed-model-untuched'], configFile: '.threatloop.yaml' }).problems
    expect(typo.map((p) => [p.code, p.message])).toEqual([
      [
        'config/unknown-rule',
        '`rules.disable` names unknown rule `code-changed-model-untuched`; did you mean `code-changed-model-untouched`?'
      ]
    ])
    const taken = loadRuleSet({ custom: [customRule({ id: 'priority-contradicts-value' })] })
    expect(taken.problems.map((p) => [p.code, p.file, p.line])).toEqual([['rule/duplicate-id', 'rules/custom/x.yaml', 1]])
    expect(taken.problems[0].message).toContain('already defined in src/core/value/priority-value.ts (a review-level rule)')
    expect(taken.ruleSet.ids.has('priority-contradicts-value')).toBe(false)
  })

  test('unknown rule ids in the configuration are warnings with a suggestion', () => {
    const { problems } = loadRuleSet({ disable: ['model-without-ownr'], configFile: '.threatloop.yaml' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      code: 'config/unknown-rule',
      file: '.threatloop.yaml',
      path: 'rules.disable[0]'
    })
    expect(problems[0].message).toContain('did you mean `model-without-owner`')
  })

  test('stale review window comes from the options', () => {
    const run = (staleAfterDays: number): boolean =>
      runRules(model, builtin, { today: '2026-12-01', staleAfterDays }).findings.some((f) => f.ruleId === 'model-review-stale')
    expect(run(30)).toBe(true)
    expect(run(90)).toBe(false)
  })
})

describe('knowledge base lookups', () => {
  const model = load(
    'threatloop: 1\nmodel: { id: m, title: M }\nthreats:\n  - { id: T-1, title: X, references: { cwe: [CWE-79, CWE-99999] } }\n'
  )
  const fired = (findings: Finding[]): string[] => findings.filter((f) => f.ruleId.includes('cwe')).map((f) => f.message)

  test('without a loaded catalogue the unknown-id rules stay silent', () => {
    expect(fired(runRules(model, builtin, { today: TODAY }).findings)).toEqual([])
  })

  test('with a catalogue they name the unknown ids', () => {
    const knowledgeBase = { cwe: new Map([['CWE-79', { name: 'XSS', status: 'Stable' }]]) }
    expect(fired(runRules(model, builtin, { today: TODAY, knowledgeBase }).findings)).toEqual([
      'Threat T-1 references CWE ids the catalogue does not know: CWE-99999.'
    ])
  })
})

describe('compareFindings', () => {
  const f = (id: string, suppressed = false): Finding => ({
    id,
    ruleId: id.split('@')[0],
    title: id,
    severity: 'low',
    message: id,
    modelId: 'm',
    file: 'm.yaml',
    elementIds: [id.split('@')[1]],
    position: { line: 1, column: 1 },
    ...(suppressed ? { suppressed: {} } : {})
  })

  test('splits findings into new, fixed, unchanged and newly suppressed by id', () => {
    const base = [f('a@1'), f('b@1'), f('c@1'), f('d@1', true)]
    const head = [f('b@1'), f('c@1', true), f('d@1', true), f('e@1')]
    const result = compareFindings(base, head)
    expect(result.new.map((x) => x.id)).toEqual(['e@1'])
    expect(result.fixed.map((x) => x.id)).toEqual(['a@1'])
    expect(result.unchanged.map((x) => x.id)).toEqual(['b@1'])
    expect(result.suppressed.map((x) => x.id)).toEqual(['c@1'])
  })

  test('a model change moves findings between base and head', () => {
    const base = load(
      'threatloop: 1\nmodel: { id: m, title: M, owner: a, reviewed: 2026-10-01 }\nthreats:\n  - { id: T-1, title: X, category: spoofing, targets: [] }\n'
    )
    const head = load('threatloop: 1\nmodel: { id: m, title: M, reviewed: 2026-10-01 }\nthreats:\n  - { id: T-1, title: X }\n')
    const result = compareFindings(runRules(base, builtin, { today: TODAY }).findings, runRules(head, builtin, { today: TODAY }).findings)
    expect(result.new.map((x) => x.id).sort()).toEqual(['model-without-owner@m', 'threat-without-category@T-1'])
    expect(result.fixed).toEqual([])
    expect(result.unchanged.map((x) => x.id)).toContain('threat-without-mitigation@T-1')
  })
})
