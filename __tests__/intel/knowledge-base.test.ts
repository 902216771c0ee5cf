import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import {
  bundledKnowledgeBaseDate,
  oldestDate,
  bundledCatalogueReleases,
  loadBundledKnowledgeBase,
  renderBundledModules
} from '../../src/core/kb/bundled.js'
import {
  CATALOGUE_KINDS,
  EXTRACT_FILES,
  parseExtract,
  readCatalogueFile,
  renderExtract,
  type CatalogueExtract,
  type CatalogueKind
} from '../../src/core/kb/extract.js'
import { knowledgeName, knowledgeStatus } from '../../src/core/kb/knowledge-base.js'
import { runReview } from '../../src/adapters/review/run-review.js'
import { folderSnapshot } from '../../src/adapters/review/snapshot.js'

const ROOT = new URL('../../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8')
const CWE_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Weakness_Catalog Name="CWE" Version="4.15" Date="2024-07-16">',
  '<Weaknesses><Weakness ID="79" Name="Cross-site Scripting" Abstraction="Base" Status="Stable"><Related_Weaknesses><Related_Weakness Nature="ChildOf" CWE_ID="74" View_ID="1000"/></Related_Weaknesses></Weakness>',
  '<Weakness ID="132" Name="DEPRECATED: Miscalculated Null Termination" Status="Deprecated"/></Weaknesses>',
  '</Weakness_Catalog>'
].join('\n')

describe('kb:update extracts from MITRE formats', () => {
  test('reads the STIX bundles with technique ↔ mitigation ↔ CAPEC links and release dates, deterministically', () => {
    const attack = readCatalogueFile('enterprise-attack.json', read('__tests__/fixtures/stix/attack-enterprise-mini.json'))
    const capec = readCatalogueFile('stix-capec.json', read('__tests__/fixtures/stix/capec-mini.json'))
    const cwe = readCatalogueFile('cwec_v4.15.xml', CWE_XML)
    expect([attack.problems, capec.problems, cwe.problems]).toEqual([[], [], []])
    expect(attack.extract).toMatchObject({ catalogue: 'attack', version: '18.1', released: '2025-10-24', licence: 'LICENSE-MITRE-CTI.txt' })
    expect(capec.extract).toMatchObject({ catalogue: 'capec', version: '3.9' })
    expect(cwe.extract).toMatchObject({ catalogue: 'cwe', version: '4.15', released: '2024-07-16', licence: 'LICENSE-CWE.md' })
    const entries = new Map(attack.extract!.entries.map((e) => [e.id, e]))
    expect(entries.get('T1190')).toMatchObject({ kind: 'technique', status: 'active', tactics: ['TA0001'] })
    expect((entries.get('T1190') as { mitigations?: string[] }).mitigations?.length).toBeGreaterThan(0)
    expect(entries.get('T1002')).toMatchObject({ status: 'revoked', revokedBy: 'T1560' })
    expect(entries.get('T1026')?.kind).toBe('technique')
    const capecEntries = new Map(capec.extract!.entries.map((e) => [e.id, e]))
    expect(capecEntries.get('CAPEC-56')?.status).toBe('deprecated')
    expect(cwe.extract!.entries).toEqual([
      { id: 'CWE-79', name: 'Cross-site Scripting', kind: 'weakness', status: 'stable', parents: ['CWE-74'] },
      { id: 'CWE-132', name: 'DEPRECATED: Miscalculated Null Termination', kind: 'weakness', status: 'deprecated' }
    ])
    // Same input, same bytes; and an extract reads back to itself.
    const again = readCatalogueFile('enterprise-attack.json', read('__tests__/fixtures/stix/attack-enterprise-mini.json'))
    expect(renderExtract(again.extract!)).toBe(renderExtract(attack.extract!))
    const reread = readCatalogueFile('kb/attack-enterprise.json', renderExtract(attack.extract!))
    expect(renderExtract(reread.extract!)).toBe(renderExtract(attack.extract!))
  })

  test('reads the JSON form of the CWE catalogue (as cwe-sdk ships it)', () => {
    const json = JSON.stringify({
      Weakness_Catalog: {
        attr: { '@_Name': 'CWE', '@_Version': '4.15', '@_Date': '2024-07-16' },
        Weaknesses: {
          Weakness: [
            { attr: { '@_ID': '79', '@_Name': 'Cross-site Scripting', '@_Status': 'Stable' } },
            { attr: { '@_ID': '89', '@_Name': 'SQL Injection', '@_Status': 'Stable' } }
          ]
        },
        Categories: { Category: { attr: { '@_ID': '1', '@_Name': 'DEPRECATED: Location', '@_Status': 'Deprecated' } } }
      }
    })
    const cwe = readCatalogueFile('cwe-archive.json', json)
    expect(cwe.extract).toMatchObject({ version: '4.15', released: '2024-07-16' })
    expect(cwe.extract!.entries.map((e) => `${e.id}:${e.status}`)).toEqual(['CWE-1:deprecated', 'CWE-79:stable', 'CWE-89:stable'])
  })

  test('a truncated or foreign file is refused with a positioned problem naming it', () => {
    const truncated = readCatalogueFile('enterprise-attack.json', '{"type": "bundle", "objects": [')
    expect(truncated.extract).toBeUndefined()
    expect(truncated.problems[0]).toMatchObject({ file: 'enterprise-attack.json', code: 'kb/invalid-json', severity: 'error' })
    const foreign = readCatalogueFile('notes.json', '{"hello": 1}')
    expect(foreign.problems[0]).toMatchObject({ file: 'notes.json', code: 'kb/unknown-format' })
  })
})

