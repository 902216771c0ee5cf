/**
 * The dashboard as one self-contained HTML page: inline SVG and CSS, no script, no external
 * resource, readable without JavaScript and in print. Every chart has a title and the numbers
 * beside it in a table. Colours are the Okabe–Ito palette (distinguishable with colour-vision
 * deficiencies), and severities also differ by position and label, never by colour alone.
 */
import { LEVELS, SEVERITIES, type Severity } from '../model/schema.js'
import { formatMoney } from '../render/format.js'
import { dashboardData, modelLines, type DashboardData } from './dashboard-data.js'
import type { ModelSnapshot, SnapshotLine } from './snapshot.js'
import { mergeBusinessRows, type BusinessRow } from '../value/business-summary.js'

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '#7a0019',
  high: '#d55e00',
  medium: '#e69f00',
  low: '#56b4e9',
  info: '#999999'
}
const SERIES = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442']
const LEVEL_LABEL: Record<string, string> = { 'very-low': 'very low', low: 'low', medium: 'medium', high: 'high', 'very-high': 'very high' }

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return (
    String(text)
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  )
}

const e = escapeHtml
let chartCounter = 0

function svgOpen(width: number, height: number, title: string, description: string): string {
  const id = `chart-${++chartCounter}`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${e(title)}</title><desc id="${id}-d">${e(description)}</desc>`
}

function niceMax(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

function shortMoney(value: number, currency: string): string {
  return formatMoney(value, currency).replace(/\u00a0/g, ' ')
}

/** X positions of ordinal dates across the plot, with thinned labels. */
function xAxis(dates: readonly string[], left: number, width: number, bottom: number): { x: (i: number) => number; svg: string } {
  const step = dates.length > 1 ? width / (dates.length - 1) : 0
  const x = (i: number): number => (dates.length > 1 ? left + i * step : left + width / 2)
  const every = Math.max(1, Math.ceil(dates.length / 6))
  const labels = dates
    .map((d, i) =>
      i % every === 0 || i === dates.length - 1
        ? `<text x="${x(i).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" class="axis">${e(d)}</text>`
        : ''
    )
    .join('')
  return { x, svg: `<line x1="${left}" y1="${bottom}" x2="${left + width}" y2="${bottom}" class="grid"/>${labels}` }
}

function yAxis(max: number, left: number, top: number, height: number, format: (v: number) => string, width = 500): string {
  let out = ''
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4
    const y = top + height - (height * k) / 4
    out += `<line x1="${left}" y1="${y.toFixed(1)}" x2="${left + width}" y2="${y.toFixed(1)}" class="grid"/><text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="axis">${e(format(v))}</text>`
  }
  return out
}

/** A line chart of several series over ordinal dates; null values break the line. */
export function lineChart(
  title: string,
  dates: readonly string[],
  series: readonly { name: string; values: readonly (number | null)[] }[],
  format: (v: number) => string
): string {
  const [left, top, width, height] = [90, 20, 480, 200]
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))))
  const axis = xAxis(dates, left, width, top + height)
  const y = (v: number): number => top + height - (v / max) * height
  let body = yAxis(max, left, top, height, format, width) + axis.svg
  series.forEach((s, k) => {
    const colour = SERIES[k % SERIES.length]
    let path = ''
    let pen = false
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false
        return
      }
      path += `${pen ? 'L' : 'M'}${axis.x(i).toFixed(1)},${y(v).toFixed(1)}`
      pen = true
      body += `<circle cx="${axis.x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"><title>${e(`${s.name} ${dates[i]}: ${format(v)}`)}</title></circle>`
    })
    if (path) body += `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`
  })
  const legend = series
    .map(
      (s, k) =>
        `<g transform="translate(${left + (k % 2) * 260},${top + height + 34 + Math.floor(k / 2) * 16})"><rect width="10" height="10" fill="${SERIES[k % SERIES.length]}"/><text x="14" y="9" class="axis">${e(s.name.slice(0, 40))}</text></g>`
    )
    .join('')
  const rows = Math.ceil(series.length / 2)
  return `${svgOpen(640, top + height + 40 + rows * 16, title, `${series.length} series over ${dates.length} dates`)}${body}${legend}</svg>`
}

/** Stacked bars of severity counts per date. */
export function severityBars(title: string, points: readonly { date: string; counts: Record<Severity, number> }[]): string {
  const [left, top, width, height] = [50, 20, 540, 200]
  const max = niceMax(Math.max(1, ...points.map((p) => SEVERITIES.reduce((n, s) => n + p.counts[s], 0))))
  const slot = width / Math.max(1, points.length)
  const barWidth = Math.max(2, Math.min(40, slot * 0.7))
  let body = yAxis(max, left, top, height, (v) => String(Math.round(v)), width)
  const every = Math.max(1, Math.ceil(points.length / 6))
  points.forEach((p, i) => {
    const x = left + i * slot + (slot - barWidth) / 2
    let base = top + height
    for (const s of [...SEVERITIES].reverse()) {
      const h = (p.counts[s] / max) * height
      if (h <= 0) continue
      base -= h
      body += `<rect x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${SEVERITY_COLOUR[s]}"><title>${e(`${p.date}: ${p.counts[s]} ${s}`)}</title></rect>`
    }
    if (i % every === 0 || i === points.length - 1)
      body += `<text x="${(x + barWidth / 2).toFixed(1)}" y="${top + height + 16}" text-anchor="middle" class="axis">${e(p.date)}</text>`
  })
  const legend = SEVERITIES.map(
    (s, k) =>
      `<g transform="translate(${left + k * 100},${top + height + 30})"><rect width="10" height="10" fill="${SEVERITY_COLOUR[s]}"/><text x="14" y="9" class="axis">${s}</text></g>`
  ).join('')
  return `${svgOpen(640, top + height + 50, title, `residual severity counts at ${points.length} dates`)}${body}${legend}</svg>`
}

