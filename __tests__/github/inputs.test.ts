import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../../src/adapters/platform/annotations.js'
import { readActionEvent } from '../../src/adapters/github/event.js'
import { ACTION_INPUT_DEFAULTS, INPUT_NAMES, readActionInputs } from '../../src/adapters/github/inputs.js'
import type { Finding } from '../../src/core/findings.js'

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
}
const actionYaml = load(readFileSync('action.yml', 'utf8')) as ActionYaml

describe('inputs', () => {
  test('action.yml declares exactly the inputs the action reads, and its defaults are valid', () => {
    expect(Object.keys(actionYaml.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    expect(actionYaml.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    const defaults = (name: string): string => (name === 'github-token' ? 'ghs_x' : (actionYaml.inputs[name].default ?? ''))
    const read = readActionInputs(defaults)
    expect(read.problems).toEqual([])
    expect(read.inputs).toMatchObject({
      configFrom: 'auto',
      comment: 'upsert',
      issueLabel: 'threatloop',
      sarifPath: 'threatloop.sarif',
      issues: undefined,
      failOn: undefined
    })
  })

  test("action.yml's defaults are the code's defaults (one table), and an unset input gets them", () => {
    expect(Object.fromEntries(Object.entries(actionYaml.inputs).map(([name, spec]) => [name, spec.default ?? '']))).toEqual(
      ACTION_INPUT_DEFAULTS
    )
    // A runner that passes nothing (local-action) gets the files action.yml promises.
    const read = readActionInputs((name) => (name === 'github-token' ? 'ghs_x' : ''))
    expect(read.inputs).toMatchObject({
      sarifPath: 'threatloop.sarif',
      jsonReportPath: 'threatloop-review.json',
      configPath: '.threatloop.yaml',
      configFrom: 'auto',
      comment: 'upsert',
      issueLabel: 'threatloop'
    })
    // `none` switches a file off; a bot login is checked.
    const off = readActionInputs(
      (name) => ({ 'github-token': 'ghs_x', sarif: 'none', 'json-report': 'NONE', 'bot-login': 'my-app[bot]' })[name] ?? ''
    )
    expect(off.inputs).toMatchObject({ sarifPath: undefined, jsonReportPath: undefined, botLogin: 'my-app[bot]' })
    expect(readActionInputs((name) => ({ 'github-token': 'ghs_x', 'bot-login': '@evil\n::warning' })[name] ?? '').problems).toEqual([
      expect.stringContaining('input `bot-login`')
    ])
  })

  test('history store inputs: off by default, a branch of its own when on, bad names refused', () => {
    const read = (values: Record<string, string>) => readActionInputs((name) => ({ 'github-token': 'ghs_x', ...values })[name] ?? '')
    expect(read({}).inputs).toMatchObject({ history: 'off', historyBranch: 'threatloop-data' })
    expect(read({ history: 'Branch', 'history-branch': 'pages/threatloop' }).inputs).toMatchObject({
      history: 'branch',
      historyBranch: 'pages/threatloop'
    })
    expect(read({ history: 'on' }).problems).toEqual([expect.stringContaining('input `history`: got "on"; allowed: off, branch')])
    for (const bad of ['../main', '-f', 'a..b', 'x.lock', 'a b', '.hidden'])
      expect(read({ 'history-branch': bad }).problems).toEqual([expect.stringContaining('input `history-branch`')])
  })

  test('every bad input is reported at once, naming itself and the allowed values', () => {
    const values: Record<string, string> = {
      'github-token': '',
      'config-from': 'feature',
      'warn-on': 'new-high, sevrity-increase',
      comment: 'append',
      'risk-iterations': '10',
      'assign-owners': 'yes',
      paths: '../outside',
      sarif: '../x.sarif'
    }
    const read = readActionInputs((name) => values[name] ?? '')
    expect(read.inputs).toBeUndefined()
    expect(read.problems).toEqual(
      expect.arrayContaining([
        'input `github-token`: it is empty; allowed: a token, normally `${{ github.token }}` (the default)',
        'input `paths`: "../outside" leaves the workspace; allowed: paths inside the repository',
        'input `assign-owners`: got "yes"; allowed: true, false',
        'input `sarif`: got "../x.sarif"; allowed: expected a path inside the workspace (without `..`)',
        'input `config-from`: got "feature"; allowed: auto, base, head',
        expect.stringContaining(
          'input `warn-on`: "sevrity-increase" is not a gate condition (did you mean `severity-increase`?); allowed: none, or a comma/newline list of validation-error,'
        ),
        expect.stringMatching(/^input `comment`: got "append"; allowed: upsert, off/),
        'input `risk-iterations`: got "10"; allowed: a whole number from 1000 to 1000000'
      ])
    )
    expect(read.problems).toHaveLength(8)
    expect(
      readActionInputs((name) => ({ 'github-token': 't', 'fail-on': 'none', 'issue-extra-labels': 'security\nteam:payments' })[name] ?? '')
        .inputs
    ).toMatchObject({ failOn: [], issueExtraLabels: ['security', 'team:payments'] })
  })
})

describe('event', () => {
  const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/main' }
  test('push: all-zero before is a first push; the default branch decides write mode', () => {
    const event = readActionEvent(
      { ...env, GITHUB_EVENT_NAME: 'push' },
      { ref: 'refs/heads/main', before: '0'.repeat(40), after: 'b'.repeat(40), repository: { default_branch: 'main' } }
    )
    expect(event).toMatchObject({ kind: 'push', baseSha: null, headSha: 'b'.repeat(40), onDefaultBranch: true })
  })
  test('pull_request from a fork, and a payload without shas', () => {
    const pr = {
      number: 3,
      base: { sha: 'a'.repeat(40), ref: 'main', repo: { full_name: 'o/r' } },
      head: { sha: 'b'.repeat(40), ref: 'x', repo: { full_name: 'fork/r', fork: true } }
    }
    expect(readActionEvent({ ...env, GITHUB_EVENT_NAME: 'pull_request' }, { pull_request: pr })).toMatchObject({
      kind: 'pull_request',
      fork: true,
      number: 3
    })
    expect(readActionEvent({ ...env, GITHUB_EVENT_NAME: 'pull_request' }, {})).toHaveProperty('problem')
    expect(readActionEvent({ ...env, GITHUB_EVENT_NAME: 'schedule' }, {})).toMatchObject({
      kind: 'full',
      baseSha: null,
      headSha: env.GITHUB_SHA
    })
  })
})

describe('annotations', () => {
  const finding = (i: number, severity: Finding['severity']): Finding =>
    ({
      id: `r@e${i}`,
      ruleId: 'r',
      title: 'T',
      message: `m${i}`,
      severity,
      modelId: 'm',
      file: 'm.yaml',
      position: { line: i + 1, column: 3 },
      elementIds: [`e${i}`]
    }) as Partial<Finding> as Finding
  test('capped per level, most severe first, with one notice for what was dropped', () => {
    const findings = [
      ...Array.from({ length: 14 }, (_, i) => finding(i, 'high')),
      ...Array.from({ length: 12 }, (_, i) => finding(100 + i, 'low'))
    ]
    const { annotations, dropped } = planAnnotations(findings)
    const count = (level: string): number => annotations.filter((a) => a.level === level).length
    expect(count('error')).toBe(ANNOTATIONS_PER_LEVEL)
    expect(count('notice')).toBe(ANNOTATIONS_PER_LEVEL)
    expect(dropped).toBe(4 + 3)
    expect(annotations.at(-1)?.message).toContain('7 more findings and problems were not annotated')
    expect(annotations[0]).toMatchObject({ level: 'error', file: 'm.yaml', startLine: 1, startColumn: 3 })
  })
})
