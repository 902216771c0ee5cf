import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { diffModels } from '../../src/core/diff/index.js'
import { loadModelFile } from '../../src/core/review/load-model-file.js'
import type { LoadedModel } from '../../src/core/model/load.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { runRules } from '../../src/core/rules/run-rules.js'

/** What the review promises on real files: ratings kept, statuses honoured, stable identity, no noise. */
const REAL = '__tests__/fixtures/real'

function load(
  name: string,
  content?: string,
  path = `models/${name.replace(/@\d+/, '')}`
): LoadedModel & { problems: ReturnType<typeof loadModelFile>['problems'] } {
  const result = loadModelFile({ path, content: content ?? readFileSync(`${REAL}/${name}`) })
  if (!result.model) throw new Error(`${name} did not load: ${JSON.stringify(result.problems)}`)
  return { ...result.model, problems: result.problems }
}
const raw = (name: string): string => readFileSync(`${REAL}/${name}`, 'utf8')
const { ruleSet } = loadRuleSet()
const findings = (model: LoadedModel): ReturnType<typeof runRules>['findings'] => runRules(model, ruleSet, { today: '2026-01-15' }).findings

describe('ratings the source states are kept where the risk engine reads them', () => {
  test('Threat Dragon severity (High/Medium/Low) on every threat of the v1 demo', () => {
    const model = load('threat-dragon/td-v1-legacy-model.json')
    const source = JSON.parse(raw('threat-dragon/td-v1-legacy-model.json')) as {
      detail: { diagrams: { diagramJson: { cells: { threats?: { severity: string }[] }[] } }[] }
    }
    const stated = source.detail.diagrams.flatMap((d) => d.diagramJson.cells.flatMap((c) => c.threats ?? [])).map((t) => t.severity)
    const kept = (model.document.threats ?? []).map((t) => t.risk?.bugbar)
    expect(kept).toHaveLength(stated.length)
    expect(kept).toEqual(stated.map((s) => ({ High: 'important', Medium: 'moderate', Low: 'low' })[s]))
  })

  test("a Threat Model Library risk's own level wins over the likelihood × impact matrix", () => {
    const model = load('tm-bom/devarmor-jira-integration.json')
    const byId = new Map((model.document.threats ?? []).map((t) => [t.id, t]))
    // forge-event-payload-poisoning: risks of level high (possible/major) and medium (possible/moderate).
    expect(byId.get('forge-event-payload-poisoning')).toMatchObject({ likelihood: 'medium', impact: 'high', risk: { bugbar: 'important' } })
    expect(byId.get('short-lived-token-theft')).toMatchObject({ likelihood: 'low', impact: 'high', risk: { bugbar: 'moderate' } })
  })

  test('Threat Composer priority and Threagile likelihood × impact', () => {
    expect(load('threat-composer/e2e-sample-threat-model.tc.json').document.threats?.[0].risk).toEqual({ bugbar: 'important' })
    expect(load('threagile/threagile-stub@2.yaml').document.threats?.[0].risk).toEqual({
      threagile: { likelihood: 'likely', impact: 'medium' }
    })
  })

  test('no rated threat is reported as unrated (threat-without-rating)', () => {
    for (const name of [
      'threat-dragon/td-v1-legacy-model.json',
      'threagile/threagile-stub@2.yaml',
      'threat-composer/e2e-sample-threat-model.tc.json',
      'tm-bom/devarmor-jira-integration.json',
      'otm/openthreatmodel-example@2.yaml'
    ]) {
      const model = load(name)
      const unrated = findings(model)
        .filter((f) => f.ruleId === 'threat-without-rating')
        .flatMap((f) => f.elementIds)
      const rated = (model.document.threats ?? []).filter((t) => t.risk !== undefined || (t.likelihood && t.impact)).map((t) => t.id)
      expect(unrated.filter((id) => rated.includes(id))).toEqual([])
    }
  })
})