/** The likelihood × impact heat map of open threats. */
export function heatMap(title: string, heat: readonly (readonly number[])[]): string {
  const [left, top, cell] = [90, 20, 64]
  const max = Math.max(1, ...heat.flat())
  let body = ''
  for (let i = 0; i < LEVELS.length; i++) {
    const row = LEVELS.length - 1 - i
    body += `<text x="${left - 6}" y="${top + row * cell + cell / 2 + 4}" text-anchor="end" class="axis">${LEVEL_LABEL[LEVELS[i]]}</text>`
    for (let j = 0; j < LEVELS.length; j++) {
      const n = heat[i][j]
      const shade = n === 0 ? '#f4f4f4' : `rgba(213,94,0,${(0.2 + 0.8 * (n / max)).toFixed(2)})`
      const ink = n / max > 0.55 ? '#ffffff' : '#1a1a1a'
      body += `<rect x="${left + j * cell}" y="${top + row * cell}" width="${cell - 2}" height="${cell - 2}" fill="${shade}"><title>${e(`likelihood ${LEVEL_LABEL[LEVELS[i]]}, impact ${LEVEL_LABEL[LEVELS[j]]}: ${n}`)}</title></rect><text x="${left + j * cell + cell / 2 - 1}" y="${top + row * cell + cell / 2 + 5}" text-anchor="middle" class="cell" fill="${ink}">${n}</text>`
    }
  }
  for (let j = 0; j < LEVELS.length; j++)
    body += `<text x="${left + j * cell + cell / 2}" y="${top + LEVELS.length * cell + 14}" text-anchor="middle" class="axis">${LEVEL_LABEL[LEVELS[j]]}</text>`
  body += `<text x="${left + (LEVELS.length * cell) / 2}" y="${top + LEVELS.length * cell + 32}" text-anchor="middle" class="axis">impact →</text><text x="14" y="${top + (LEVELS.length * cell) / 2}" class="axis" transform="rotate(-90 14 ${top + (LEVELS.length * cell) / 2})" text-anchor="middle">likelihood →</text>`
  return `${svgOpen(left + LEVELS.length * cell + 10, top + LEVELS.length * cell + 44, title, 'open threats by stated likelihood and impact')}${body}</svg>`
}

