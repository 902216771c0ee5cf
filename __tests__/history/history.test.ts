import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'
import { dashboardData } from '../../src/core/history/dashboard-data.js'
import { escapeHtml, renderDashboardHtml, trendMermaid } from '../../src/core/history/dashboard-html.js'
import { appendSnapshot, parseHistory, SNAPSHOT_SCHEMA, type SnapshotLine, type ModelSnapshot } from '../../src/core/history/snapshot.js'

const EXAMPLE = readFileSync('examples/payments-api.threatmodel.yaml', 'utf8')

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  })
}

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, cwd, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) })
  return { code, out, err }
}

function model(overrides: Partial<ModelSnapshot> = {}): ModelSnapshot {
  return {
    modelId: 'shop',
    title: 'Shop',
    file: 'shop.threatmodel.yaml',
    owner: 'team',
    reviewed: '2026-01-10',
    severity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
    residual: null,
    maturity: { severity: 2, inventory: null },
    mitigations: { proposed: 1, planned: 1, 'in-progress': 0, implemented: 1, verified: 0, existing: 0, rejected: 0, open: 2, inPlace: 1 },
    threats: {
      total: 3,
      open: 3,
      heat: [
        [0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 2, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0]
      ],
      unrated: 0
    },
    top: [{ id: 'T-1', title: 'A', severity: 'high', aleMean: null }],
    tracker: null,
    ...overrides
  }
}

function line(date: string, models: ModelSnapshot[], commit: string | null = date): SnapshotLine {
  return { schema: SNAPSHOT_SCHEMA, date, commit, tool: '0.1.0', models }
}

describe('history lines', () => {
  test('appending is idempotent per commit', () => {
    const first = appendSnapshot('', line('2026-01-01', [model()], 'abc'))
    expect(first.added).toBe(true)
    const again = appendSnapshot(first.text, line('2026-01-02', [model()], 'abc'))
    expect(again.added).toBe(false)
    expect(again.text).toBe(first.text)
    const second = appendSnapshot(first.text, line('2026-01-02', [model()], 'def'))
    expect(second.text.trim().split('\n')).toHaveLength(2)
  })

  test('broken lines are skipped with their line number, the rest is read in date order', () => {
    const text = [
      JSON.stringify(line('2026-03-01', [model()])),
      '{not json',
      JSON.stringify({ schema: 'other/1' }),
      JSON.stringify(line('2026-01-01', [model()]))
    ].join('\n')
    const { lines, problems } = parseHistory(text)
    expect(lines.map((l) => l.date)).toEqual(['2026-01-01', '2026-03-01'])
    expect(problems.map((p) => p.line)).toEqual([2, 3])
  })
})

describe('dashboard data', () => {
  test('money only where snapshots carry it; maturity compared with a quarter ago', () => {
    const lines = [
      line('2026-01-01', [model({ maturity: { severity: 1, inventory: 2 } })]),
      line('2026-03-01', [model()]),
      line('2026-05-01', [
        model({
          residual: { currency: 'USD', mean: 1000, p90: 3000, derivedShare: 0 },
          top: [{ id: 'T-1', title: 'A', severity: 'high', aleMean: 1000 }]
        })
      ])
    ]
    const data = dashboardData(lines, '2026-05-02')
    expect(data.lossTrend).toEqual([
      {
        modelId: 'shop',
        currency: 'USD',
        points: [
          { date: '2026-01-01', value: null },
          { date: '2026-03-01', value: null },
          { date: '2026-05-01', value: 1000 }
        ]
      }
    ])
    expect(data.maturityBeforeDate).toBe('2026-01-01')
    expect(data.maturity).toEqual([
      { category: 'inventory', now: null, before: 2, notAssessed: false },
      { category: 'severity', now: 2, before: 1, notAssessed: false }
    ])
    expect(data.pareto).toEqual([{ modelId: 'shop', id: 'T-1', title: 'A', aleMean: 1000, cumulativeShare: 1 }])
    expect(data.heat[2][2]).toBe(2)
    expect(data.staleness[0].days).toBe(112)
  })

  test('without money the page says unknown and draws no money axis', () => {
    const html = renderDashboardHtml([line('2026-01-01', [model()]), line('2026-02-01', [model()])], { title: 'acme', today: '2026-02-02' })
    expect(html).toContain('Unknown: no model has quantitative (FAIR) inputs')
    expect(html).not.toMatch(/\$\d/)
  })

  test('hostile model text is escaped and the page loads nothing from outside', () => {
    const evil = model({ modelId: 'x"><script>alert(1)</script>', title: '<img src=https://evil.example/x.png>' })
    const html = renderDashboardHtml([line('2026-01-01', [evil])], { title: 't', today: '2026-01-02' })
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//)
    expect(escapeHtml('a<b>"c"&\u001b')).toBe('a&lt;b&gt;&quot;c&quot;&amp;')
  })

  test('the job-summary trend is a Mermaid xychart', () => {
    const chart = trendMermaid(
      [line('2026-01-01', [model()]), line('2026-02-01', [model({ severity: { critical: 1, high: 1, medium: 0, low: 0, info: 0 } })])],
      '2026-02-02'
    )!
    expect(chart).toContain('xychart-beta')
    expect(chart).toContain('bar [3, 2]')
    expect(chart).toContain('line [1, 2]')
    expect(trendMermaid([line('2026-01-01', [model()])], '2026-01-02')).toBeNull()
  })
})

