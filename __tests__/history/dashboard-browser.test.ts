// Opens the dashboard in headless Chromium (Debian package, installed by .ci/run) the way a
// reader would: the page must render to a screenshot and the browser console must stay silent
// (no blocked resource, no script, no error). A control page proves the console is read.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { renderDashboardHtml } from '../../src/core/history/dashboard-html.js'
import { SNAPSHOT_SCHEMA, type ModelSnapshot, type SnapshotLine } from '../../src/core/history/snapshot.js'

const dir = mkdtempSync(join(tmpdir(), 'threatloop-browser-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function chromium(): string {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim()
    } catch {
      // try the next name
    }
  }
  throw new Error('headless Chromium is needed for this test: apt-get install chromium (.ci/run installs it)')
}

/** Renders a page to a PNG; returns the console lines Chromium logged. */
function open(page: string, png: string): string[] {
  const result = spawnSync(
    chromium(),
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-logging=stderr',
      '--v=0',
      `--screenshot=${png}`,
      '--window-size=1280,2000',
      `file://${page}`
    ],
    { encoding: 'utf8', timeout: 90_000 }
  )
  return (result.stderr ?? '').split('\n').filter((l) => /CONSOLE|Refused|violates/.test(l))
}

function model(modelId: string, reviewed: string, high: number): ModelSnapshot {
  return {
    modelId,
    title: `Model <${modelId}>`,
    file: `${modelId}.threatmodel.yaml`,
    owner: 'team',
    reviewed,
    severity: { critical: 0, high, medium: 2, low: 1, info: 0 },
    residual: { currency: 'USD', mean: 1000 * high, p90: 4000 * high, derivedShare: 0.2 },
    maturity: { severity: 2, inventory: 1, osint: null },
    mitigations: { proposed: 1, planned: 2, 'in-progress': 0, implemented: 1, verified: 1, existing: 0, rejected: 0, open: 3, inPlace: 2 },
    threats: {
      total: 4,
      open: 3,
      heat: [
        [0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 1, 1, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0]
      ],
      unrated: 1
    },
    top: [
      { id: 'T-1', title: 'Token replay', severity: 'high', aleMean: 800 * high },
      { id: 'T-2', title: 'Injection', severity: 'medium', aleMean: 200 * high }
    ],
    tracker: { open: 2, ages: [3, 40] }
  }
}

describe('dashboard in a browser', () => {
  test('renders with a silent console and no external resource', () => {
    const lines: SnapshotLine[] = ['2026-01-05', '2026-04-05', '2026-07-05', '2026-10-05'].map((date, i) => ({
      schema: SNAPSHOT_SCHEMA,
      date,
      commit: `c${i}`,
      tool: '0.1.0',
      models: [model('shop', '2026-01-01', 4 - i), model('billing', '2025-06-01', 2)]
    }))
    const page = join(dir, 'dashboard.html')
    writeFileSync(page, renderDashboardHtml(lines, { title: 'Acme', today: '2026-10-06' }))
    const png = join(dir, 'dashboard.png')
    expect(open(page, png)).toEqual([])
    expect(statSync(png).size).toBeGreaterThan(20_000)
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  })

  test('the console check is real: a page that loads from outside is caught', () => {
    const page = join(dir, 'control.html')
    writeFileSync(
      page,
      `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><img src="https://example.invalid/x.png"></body></html>`
    )
    expect(open(page, join(dir, 'control.png')).length).toBeGreaterThan(0)
  })
})