/** Horizontal bars of maturity levels per category: now and about a quarter ago. */
export function maturityBars(title: string, rows: DashboardData['maturity']): string {
  const [left, top, width, rowHeight] = [200, 20, 380, 26]
  let body = ''
  for (let k = 0; k <= 4; k++)
    body += `<line x1="${left + (width * k) / 4}" y1="${top - 4}" x2="${left + (width * k) / 4}" y2="${top + rows.length * rowHeight}" class="grid"/><text x="${left + (width * k) / 4}" y="${top + rows.length * rowHeight + 14}" text-anchor="middle" class="axis">${k}</text>`
  rows.forEach((r, i) => {
    const y = top + i * rowHeight
    body += `<text x="${left - 6}" y="${y + 15}" text-anchor="end" class="axis">${e(r.category)}</text>`
    if (r.before !== null)
      body += `<rect x="${left}" y="${y + 2}" width="${((width * r.before) / 4).toFixed(1)}" height="8" fill="#999999"><title>${e(`${r.category} a quarter ago: ${r.before}`)}</title></rect>`
    if (r.now !== null)
      body += `<rect x="${left}" y="${y + 11}" width="${((width * r.now) / 4).toFixed(1)}" height="10" fill="#0072b2"><title>${e(`${r.category} now: ${r.now}`)}</title></rect>`
    else body += `<text x="${left + 4}" y="${y + 19}" class="axis">${r.notAssessed ? 'not assessed here' : 'no level evidenced'}</text>`
  })
  body += `<g transform="translate(${left},${top + rows.length * rowHeight + 24})"><rect width="10" height="10" fill="#0072b2"/><text x="14" y="9" class="axis">now</text><rect x="70" width="10" height="10" fill="#999999"/><text x="84" y="9" class="axis">a quarter ago</text></g>`
  return `${svgOpen(640, top + rows.length * rowHeight + 44, title, `maturity level (1 to 4) of ${rows.length} categories`)}${body}</svg>`
}