describe('snapshot and report commands', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'threatloop-history-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(join(repo, 'models'))
    const versions = [
      EXAMPLE,
      EXAMPLE.replace(/reviewed: \S+/, 'reviewed: 2026-02-01'),
      EXAMPLE.replace(/reviewed: \S+/, 'reviewed: 2026-03-01').replace(/status: planned/, 'status: implemented')
    ]
    versions.forEach((text, i) => {
      writeFileSync(join(repo, 'models/payments.threatmodel.yaml'), text)
      git(repo, 'add', '.')
      execFileSync('git', ['commit', '-qm', `v${i}`], {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@e',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@e',
          GIT_COMMITTER_DATE: `2026-0${i + 1}-15T12:00:00Z`
        }
      })
      writeFileSync(join(repo, 'README.md'), `unrelated ${i}\n`)
      git(repo, 'add', '.')
      git(repo, 'commit', '-qm', `docs ${i}`)
    })
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  test('three commits of a model give three snapshot lines, and a re-run adds none', async () => {
    const result = await cli(repo, 'snapshot', '--backfill', '10', '--history', 'history/threatloop.jsonl')
    expect(result.code).toBe(0)
    const lines = readFileSync(join(repo, 'history/threatloop.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SnapshotLine)
    expect(lines.map((l) => l.date)).toEqual(['2026-01-15', '2026-02-15', '2026-03-15'])
    expect(lines[0].models[0].modelId).toBe('payments-api')
    expect(lines[2].models[0].mitigations.inPlace).toBeGreaterThan(lines[0].models[0].mitigations.inPlace)
    const again = await cli(repo, 'snapshot', '--backfill', '10', '--history', 'history/threatloop.jsonl')
    expect(again.err).toContain('0 lines added')
    expect(again.err).toContain('3 already there')
    expect(readFileSync(join(repo, 'history/threatloop.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)
    const printed = await cli(repo, 'snapshot')
    expect((JSON.parse(printed.out) as SnapshotLine).commit).toBe(git(repo, 'rev-parse', 'HEAD').trim())
  })

  test('report --html draws trend, heat map and maturity as inline SVG naming the model', async () => {
    await cli(repo, 'snapshot', '--backfill', '10', '--history', 'h.jsonl')
    const result = await cli(repo, 'report', '--history', 'h.jsonl', '--html', 'out/dashboard.html', '--title', 'Acme')
    expect(result.code).toBe(0)
    const html = readFileSync(join(repo, 'out/dashboard.html'), 'utf8')
    for (const id of ['all-trend', 'all-severity', 'all-heatmap', 'all-maturity', 'all-burndown', 'staleness'])
      expect(html).toContain(`id="${id}"`)
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4)
    expect(html).toContain('payments-api')
    expect(html).not.toMatch(/<script|<link|@import|url\(/)
  })

  test('paths and --config are typed from any folder, like validate, check and review; a path outside is refused', async () => {
    mkdirSync(join(repo, 'docs'), { recursive: true })
    const fromSubfolder = await cli(join(repo, 'docs'), 'snapshot', '../models/payments.threatmodel.yaml')
    expect(fromSubfolder.code).toBe(0)
    expect((JSON.parse(fromSubfolder.out) as SnapshotLine).models.map((m) => m.file)).toEqual(['models/payments.threatmodel.yaml'])
    const outside = await cli(join(repo, 'docs'), 'snapshot', '../../elsewhere.yaml')
    expect(outside.code).toBe(2)
    expect(outside.err).toContain('is outside the repository')
  })

  test('usage errors exit 2', async () => {
    expect((await cli(repo, 'report')).code).toBe(2)
    expect((await cli(repo, 'snapshot', '--backfill', 'x')).code).toBe(2)
  })
})
