import type { Severity } from '../model/schema.js'
import { SEVERITIES } from '../model/schema.js'

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CHF: 'CHF ', AUD: 'A$', CAD: 'C$' }

/** Money with three significant figures and a currency symbol: $294k, $1.10M. */
export function formatMoney(value: number, currency = 'USD', signed = false): string {
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `
  const sign = value < 0 ? '−' : signed && value > 0 ? '+' : ''
  const size = Math.abs(value)
  let body: string
  if (size === 0) body = '0'
  else if (size < 1000) body = size.toPrecision(3).replace(/\.?0+$/, '')
  else if (size < 1e6) body = `${trim3(size / 1e3)}k`
  else if (size < 1e9) body = `${trim3(size / 1e6, true)}M`
  else body = `${trim3(size / 1e9, true)}B`
  return `${sign}${symbol}${body}`
}

function trim3(value: number, keepZeros = false): string {
  const text = value >= 100 ? value.toFixed(0) : value.toPrecision(3)
  return keepZeros ? text : text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')
}

/**
 * A whole number with thousands separators, as `toLocaleString('en-US')` writes it (10,000), without
 * starting the runtime's locale data for it (a one-shot run otherwise pays for that in its footer).
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US')
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return n < 0 ? `-${digits}` : digits
}

/** A signed percentage: +58%, −12%. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'new'
  const value = Math.round(ratio * 100)
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)}%`
}

/** ▲ for worse (up), ▼ for better (down), nothing for no change. */
export function arrow(change: number): string {
  return change > 0 ? ' ▲' : change < 0 ? ' ▼' : ''
}

/** `0 / 3 / 7 / 9 / 1` in critical, high, medium, low, info order. */
export function severityCountsText(counts: Record<Severity, number>): string {
  return [...SEVERITIES]
    .reverse()
    .map((s) => counts[s])
    .join(' / ')
}

/** The non-zero changes of severity counts: `+2 high ▲, −1 low ▼`. */
export function severityCountChanges(base: Record<Severity, number>, head: Record<Severity, number>): string {
  const parts: string[] = []
  for (const s of [...SEVERITIES].reverse()) {
    const change = head[s] - base[s]
    if (change !== 0) parts.push(`${change > 0 ? '+' : '−'}${Math.abs(change)} ${s}${arrow(change)}`)
  }
  return parts.length === 0 ? 'no change' : parts.join(', ')
}

export const SEVERITY_ICONS: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' }

/** Pluralises a count: `1 finding`, `3 findings`. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`
}

/** No-break space: amounts and their units stay on one line. */
export const NBSP = '\u00a0'
/** Word joiner: no line break between a sign and the amount after it. */
const WJ = '\u2060'

/** Money for prose and tables: `$294k`, `−$36.1k` and `+$697k` that never wrap inside. */
export function money(value: number, currency = 'USD', signed = false): string {
  return formatMoney(value, currency, signed)
    .replace(/^([−+])/, `$1${WJ}`)
    .replace(/ /g, NBSP)
}

/** A percentage with a no-break space: `+237 %`, `−47 %`; null when there is no base. */
export function percent(ratio: number | null, signed = true): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null
  const value = Math.round(ratio * 100)
  const sign = signed ? (value > 0 ? '+' : value < 0 ? '−' : '') : ''
  return `${sign}${Math.abs(value)}${NBSP}%`
}

/** Severity counts in words, most severe first: `1 critical, 2 high`; `none` for no threat. */
export function severityWords(counts: Record<Severity, number>): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]}${NBSP}${s}`)
  return parts.length === 0 ? 'none' : parts.join(', ')
}

/**
 * Severity count changes, split by meaning: more critical, high or medium threats is worse, fewer
 * is better; low and info counts only shift (a high threat lowered to low adds a low one).
 */
export function severityMoves(
  base: Record<Severity, number>,
  head: Record<Severity, number>
): { worse: string[]; better: string[]; neutral: string[] } {
  const out = { worse: [] as string[], better: [] as string[], neutral: [] as string[] }
  for (const s of [...SEVERITIES].reverse()) {
    const change = head[s] - base[s]
    if (change === 0) continue
    const text = `${change > 0 ? '+' : '−'}${WJ}${Math.abs(change)}${NBSP}${s}`
    if (s === 'low' || s === 'info') out.neutral.push(text)
    else (change > 0 ? out.worse : out.better).push(text)
  }
  return out
}