/** Pareto chart: bars of residual loss per threat, descending, with the cumulative share. */
export function paretoChart(title: string, rows: DashboardData['pareto'], currency: string): string {
  const [left, top, width, height] = [90, 20, 480, 200]
  const max = niceMax(Math.max(1, ...rows.map((r) => r.aleMean)))
  const slot = width / Math.max(1, rows.length)
  let body = yAxis(max, left, top, height, (v) => shortMoney(v, currency), width)
  let path = ''
  rows.forEach((r, i) => {
    const h = (r.aleMean / max) * height
    const x = left + i * slot + slot * 0.15
    body += `<rect x="${x.toFixed(1)}" y="${(top + height - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#0072b2"><title>${e(`${r.modelId}/${r.id}: ${shortMoney(r.aleMean, currency)}`)}</title></rect>`
    body += `<text x="${(x + slot * 0.35).toFixed(1)}" y="${top + height + 14}" text-anchor="middle" class="axis">${i + 1}</text>`
    path += `${i === 0 ? 'M' : 'L'}${(x + slot * 0.35).toFixed(1)},${(top + height - r.cumulativeShare * height).toFixed(1)}`
  })
  if (path)
    body += `<path d="${path}" fill="none" stroke="#d55e00" stroke-width="2" stroke-dasharray="5 3"/><text x="${left + width + 4}" y="${top + 4}" class="axis">100 %</text>`
  return `${svgOpen(640, top + height + 30, title, `${rows.length} threats by residual annual loss, with cumulative share`)}${body}</svg>`
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], caption: string): string {
  const head = headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${e(c)}</th>` : `<td>${e(c)}</td>`)).join('')}</tr>`)
    .join('')
  return `<table><caption>${e(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

function figure(id: string, title: string, chart: string, data: string, note = ''): string {
  return `<section class="figure" id="${id}"><h3>${e(title)}</h3>${note ? `<p class="note">${e(note)}</p>` : ''}<div class="pair"><div class="chart">${chart}</div><div class="data">${data}</div></div></section>`
}

function charts(data: DashboardData, scope: string, prefix: string): string {
  const parts: string[] = []
  if (data.lossTrend.length > 0) {
    const currency = data.lossTrend[0].currency
    const same = data.lossTrend.filter((s) => s.currency === currency)
    parts.push(
      figure(
        `${prefix}trend`,
        `Residual annual loss (mean) over time — ${scope}`,
        lineChart(
          `Residual annual loss over time, ${scope}`,
          data.dates,
          same.map((s) => ({ name: s.modelId, values: s.points.map((p) => p.value) })),
          (v) => shortMoney(v, currency)
        ),
        table(
          ['date', ...same.map((s) => s.modelId)],
          data.dates.map((d, i) => [
            d,
            ...same.map((s) => (s.points[i].value === null ? 'unknown' : shortMoney(s.points[i].value, currency)))
          ]),
          'Residual mean annual loss per model'
        ),
        'Only models with quantitative (FAIR) inputs have a loss figure; others show as unknown.'
      )
    )
  } else {
    parts.push(
      `<section class="figure" id="${prefix}trend"><h3>Residual annual loss — ${e(scope)}</h3><p class="note">Unknown: no model has quantitative (FAIR) inputs, so no money figure is shown. The severity trend below shows how risk moved.</p></section>`
    )
  }
  parts.push(
    figure(
      `${prefix}severity`,
      `Residual severity over time — ${scope}`,
      severityBars(`Residual severity of threats over time, ${scope}`, data.severityTrend),
      table(
        ['date', ...SEVERITIES],
        data.severityTrend.map((p) => [p.date, ...SEVERITIES.map((s) => String(p.counts[s]))]),
        'Threats by residual severity'
      )
    )
  )
  parts.push(
    figure(
      `${prefix}heatmap`,
      `Open threats by likelihood × impact — ${scope}${data.latestDate ? `, ${data.latestDate}` : ''}`,
      heatMap(`Heat map of open threats, ${scope}`, data.heat),
      table(
        ['likelihood \\ impact', ...LEVELS.map((l) => LEVEL_LABEL[l])],
        [...LEVELS].reverse().map((l) => [LEVEL_LABEL[l], ...data.heat[LEVELS.indexOf(l)].map(String)]),
        'Open threats per cell'
      ),
      data.unrated > 0 ? `${data.unrated} open threats have no likelihood and impact and are not placed.` : ''
    )
  )
  if (data.maturity.length > 0) {
    parts.push(
      figure(
        `${prefix}maturity`,
        `Maturity per category — now vs a quarter ago — ${scope}`,
        maturityBars(`Maturity per category, ${scope}`, data.maturity),
        table(
          ['category', 'now', data.maturityBeforeDate ? `at ${data.maturityBeforeDate}` : 'a quarter ago'],
          data.maturity.map((m) => [
            m.category,
            m.now === null ? (m.notAssessed ? 'not assessed here' : 'no level evidenced') : String(m.now),
            m.before === null ? 'unknown' : String(m.before)
          ]),
          'Maturity level (1–4)'
        ),
        data.maturityBeforeDate ? '' : 'History is shorter than a quarter: the earlier level is unknown.'
      )
    )
  }
  parts.push(
    figure(
      `${prefix}burndown`,
      `Mitigation burn-down — ${scope}`,
      lineChart(
        `Open and in-place mitigations over time, ${scope}`,
        data.dates,
        [
          { name: 'open (proposed, planned, in progress)', values: data.burndown.map((b) => b.open) },
          { name: 'in place', values: data.burndown.map((b) => b.inPlace) }
        ],
        (v) => String(Math.round(v))
      ),
      table(
        ['date', 'open', 'in place'],
        data.burndown.map((b) => [b.date, String(b.open), String(b.inPlace)]),
        'Mitigations'
      ),
      data.issueAges === null
        ? 'Ages of open tracker issues: unknown (the tracker was not listed when these snapshots were taken).'
        : `Open tracker issues: ${data.issueAges.length}; median age ${data.issueAges.length ? data.issueAges[Math.floor(data.issueAges.length / 2)] : 0} days, oldest ${data.issueAges.at(-1) ?? 0} days.`
    )
  )
  if (data.pareto.length > 0 && data.paretoCurrency) {
    parts.push(
      figure(
        `${prefix}pareto`,
        `Top threats by residual loss — ${scope}`,
        paretoChart(`Top threats by residual annual loss, ${scope}`, data.pareto, data.paretoCurrency),
        table(
          ['#', 'threat', 'mean annual loss', 'cumulative'],
          data.pareto.map((t, i) => [
            String(i + 1),
            `${t.modelId}/${t.id} ${t.title}`,
            shortMoney(t.aleMean, data.paretoCurrency!),
            `${Math.round(t.cumulativeShare * 100)} %`
          ]),
          'Threats ranked by residual loss'
        )
      )
    )
  } else if (data.topBySeverity.length > 0) {
    parts.push(
      `<section class="figure" id="${prefix}top"><h3>Top threats by residual severity — ${e(scope)}</h3><p class="note">No quantitative inputs: threats are ranked by severity, not money.</p>${table(
        ['threat', 'title', 'severity'],
        data.topBySeverity.map((t) => [`${t.modelId}/${t.id}`, t.title, t.severity ?? 'unrated']),
        'Threats ranked by residual severity'
      )}</section>`
    )
  }
  return parts.join('\n')
}

export interface DashboardOptions {
  /** Page title; the repository name is a good one. */
  title: string
  /** Today's date (YYYY-MM-DD), supplied by the adapter. */
  today: string
  /** Problems reading the history, shown at the end. */
  notes?: readonly string[]
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:24px auto;max-width:1180px;padding:0 16px;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:2px solid #0072b2;padding-bottom:4px;margin-top:40px}h3{font-size:1.05em;margin:24px 0 6px}
.pair{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.chart{flex:0 0 auto}.data{flex:1 1 320px;max-height:320px;overflow:auto}
table{border-collapse:collapse;font-size:.85em}caption{text-align:left;font-weight:600;padding-bottom:4px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th[scope=row],thead th{text-align:left;background:#f4f4f4}
.note{color:#444;font-size:.9em}.axis{font-size:11px;fill:#333}.cell{font-size:14px;font-weight:600}.grid{stroke:#ddd;stroke-width:1}
nav ul{columns:3;list-style:none;padding:0}
@media print{body{max-width:none;margin:0}.data{max-height:none;overflow:visible}section.figure{break-inside:avoid}h2{break-before:page}h2:first-of-type{break-before:auto}}`

