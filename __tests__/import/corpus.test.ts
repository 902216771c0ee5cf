import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { loadModelFile, type ModelFileResult } from '../../src/core/review/load-model-file.js'
import { reviewChange } from '../../src/core/review/review.js'
import type { ReviewContext } from '../../src/core/review/types.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { formatProblem } from '../../src/core/problems.js'

/**
 * The corpus of real public threat models (see fixtures/real/SOURCES.md): every file must convert
 * and every pair of consecutive versions must review with both sides loaded. The rates are in the
 * test names so a run reports them.
 */
const ROOT = '__tests__/fixtures/real'
const FORMATS = ['otm', 'threagile', 'threat-dragon', 'threat-composer', 'tm-bom'] as const

interface CorpusFile {
  format: (typeof FORMATS)[number]
  path: string
  /** The model's name without the version suffix: consecutive versions share it. */
  model: string
  version: number
}

function corpus(): CorpusFile[] {
  const files: CorpusFile[] = []
  for (const format of FORMATS) {
    for (const name of readdirSync(join(ROOT, format)).sort()) {
      const versioned = /^(.*)@(\d+)(\.[^@]+)$/.exec(name)
      files.push({
        format,
        path: join(ROOT, format, name),
        model: versioned ? `${versioned[1]}${versioned[3]}` : name,
        version: versioned ? Number(versioned[2]) : 0
      })
    }
  }
  return files
}

const FILES = corpus()
/** A version keeps one path in a repository: both sides are read as the model's unversioned name. */
const virtualPath = (file: CorpusFile): string => `models/${file.format}/${file.model}`
const load = (file: CorpusFile): ModelFileResult => loadModelFile({ path: virtualPath(file), content: readFileSync(file.path) })
const RESULTS = new Map(FILES.map((file) => [file, load(file)]))
const converted = FILES.filter((file) => RESULTS.get(file)!.model !== undefined)
const PAIRS: [CorpusFile, CorpusFile][] = []
for (const file of FILES) {
  const next = FILES.find((other) => other.format === file.format && other.model === file.model && other.version === file.version + 1)
  if (next && file.version > 0) PAIRS.push([file, next])
}

const { ruleSet } = loadRuleSet()
const context: ReviewContext = { platform: 'local', event: 'manual', base: { label: 'base' }, head: { label: 'head' }, today: '2026-01-15' }
const reviewed = PAIRS.map(([base, head]) => {
  const review = reviewChange(
    { files: [{ path: virtualPath(base), content: readFileSync(base.path) }] },
    { files: [{ path: virtualPath(head), content: readFileSync(head.path) }] },
    context,
    { toolVersion: 'test', ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 2000 } }
  )
  return {
    base,
    head,
    review,
    bothLoaded: review.models.length === 1 && review.models[0].base?.valid === true && review.models[0].head?.valid === true
  }
})
const percent = (part: number, whole: number): string => (whole === 0 ? '100' : ((100 * part) / whole).toFixed(1))

describe('real public threat models', () => {
  test(`every format is represented (${FILES.length} files, ${PAIRS.length} version pairs)`, () => {
    for (const format of FORMATS) expect(FILES.some((f) => f.format === format)).toBe(true)
    expect(PAIRS.length).toBeGreaterThanOrEqual(5)
  })

  test(`${percent(converted.length, FILES.length)} % of files convert (${converted.length}/${FILES.length}; target ≥ 95 %)`, () => {
    const failures = FILES.filter((f) => !converted.includes(f)).map(
      (f) =>
        `${f.path}:\n  ${RESULTS.get(f)!
          .problems.filter((p) => p.severity === 'error')
          .map(formatProblem)
          .join('\n  ')}`
    )
    expect(failures).toEqual([])
    expect(converted.length / FILES.length).toBeGreaterThanOrEqual(0.95)
  })

  test(`${percent(reviewed.filter((r) => r.bothLoaded).length, PAIRS.length)} % of version pairs review with both sides loaded (target ≥ 95 %)`, () => {
    const failures = reviewed.filter((r) => !r.bothLoaded).map((r) => `${r.base.path} → ${r.head.path}`)
    expect(failures).toEqual([])
  })

  test('no file is converted with an error, and every warning is positioned in its file', () => {
    for (const file of converted) {
      const problems = RESULTS.get(file)!.problems
      expect(problems.filter((p) => p.severity === 'error')).toEqual([])
      for (const p of problems) {
        expect(p.file).toBe(virtualPath(file))
        expect(p.line).toBeGreaterThanOrEqual(1)
      }
    }
  })

  test('the near misses are named by detection, not converted', () => {
    for (const name of readdirSync(join(ROOT, 'near-miss'))) {
      const result = loadModelFile({ path: name, content: readFileSync(join(ROOT, 'near-miss', name)) })
      expect(result.model).toBeUndefined()
      expect(result.problems.map((p) => p.message).join('\n')).toMatch(/Threat Dragon/)
    }
  })

  test('reviews of consecutive versions never show an element as removed and added again under another id', () => {
    const titleOf = (value: unknown): string | undefined =>
      value !== null && typeof value === 'object' && 'title' in value ? String(value.title) : undefined
    // cryptocurrency-wallet@2 renames every id of @1 (`store_wallet_file` → `store-wallet-file`):
    // a rename in the source itself, left to the diff's rename detection.
    for (const { review } of reviewed.filter((r) => r.base.model !== 'cryptocurrency-wallet.json')) {
      const changes = review.models[0]?.diff?.changes ?? []
      const removed = new Set(
        changes.filter((c) => c.change === 'removed' && titleOf(c.before) !== undefined).map((c) => `${c.section}:${titleOf(c.before)}`)
      )
      const addedAgain = changes.filter((c) => c.change === 'added' && removed.has(`${c.section}:${titleOf(c.after)}`))
      expect(addedAgain.map((c) => c.id)).toEqual([])
    }
  })
})