describe('the bundled knowledge base', () => {
  const extracts = Object.fromEntries(
    CATALOGUE_KINDS.map((kind) => [kind, parseExtract(read(`kb/${EXTRACT_FILES[kind]}`), `kb/${EXTRACT_FILES[kind]}`).extract])
  ) as Record<CatalogueKind, CatalogueExtract>

  test('the generated modules are exactly what kb/ holds (run `npm run kb:update` after changing kb/)', () => {
    const modules = renderBundledModules(extracts)
    expect(read('src/core/kb/bundled-catalogues.generated.ts')).toBe(modules.catalogues)
    expect(read('src/core/kb/bundled-release.generated.ts')).toBe(modules.releases)
    for (const kind of CATALOGUE_KINDS) expect(read(`kb/${EXTRACT_FILES[kind]}`)).toBe(renderExtract(extracts[kind]))
  })

  test('one entry per id in every catalogue', () => {
    for (const kind of CATALOGUE_KINDS) {
      const ids = extracts[kind].entries.map((e) => e.id)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  test('the action entry reaches it only after its first request; the CLI bundle stays one file', () => {
    // Follows static imports (not `import()`) from an entry; records dynamic imports met on the way.
    const walk = (entry: string): { reached: Set<string>; dynamic: string[] } => {
      const reached = new Set<string>()
      const dynamic: string[] = []
      const visit = (file: string): void => {
        if (reached.has(file)) return
        reached.add(file)
        const text = readFileSync(file, 'utf8')
        for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) dynamic.push(`${file}: ${match[1]}`)
        for (const match of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) {
          if (/^import\s+type\s/.test(match[0]) || /^export\s+type\s/.test(match[0])) continue
          visit(join(dirname(file), match[1].replace(/\.js$/, '.ts')))
        }
      }
      visit(new URL(entry, ROOT).pathname)
      return { reached, dynamic }
    }
    const action = walk('src/adapters/github/action.ts')
    expect([...action.reached].filter((f) => f.endsWith('bundled-catalogues.generated.ts'))).toEqual([])
    expect(action.reached.size).toBeGreaterThan(3)
    // The GitLab job downloads dist/cli.js alone: a dynamic import would become a chunk it lacks.
    const cli = walk('src/cli.ts')
    expect(cli.dynamic).toEqual([])
    expect([...cli.reached].some((f) => f.endsWith('bundled-catalogues.generated.ts'))).toBe(true)
  })

  test('ships its licences and MITRE’s copyright designation', () => {
    const files = readdirSync(new URL('kb/', ROOT))
    for (const kind of CATALOGUE_KINDS) {
      expect(files).toContain(extracts[kind].licence)
      expect(extracts[kind].notice).toMatch(/© The MITRE Corporation/)
    }
    expect(read('kb/LICENSE-MITRE-CTI.txt')).toMatch(/reproduce MITRE.s copyright designation and this license/)
    expect(read('kb/LICENSE-CWE.md')).toMatch(/Terms of Use/)
  })

  test('validates ids of all three catalogues', async () => {
    const { knowledgeBase } = await loadBundledKnowledgeBase()
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-79')).toBe('stable')
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-132')).toBe('deprecated')
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-99999')).toBe('unknown')
    expect(knowledgeStatus(knowledgeBase, 'capec', 'CAPEC-66')).not.toMatch(/^unknown/)
    expect(knowledgeStatus(knowledgeBase, 'capec', 'CAPEC-99999')).toBe('unknown')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1190')).toBe('active')
    expect(knowledgeName(knowledgeBase, 'attack', 'T1190')).toBe('Exploit Public-Facing Application')
    expect(knowledgeName(knowledgeBase, 'attack', 'T1110')).toBe('Brute Force')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1002')).toBe('revoked')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T9999')).toBe('unknown')
  })

  test('its release date is the oldest catalogue date, and unknown while a catalogue states none', () => {
    const releases = bundledCatalogueReleases()
    expect(releases.cwe).toMatchObject({ version: '4.15', released: '2024-07-16' })
    expect(releases.attack.version).toBe('18.1')
    // CAPEC's release file states no date: the knowledge base's age is unknown, not CWE's.
    expect(releases.capec.released).toBeNull()
    expect(bundledKnowledgeBaseDate()).toBeNull()
    expect(oldestDate(['2024-07-16', '2025-10-28', '2023-01-24'])).toBe('2023-01-24')
    expect(oldestDate(['2024-07-16', null, '2025-10-28'])).toBeNull()
    expect(oldestDate(['2024-07-16', 'soon'])).toBeNull()
  })

  test('with no configuration a review checks every CWE, CAPEC and ATT&CK id against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-kb-'))
    const file = join(dir, 'models/app.threatmodel.yaml')
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(
      file,
      [
        'threatloop: 1',
        'model: { id: app, title: App }',
        'threats:',
        '  - id: T-1',
        '    title: Injection',
        '    references: { cwe: [CWE-79, CWE-99999], capec: [CAPEC-66, CAPEC-99999], attack: [T1190, T9999, T1002] }',
        ''
      ].join('\n')
    )
    const result = await runReview({
      base: null,
      head: folderSnapshot(dir, 'head'),
      context: { platform: 'local', event: 'manual', today: '2026-01-01' }
    })
    expect(result.review.models).toHaveLength(1)
    const rules = result.review.models.flatMap((m) => m.findings?.new ?? []).map((f) => f.ruleId)
    expect(rules).toEqual(expect.arrayContaining(['unknown-cwe-id', 'unknown-capec-id', 'unknown-attack-id', 'revoked-attack-id']))
    // CAPEC's bundled release states no date, so the knowledge base's age is unknown.
    expect(result.knowledgeBaseDate).toBeNull()
    // The maturity checks see the catalogues' age (no pipeline evidence passed: the rest stays unobserved).
    const found: Record<string, unknown>[] = []
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk)
      else if (value && typeof value === 'object') {
        if ((value as { id?: unknown }).id === 'knowledge-base.catalogues-current') found.push(value as Record<string, unknown>)
        Object.values(value).forEach(walk)
      }
    }
    walk(result.review.models[0])
    expect(found.length).toBeGreaterThan(0)
    // CWE 4.15 (2024-07-16) is 534 days old on 2026-01-01, but CAPEC's age is unknown: no credit and no
    // failure for an age nobody knows — the check says what it could not observe.
    expect(found[0]).toMatchObject({ status: 'not-observable', unobserved: 'the release date of the knowledge-base catalogues' })
  })
})
