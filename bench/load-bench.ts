import { load } from 'js-yaml'
import { loadModel } from '../src/core/model/load.js'
import { BENCH_SIZES } from './generate.js'
import { readBenchModel } from './fixtures.js'
import { medianMs, peakRssMb, round } from './measure.js'

/** Issue 2: load + validate + index of the 5,000-threat model against plain js-yaml `load` of the same text. */
export function benchLoad(): Record<string, number | string | boolean> {
  const base = readBenchModel('large', 'base')
  const threats = BENCH_SIZES.large
  const check = loadModel({ path: 'bench.threatmodel.yaml', content: base })
  // Peak memory of one load, before the repeated timing runs add garbage of their own.
  const peakAfterOneLoad = peakRssMb()
  if (!check.model)
    throw new Error(
      `generated model is invalid: ${check.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`
    )
  const yamlMs = medianMs(() => load(base))
  const loadMs = medianMs(() => loadModel({ path: 'bench.threatmodel.yaml', content: base }))
  // Source positions are built lazily, the first time a problem or finding needs one; shown apart.
  const withPositionsMs = medianMs(() => loadModel({ path: 'bench.threatmodel.yaml', content: base }).model?.index.positionOf('T-1'))
  const ratio = loadMs / yamlMs
  return {
    threats,
    textBytes: base.length,
    jsYamlLoadMs: round(yamlMs),
    loadValidateIndexMs: round(loadMs),
    ratio: round(ratio),
    withSourcePositionsMs: round(withPositionsMs),
    withSourcePositionsRatio: round(withPositionsMs / yamlMs),
    target: '≤ 2.5× js-yaml load',
    ratioMet: ratio <= 2.5,
    peakRssMb: round(peakAfterOneLoad, 1),
    peakMet: peakAfterOneLoad < 300
  }
}