/** Renders the dashboard page from snapshot lines sorted by date (see parseHistory). */
export function renderDashboardHtml(sortedLines: readonly SnapshotLine[], options: DashboardOptions): string {
  chartCounter = 0
  const data = dashboardData(sortedLines, options.today)
  const models = data.latest
  const stale = table(
    ['model', 'title', 'last reviewed', 'days since'],
    data.staleness.map((s) => [s.modelId, s.title, s.reviewed ?? 'never', s.days === null ? 'unknown' : String(s.days)]),
    'Models by time since their last review (longest first)'
  )
  const perModel = models
    .map((m) => {
      const lines = modelLines(sortedLines, m.modelId)
      const slug = `model-${m.modelId.replace(/[^A-Za-z0-9_-]/g, '_')}`
      return `<section id="${slug}"><h2>Model ${e(m.modelId)}: ${e(m.title)}</h2><p>File <code>${e(m.file)}</code> · owner ${e(m.owner ?? 'unknown')} · last reviewed ${e(m.reviewed ?? 'never')} · ${m.threats.total} threats (${m.threats.open} open) · mitigations: ${m.mitigations.inPlace} in place, ${m.mitigations.open} open</p>${charts(dashboardData(lines, options.today), m.modelId, `${slug}-`)}</section>`
    })
    .join('\n')
  const nav = models.map((m) => `<li><a href="#model-${e(m.modelId.replace(/[^A-Za-z0-9_-]/g, '_'))}">${e(m.modelId)}</a></li>`).join('')
  const notes = (options.notes ?? []).map((n) => `<li>${e(n)}</li>`).join('')
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${e(options.title)} — Threatloop dashboard</title><style>${STYLE}</style></head>
<body>
<header><h1>${e(options.title)} — threat-model dashboard</h1><p>${models.length} models · ${data.dates.length} snapshots${data.dates.length ? ` from ${e(data.dates[0])} to ${e(data.dates.at(-1)!)}` : ''} · generated ${e(options.today)} by Threatloop</p>
${models.length ? `<nav aria-label="Models"><ul>${nav}</ul></nav>` : '<p>No snapshots yet.</p>'}</header>
<main>
<section id="overview"><h2>All models</h2>
${charts(data, 'all models', 'all-')}
<section class="figure" id="staleness"><h3>Models that went longest without review</h3>${stale}</section>
</section>
${businessSection(models)}
${perModel}
${notes ? `<section id="notes"><h2>Notes</h2><ul>${notes}</ul></section>` : ''}
</main>
</body></html>
`
}

/** A Mermaid `xychart-beta` of the residual severity (or loss) trend, for a job summary. */
export function trendMermaid(sortedLines: readonly SnapshotLine[], today: string, points = 12): string | null {
  const data = dashboardData(sortedLines, today)
  if (data.dates.length < 2) return null
  const recent = data.severityTrend.slice(-points)
  const label = (d: string): string => `"${d.slice(5)}"`
  const highPlus = recent.map((p) => p.counts.critical + p.counts.high)
  const all = recent.map((p) => SEVERITIES.reduce((n, s) => n + p.counts[s], 0))
  const max = niceMax(Math.max(1, ...all))
  return [
    '```mermaid',
    'xychart-beta',
    '    title "Threats over time (all / high and above)"',
    `    x-axis [${recent.map((p) => label(p.date)).join(', ')}]`,
    `    y-axis "threats" 0 --> ${max}`,
    `    bar [${all.join(', ')}]`,
    `    line [${highPlus.join(', ')}]`,
    '```'
  ].join('\n')
}

