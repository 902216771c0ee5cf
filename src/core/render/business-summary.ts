/**
 * The business summary (#21) as Markdown (job summary) and as plain text (job log): residual
 * risk by business objective and by owner, per model, for readers who do not read threat models.
 * Every model string is escaped (Markdown) or sanitised (text).
 */
import type { Review } from '../review/types.js'
import type { BusinessRow, ModelBusinessSummary } from '../value/business-summary.js'
import { codeSpan, escapeInline, escapeTableCell } from './escape.js'
import { formatMoney } from './format.js'

/** Rows shown per table (the JSON report keeps up to 20). */
const SHOWN_ROWS = 10

function money(row: BusinessRow, currency: string): string {
  if (row.aleMean === null) return 'unknown (no quantitative inputs)'
  const unpriced = row.unpriced > 0 ? ` + ${row.unpriced} not priced` : ''
  return `${formatMoney(row.aleMean, currency)}/yr${unpriced}`
}

const severities = (row: BusinessRow): string =>
  `${row.severity.critical} / ${row.severity.high} / ${row.severity.medium} / ${row.severity.low}`

function table(heading: string, rows: readonly BusinessRow[], currency: string): string[] {
  if (rows.length === 0) return []
  const out = [
    `| ${heading} | threats | critical / high / medium / low | residual loss (mean) |`,
    '|---|---|---|---|',
    ...rows.slice(0, SHOWN_ROWS).map((r) => `| ${escapeTableCell(r.name, 120)} | ${r.threats} | ${severities(r)} | ${money(r, currency)} |`)
  ]
  if (rows.length > SHOWN_ROWS) out.push(`| … ${rows.length - SHOWN_ROWS} more (JSON report) | | | |`)
  return [...out, '']
}

function header(model: ModelBusinessSummary): string {
  const facts = [
    model.criticality ? `criticality ${escapeInline(model.criticality, 40)}` : '',
    model.useCases.length > 0
      ? `use cases: ${model.useCases
          .slice(0, 8)
          .map((u) => escapeInline(u, 80))
          .join(', ')}`
      : ''
  ].filter(Boolean)
  return `**${codeSpan(model.modelId, 80)}** ${escapeInline(model.title, 120)}${facts.length > 0 ? ` — ${facts.join(' · ')}` : ''}`
}

/** The job summary's business section (empty when no head model loads). */
export function renderBusinessSummary(review: Review): string[] {
  const models = (review.business ?? []).filter((m) => m.objectives.length > 0 || m.owners.length > 0)
  if (models.length === 0) return []
  const out = [
    '#### Business summary',
    '',
    'Residual risk by business objective and by owner. Money is the residual mean annual loss of the threats with quantitative (FAIR) inputs; the others are counted by severity and never priced. A threat may count in several rows.',
    ''
  ]
  for (const model of models) {
    out.push(header(model), '')
    out.push(...table('business objective / use case', model.objectives, model.currency))
    out.push(...table('owner', model.owners, model.currency))
  }
  return out
}

function plain(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex -- terminals must not receive escape sequences from a model
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}

/** The same summary as plain lines for a job log (the caller sanitises the log lines too). */
export function businessSummaryText(review: Review): string {
  const out: string[] = []
  for (const model of review.business ?? []) {
    for (const [label, rows] of [
      ['business objective', model.objectives],
      ['owner', model.owners]
    ] as const) {
      if (rows.length === 0) continue
      out.push(`${plain(model.modelId, 80)} by ${label}:`)
      for (const row of rows.slice(0, SHOWN_ROWS))
        out.push(
          `  ${plain(row.name)}: ${row.threats} threat${row.threats === 1 ? '' : 's'} (crit/high/med/low ${severities(row).replace(/ /g, '')}); residual loss ${money(row, model.currency)}`
        )
      if (rows.length > SHOWN_ROWS) out.push(`  … ${rows.length - SHOWN_ROWS} more in the JSON report`)
    }
  }
  return out.join('\n')
}
