// Canonical JSON (docs/risk-engine.md §5 "Formats"): sorted keys, no undefined members, and numbers as the
// engine already rounded them (integers for money, 4 decimals for probabilities), so the same
// inputs give byte-identical text on every run and machine.

/** Serialises a value with keys sorted at every level; non-finite numbers become null. */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value), null, indent)
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return null
    return value
  }
  if (Array.isArray(value)) return value.map(sortKeys)
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => sortKeys(v))
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    const member = (value as Record<string, unknown>)[key]
    if (member !== undefined) out[key] = sortKeys(member)
  }
  return out
}

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Money as an integer number of currency units. */
export function money(value: number): number {
  return Math.round(value)
}

/** A probability rounded to 4 decimals. */
export function probability(value: number): number {
  return Math.round(value * 10000) / 10000
}

/** A rate (such as a loss-event frequency) to 6 significant figures. */
export function rate(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(6))
}