describe('statuses', () => {
  test('a threat Threat Dragon marks Mitigated has its mitigation in place; a Not Applicable one needs none', () => {
    const model = load('threat-dragon/enter-the-dragon@3.json')
    const threats = model.document.threats ?? []
    const mitigation = (id: string): string | undefined =>
      model.document.mitigations?.find((m) => threats.find((t) => t.id === id)?.mitigations?.includes(m.id))?.status
    expect(threats.map((t) => [t.id, t.status])).toEqual([
      ['70f242db-d204-4820-9671-77f6e694729e', 'open'],
      ['a749c4c7-d406-42dd-b61f-77ea88e2aeb9', 'mitigated'],
      ['9e4e29a6-bd8a-42c2-8ffa-c05e57960d3f', 'not-applicable']
    ])
    expect(mitigation('70f242db-d204-4820-9671-77f6e694729e')).toBeUndefined()
    expect(mitigation('a749c4c7-d406-42dd-b61f-77ea88e2aeb9')).toBe('implemented')
    expect(mitigation('9e4e29a6-bd8a-42c2-8ffa-c05e57960d3f')).toBe('rejected')
  })

  test('an OTM mitigation implemented on one instance and required on another is in progress, with a warning', () => {
    const model = load('otm/openthreatmodel-example@2.yaml')
    expect(model.document.mitigations?.find((m) => m.id === 'fd6136f4-e2ff-11eb-ba80-0242ac130004')?.status).toBe('in-progress')
    const warning = model.problems.find((p) => p.code === 'import/otm-mixed-states')
    expect(warning?.message).toBe(
      'mitigation `fd6136f4-e2ff-11eb-ba80-0242ac130004` is implemented on `web-service` but required on `cc-store-in-db`; it is imported as in-progress'
    )
    expect(warning?.line).toBe(163)
  })

  test('mitigation titles are whole: never cut at "e.g."', () => {
    const titles = (load('threat-dragon/td-v1-legacy-model.json').document.mitigations ?? []).map((m) => m.title)
    expect(titles).toContain('Use message level encryption for high sensitivity data (e.g. security tokens) in messages.')
    expect(titles.some((t) => /\(e\.g\.$/.test(t))).toBe(false)
  })
})

describe('identity', () => {
  test('a Threat Dragon v1 threat without an id is named by its cell and place: a typo fix is a change, not a new threat', () => {
    const name = 'threat-dragon/td-v1-legacy-model.json'
    const base = load(name)
    const head = load(name, raw(name).replace('"Message secrecy"', '"Message secrecy at rest"').replace('ans use them', 'and use them'))
    expect(base.document.threats?.[0].id).toBe('a25bbb4e-093f-4238-a620-31efdee452dc/threat-1')
    const changes = diffModels(base, head).changes.map((c) => `${c.section} ${c.change} ${c.id}`)
    expect(changes).toEqual([
      'threats changed 936557f9-22e2-4bac-bb70-0089c5c2fbe1/threat-2',
      'threats changed ec574fb4-87e7-494b-88dc-2a3c99172067/threat-1'
    ])
  })

  test('a retitled model keeps its id (the source id, else the file path), never the title', () => {
    const otm = raw('otm/openthreatmodel-example@2.yaml')
    expect(load('otm/openthreatmodel-example@2.yaml', otm.replace('name: Test project', 'name: Renamed project')).index.modelId).toBe(
      'test-project'
    )
    const dragon = raw('threat-dragon/enter-the-dragon@2.json')
    const before = load('threat-dragon/enter-the-dragon@2.json', dragon)
    const after = load('threat-dragon/enter-the-dragon@2.json', dragon.replace('"Example threat model"', '"Threat Dragon itself"'))
    expect(before.index.modelId).toBe('models/threat-dragon/enter-the-dragon')
    expect(after.index.modelId).toBe(before.index.modelId)
    expect(diffModels(before, after).changes.map((c) => `${c.section} ${c.change}`)).toEqual(['model changed'])
  })
})

describe('imported-model focus', () => {
  test('rules that check fields the format cannot express are skipped, and one line says which and why', () => {
    const model = load('threat-composer/e2e-sample-threat-model.tc.json')
    const lines = model.problems.filter((p) => p.code === 'import/rules-skipped')
    expect(lines).toHaveLength(1)
    expect(lines[0].message).toMatch(
      /^12 rules are skipped for this AWS Threat Composer model because the format has no place for what they check: .*mitigation-without-owner/
    )
    const fired = new Set(findings(model).map((f) => f.ruleId))
    for (const rule of model.skippedRules?.keys() ?? []) expect(fired.has(rule)).toBe(false)
    // The same model as a native file would be faulted for them.
    expect(findings({ ...model, skippedRules: undefined }).some((f) => f.ruleId === 'mitigation-without-owner')).toBe(true)
  })
})
