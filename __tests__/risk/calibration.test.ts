import { describe, expect, test } from '@jest/globals'
import { LEVELS } from '../../src/core/model/schema.js'
import {
  bandSeverity,
  bandsAreConsistent,
  calibratedLef,
  calibratedLoss,
  calibrationTable,
  resolveCalibration
} from '../../src/core/risk/calibration.js'
import { distributionMean } from '../../src/core/risk/distributions.js'
import { matrixSeverity } from '../../src/core/risk/scores.js'

describe('default calibration (docs/risk-engine.md §3)', () => {
  const calibration = resolveCalibration(undefined, 4)

  test('the table matches the specification to its printed precision', () => {
    const table = calibrationTable(calibration)
    const printed = {
      'very-low': [0.01, 0.03, 0.1, 3000, 10000, 100000],
      low: [0.032, 0.095, 0.32, 9500, 32000, 320000],
      medium: [0.1, 0.3, 1, 30000, 100000, 1000000],
      high: [0.32, 0.95, 3.2, 95000, 320000, 3200000],
      'very-high': [1, 3, 10, 300000, 1000000, 10000000]
    }
    for (const row of table) {
      const values = [row.lef.min, row.lef.likely, row.lef.max, row.loss.min, row.loss.likely, row.loss.max]
      values.forEach((v, k) => expect(Math.abs(v - printed[row.level][k]) / printed[row.level][k]).toBeLessThan(0.02))
    }
  })

  test('c is the mean ALE at (very-low, very-low): $913.6 with λ = 4', () => {
    expect(calibration.c).toBeCloseTo(913.61, 1)
  })

  test('bands are c·k^(S+0.5): 16.2k, 51.4k, 162k, 514k', () => {
    expect(Math.round(calibration.aleBands.low)).toBe(16247)
    expect(Math.round(calibration.aleBands.medium)).toBe(51376)
    expect(Math.round(calibration.aleBands.high)).toBe(162466)
    expect(Math.round(calibration.aleBands.critical)).toBe(513761)
    expect(calibration.aleBands.info).toBe(0)
  })

  const cells = LEVELS.flatMap((l) => LEVELS.map((i) => [l, i] as const))
  test.each(cells)('cell %s × %s: the calibrated mean ALE falls in the matrix band', (l, i) => {
    const mean = distributionMean(calibratedLef(calibration, l)) * distributionMean(calibratedLoss(calibration, i))
    expect(bandSeverity(mean, calibration.aleBands)).toBe(matrixSeverity(l, i))
  })

  test('25/25 cells agree, also for other anchors, steps and λ', () => {
    expect(bandsAreConsistent(calibration, matrixSeverity)).toBe(true)
    for (const [step, lambda] of [
      [2, 4],
      [5, 20],
      [10, 160]
    ])
      expect(
        bandsAreConsistent(
          resolveCalibration(
            {
              calibration: {
                step,
                likelihood_anchor: { level: 'low', lef_per_year: { min: 0.01, likely: 0.05, max: 0.2 } },
                impact_anchor: { level: 'high', loss: { min: 1e5, likely: 5e5, max: 5e6 } }
              }
            },
            lambda
          ),
          matrixSeverity
        )
      ).toBe(true)
  })

  test('hand-set bands that break the matrix are detected', () => {
    const broken = resolveCalibration({ severity: { ale_bands: { info: 0, low: 1000, medium: 2000, high: 3000, critical: 4000 } } }, 4)
    expect(broken.bandsSource).toBe('configured')
    expect(bandsAreConsistent(broken, matrixSeverity)).toBe(false)
  })
})