// ── business summary (#21) ──────────────────────────────────────────────────────────────────

/** A model's business rows from a history line, when well-formed (history files are read leniently). */
function businessOf(model: ModelSnapshot): NonNullable<ModelSnapshot['business']> | undefined {
  const b = model.business as unknown
  if (typeof b !== 'object' || b === null) return undefined
  const { currency, objectives, owners } = b as Record<string, unknown>
  const rowsOk = (rows: unknown): rows is BusinessRow[] =>
    Array.isArray(rows) &&
    rows.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as BusinessRow).name === 'string' &&
        typeof (r as BusinessRow).threats === 'number' &&
        typeof (r as BusinessRow).severity === 'object' &&
        (r as BusinessRow).severity !== null &&
        ((r as BusinessRow).aleMean === null || typeof (r as BusinessRow).aleMean === 'number')
    )
  if (typeof currency !== 'string' || !rowsOk(objectives) || !rowsOk(owners)) return undefined
  return { currency, objectives, owners }
}

/**
 * Residual risk by business objective and by owner over the latest snapshot of every model, for
 * readers who do not read threat models: money only from quantitative inputs (rows in another
 * currency than the most common one count as not priced).
 */
export function businessSection(models: readonly ModelSnapshot[]): string {
  const found = models.flatMap((m) => {
    const b = businessOf(m)
    return b ? [b] : []
  })
  if (found.length === 0) return ''
  const counts = new Map<string, number>()
  for (const b of found) counts.set(b.currency, (counts.get(b.currency) ?? 0) + 1)
  const currency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]
  const merged = (pick: 'objectives' | 'owners'): BusinessRow[] =>
    mergeBusinessRows(
      found.flatMap((b) => b[pick].map((row) => ({ row, currency: b.currency }))),
      currency
    )
  const rows = (list: readonly BusinessRow[]): string[][] =>
    list
      .slice(0, 15)
      .map((r) => [
        r.name,
        String(r.threats),
        `${r.severity.critical ?? 0} / ${r.severity.high ?? 0} / ${r.severity.medium ?? 0} / ${r.severity.low ?? 0}`,
        r.aleMean === null
          ? 'unknown (no quantitative inputs)'
          : `${shortMoney(r.aleMean, currency)}/yr${r.unpriced > 0 ? ` + ${r.unpriced} not priced` : ''}`
      ])
  const headers = (first: string): string[] => [first, 'threats', 'critical / high / medium / low', 'residual loss (mean)']
  return `<section id="business"><h2>Business summary</h2><p>Residual risk of the latest snapshot by business objective (or use case) and by owner. Money is the residual mean annual loss of threats with quantitative (FAIR) inputs; the others are counted by severity and never priced. A threat may count in several rows.</p>${table(headers('business objective / use case'), rows(merged('objectives')), 'Residual risk by business objective')}${table(headers('owner'), rows(merged('owners')), 'Residual risk by owner')}</section>`
}
