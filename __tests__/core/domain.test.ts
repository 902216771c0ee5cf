import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_GATE_SETTINGS,
  GATE_CONDITIONS,
  IN_PLACE_STATUSES,
  isoDate,
  isRepositoryPath,
  MITIGATION_STATUSES,
  OPEN_STATUSES,
  PLANNED_STATUSES,
  today,
  VERSION
} from '../../src/core/domain.js'
import { DEFAULT_GATES } from '../../src/core/risk/resolve.js'

describe('domain constants', () => {
  it('VERSION is package.json version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })

  it('every status is in exactly one of in place, open or rejected; planned is open work', () => {
    for (const status of MITIGATION_STATUSES) {
      const homes = [IN_PLACE_STATUSES.has(status), OPEN_STATUSES.has(status), status === 'rejected'].filter(Boolean)
      expect({ status, homes: homes.length }).toEqual({ status, homes: 1 })
    }
    for (const status of PLANNED_STATUSES) expect(OPEN_STATUSES.has(status)).toBe(true)
  })

  it('the default gate names known conditions, and the risk engine starts from the same lists', () => {
    for (const condition of [...DEFAULT_GATE_SETTINGS.failOn, ...DEFAULT_GATE_SETTINGS.warnOn]) {
      expect(GATE_CONDITIONS).toContain(condition)
    }
    expect(DEFAULT_GATES.failOn).toEqual(DEFAULT_GATE_SETTINGS.failOn)
    expect(DEFAULT_GATES.warnOn).toEqual(DEFAULT_GATE_SETTINGS.warnOn)
  })

  it('dates are YYYY-MM-DD in UTC', () => {
    expect(isoDate(new Date('2026-03-01T23:59:59-05:00'))).toBe('2026-03-02')
    expect(today(new Date('2026-12-05T00:00:00Z'))).toBe('2026-12-05')
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('the path rule: relative, forward slashes, no drive, no ..', () => {
    for (const ok of ['a.yaml', 'threatmodels/x.yaml', 'rules/**/*.yaml', './a', 'a..b/c', 'x:y']) expect(isRepositoryPath(ok)).toBe(true)
    for (const bad of ['', '/etc/x', '../x', 'a/../b', 'a/..', 'C:/x', 'c:/x', 'a\\b', '..\\x']) expect(isRepositoryPath(bad)).toBe(false)
  })
})
