import { exportOtm, importModel } from '../src/core/import/index.js'
import { parseYamlDocument } from '../src/core/model/yaml-document.js'
import { generateModel } from './generate.js'
import { medianMs, round } from './measure.js'

const THREATS = 5000

/** The generated 5,000-threat model written as OTM 0.2 JSON (via the exporter), and its element count. */
export function generateOtmText(threats = THREATS): { text: string; threats: number } {
  const otm = exportOtm(generateModel(threats))
  return { text: JSON.stringify(otm, null, 2), threats: (otm.threats as unknown[]).length }
}

/**
 * Issue 8: converting a 5,000-threat OTM model (detect, convert, validate with the native schema,
 * index, keep origins) against parsing its text. `convertMs` is the import minus its own parse.
 */
export function benchImport(): Record<string, number | string | boolean> {
  const { text, threats } = generateOtmText()
  const path = 'bench.otm.json'
  const first = importModel({ path, content: text })
  if (!first.document)
    throw new Error(
      `generated OTM did not import: ${first.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`
    )
  // Parse and import runs alternate, so load from other processes hits both figures alike.
  const parseRuns: number[] = []
  const importRuns: number[] = []
  for (let i = 0; i < 7; i++) {
    parseRuns.push(medianMs(() => parseYamlDocument(path, text), 1, i === 0 ? 1 : 0))
    importRuns.push(medianMs(() => importModel({ path, content: text }), 1, i === 0 ? 1 : 0))
  }
  const parseMs = median(parseRuns)
  const importMs = median(importRuns)
  const convertMs = Math.max(0, importMs - parseMs)
  const ratio = convertMs / parseMs
  return {
    threats,
    elements: first.origins.size,
    textKb: round(text.length / 1024, 0),
    parseMs: round(parseMs),
    importMs: round(importMs),
    convertMs: round(convertMs),
    ratio: round(ratio, 3),
    importToParse: round(importMs / parseMs, 3),
    target: 'converting ≤ 2× parsing the text',
    ratioMet: ratio <= 2
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
