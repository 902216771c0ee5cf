import { isRecord } from './conversion.js'
import type { FormatProbe } from './importer.js'
import { formatName, IMPORTERS, type ImportFormat } from './registry.js'

/** What a file looks like: the format, how sure we are (0–1), why, and what keeps it from being read. */
export interface DetectedFormat {
  format: ImportFormat | 'native' | 'unknown'
  confidence: number
  reason: string
  /** What is missing or malformed for the file to be read as `format`; empty when it can be read. */
  issues: string[]
  /** What is odd but readable (a hand-edited mix of versions, a near miss of another format). */
  warnings: string[]
}

type Probe = FormatProbe<ImportFormat | 'native'>

function probeNative(value: Record<string, unknown>): Probe {
  if (!Object.hasOwn(value, 'threatloop')) return { format: 'native', score: 0, reason: '', issues: [] }
  return { format: 'native', score: 1, reason: 'has the `threatloop` version key', issues: [] }
}

/**
 * Recognises a threat-model file by its content (the file name only breaks ties): which format it
 * is, how sure, what is missing or malformed when it only resembles one, and what is odd but
 * readable.
 */
export function detectFormat(path: string, text: string, value: unknown): DetectedFormat {
  void text
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'empty' : `a ${typeof value}`
    return {
      format: 'unknown',
      confidence: 0,
      reason: `the document is ${what}, not a mapping`,
      issues: ['every supported threat-model format is a mapping at the top level'],
      warnings: []
    }
  }
  const probes: Probe[] = [
    probeNative(value),
    ...IMPORTERS.map((importer) => (importer.detect as (v: Record<string, unknown>, p: string) => Probe)(value, path))
  ]
  const ranked = probes
    .filter((p) => p.score > 0)
    .map((p, order) => ({ ...p, order, score: p.score + nameBonus(path, p.format) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
  if (ranked.length === 0) {
    const keys = Object.keys(value).slice(0, 6)
    return {
      format: 'unknown',
      confidence: 0,
      reason: `no known format matches (top-level keys: ${keys.map((k) => `\`${k}\``).join(', ')}${Object.keys(value).length > keys.length ? ', …' : ''})`,
      issues: [
        `expected the markers of one of: ${['native' as const, ...IMPORTERS.flatMap((i) => Object.keys(i.formats) as ImportFormat[])].map(formatName).join(', ')}`
      ],
      warnings: []
    }
  }
  const [best, ...others] = ranked
  const issues = [...best.issues]
  const warnings = [...(best.warnings ?? [])]
  // A file with the strong marker of two formats is a broken hybrid, not either of them.
  const rival = others.find((p) => p.score >= 0.8 && p.format !== best.format)
  if (rival && best.score >= 0.8) {
    issues.push(`it also carries ${formatName(rival.format)} markers (${rival.reason}); a file holds one format`)
  } else {
    // A weaker resemblance to another format is worth a word, not a refusal.
    const near = others.find((p) => p.score >= 0.5 && p.format !== best.format && p.format !== 'native')
    if (near && best.score >= 0.8)
      warnings.push(`it also resembles ${formatName(near.format)} (${near.reason}); it is read as ${formatName(best.format)}`)
  }
  return { format: best.format, confidence: Math.min(1, Number(best.score.toFixed(2))), reason: best.reason, issues, warnings }
}

function nameBonus(path: string, format: ImportFormat | 'native'): number {
  const name = path.toLowerCase()
  if (format === 'otm' && /\.otm(\.(json|ya?ml))?$/.test(name)) return 0.05
  if (format === 'threat-composer' && name.endsWith('.tc.json')) return 0.05
  if (format === 'threagile' && name.includes('threagile')) return 0.05
  if ((format === 'threat-dragon-v1' || format === 'threat-dragon-v2') && name.endsWith('.threat-dragon.json')) return 0.05
  if (format === 'native' && name.includes('.threatmodel.')) return 0.05
  return 0
}
