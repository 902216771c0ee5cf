import { describe, expect, test } from '@jest/globals'
import { detectFormat, importModel } from '../../src/core/import/index.js'
import { importFixture, problemsBesidesSkippedRules } from './helpers.js'

describe('detection by content', () => {
  // [fixture, format, readable]: the file name never decides alone (several fixtures have neutral names).
  const table: [string, string, boolean][] = [
    ['otm/minimal.otm.json', 'otm', true],
    ['otm/shop-v1.otm.yaml', 'otm', true],
    ['threagile/minimal.threagile.yaml', 'threagile', true],
    ['threagile/parts/data-assets.yaml', 'unknown', false],
    ['threat-dragon/minimal-v2.json', 'threat-dragon-v2', true],
    ['threat-dragon/console-v1.json', 'threat-dragon-v1', true],
    ['threat-composer/photos.tc.json', 'threat-composer', true],
    ['tm-bom/payment-gateway.json', 'tm-bom', true],
    ['tm-bom/minimal.json', 'tm-bom', true],
    ['broken/otm-wrong-version.otm.json', 'otm', false],
    ['broken/otm-no-version.yaml', 'otm', false],
    ['broken/otm-threagile-hybrid.yaml', 'threagile', false],
    ['broken/dragon-hybrid.json', 'threat-dragon-v2', true],
    ['broken/composer-schema2.tc.json', 'threat-composer', false],
    ['broken/tm-bom-missing-keys.json', 'tm-bom', false],
    ['broken/unknown.json', 'unknown', false],
    ['broken/not-a-mapping.yaml', 'unknown', false]
  ]
  test.each(table)('%s → %s (readable: %s)', (name, format, readable) => {
    const r = importFixture(name)
    expect(r.detected.format).toBe(format)
    expect(r.detected.issues.length === 0 && format !== 'unknown').toBe(readable)
    expect(r.problems.some((p) => p.severity === 'error')).toBe(!readable)
  })

  test('a Threagile include fragment without a version is recognised as a fragment, not read alone', () => {
    const value = { data_assets: {}, technical_assets: {} }
    const d = detectFormat('x.yaml', '', value)
    expect(d).toMatchObject({ format: 'threagile', confidence: 0.5 })
    expect(d.issues[0]).toMatch(/threagile_version/)
  })

  test('a native model is named as such', () => {
    expect(detectFormat('m.yaml', '', { threatloop: 1, model: { id: 'a', title: 'b' } }).format).toBe('native')
  })

  test('the same content detects the same format whatever the file is called', () => {
    const value = { otmVersion: '0.2.0', project: { id: 'p', name: 'P' } }
    expect(detectFormat('weird-name.txt', '', value).format).toBe('otm')
    expect(detectFormat('model.tc.json', '', value).format).toBe('otm')
  })
})

describe('broken and hybrid files name the format they resemble and what is wrong', () => {
  const cases: [string, string, RegExp][] = [
    [
      'broken/otm-wrong-version.otm.json',
      'import/near-miss',
      /resembles Open Threat Model \(OTM\).*`otmVersion` is "0\.9\.0"; this release reads OTM 0\.1\.x and 0\.2\.x/
    ],
    ['broken/otm-no-version.yaml', 'import/near-miss', /resembles Open Threat Model \(OTM\).*`otmVersion` key is missing/],
    ['broken/otm-threagile-hybrid.yaml', 'import/near-miss', /resembles Threagile.*also carries Open Threat Model \(OTM\) markers/],
    ['broken/composer-schema2.tc.json', 'import/near-miss', /resembles AWS Threat Composer.*`schema` is 2/],
    [
      'broken/tm-bom-missing-keys.json',
      'import/near-miss',
      /resembles OWASP Threat Model Library.*`version`, `trust_boundaries`, `actors`, `data_stores`, `data_sets`/
    ],
    ['broken/unknown.json', 'import/unknown-format', /not a threat model this tool reads.*`name`, `version`, `dependencies`/]
  ]
  test.each(cases)('%s', (name, code, message) => {
    const r = importFixture(name)
    expect(r.document).toBeUndefined()
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ code, severity: 'error', line: 1, column: 1 })
    expect(r.problems[0].message).toMatch(message)
  })

  test('a hand-edited Threat Dragon v1/v2 hybrid is read, and detection names it in a warning', () => {
    const r = importFixture('broken/dragon-hybrid.json')
    expect(r.document?.threats).toHaveLength(3)
    const hybrid = r.problems.filter((p) => p.code === 'import/hybrid')
    expect(hybrid).toHaveLength(1)
    expect(hybrid[0]).toMatchObject({ severity: 'warning', line: 1, column: 1 })
    expect(hybrid[0].message).toMatch(
      /read as OWASP Threat Dragon v2, but `version` is "2\.2\.0" \(v2\) but the diagrams use the v1 layout/
    )
  })

  test('an OTM file with broken references is read; each dangling reference is a positioned warning', () => {
    const r = importFixture('broken/otm-broken-refs.otm.yaml')
    expect(r.document).toBeDefined()
    expect(problemsBesidesSkippedRules(r).map((p) => `${p.line}:${p.column} ${p.severity} ${p.code} ${p.path}`)).toEqual([
      '5:5 warning import/otm-missing-trust trustZones[1].risk',
      '8:69 warning import/unknown-reference components[1].parent.trustZone',
      '10:53 warning import/stub dataflows[0].destination',
      '14:11 warning import/otm-bad-cwe threats[0].cwes'
    ])
    // The flow to an undefined component keeps an external stub named as the file names it.
    expect(r.document?.components?.find((k) => k.id === 'db')).toEqual({
      id: 'db',
      title: 'db (not defined in the file)',
      type: 'external',
      tags: ['undefined-in-source']
    })
    expect(r.document?.components?.find((k) => k.id === 'worker')?.zone).toBeUndefined()
  })

  test('a dangling Threat Composer link is a warning pointing at the link; the workspace is read', () => {
    const r = importFixture('broken/composer-dangling-link.tc.json')
    expect(r.document).toBeDefined()
    expect(problemsBesidesSkippedRules(r).map((p) => [p.severity, p.code, p.path])).toEqual([
      ['warning', 'import/unknown-reference', 'mitigationLinks[2].mitigationId']
    ])
  })

  test('syntax errors are reported with their position, not thrown', () => {
    const r = importModel({ path: 'bad.otm.json', content: '{ "otmVersion": "0.2.0",\n  "project": { "id": "x" ' })
    expect(r.detected.format).toBe('unknown')
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'bad.otm.json', code: 'syntax/yaml', line: 2 })
  })
})
