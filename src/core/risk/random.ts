// Counter-based uniforms (docs/risk-engine.md §7.2): every random number is a pure function of
// (seed, threat id, factor, iteration, slot) built from 32-bit integer operations, so a threat's
// samples never depend on which other threats exist or in which order they are simulated.

/** FNV-1a over the UTF-16 code units of a string, 32-bit. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** MurmurHash3's 32-bit finaliser: a bijection with full avalanche. */
export function fmix32(value: number): number {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The stream key of one factor of one threat: fmix32(fnv1a(seed ␀ threatId ␀ factor)). */
export function streamKey(seed: number, threatId: string, factor: string): number {
  return fmix32(fnv1a(`${seed >>> 0}\u0000${threatId}\u0000${factor}`))
}

const TWO_TO_MINUS_32 = 1 / 4294967296
/** Odd constants that spread the iteration and slot numbers over the 32 bits before mixing. */
export const ITERATION_SPREAD = 0x9e3779b1
export const SLOT_SPREAD = 0x85ebca77

/** One fmix32 round of a 32-bit value (as a signed 32-bit integer; `>>> 0` makes it unsigned). */
export function mix32(value: number): number {
  let h = value
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** One fmix32 round of a 32-bit value, mapped to (0, 1); never exactly 0 or 1. */
export function unitFromHash(value: number): number {
  return ((mix32(value) >>> 0) + 0.5) * TWO_TO_MINUS_32
}

/**
 * The uniform in (0, 1) for (key, iteration, slot). Hot loops that draw many slots of one
 * iteration compute the spreads themselves and call `unitFromHash`; the value is the same.
 */
export function uniform(key: number, iteration: number, slot: number): number {
  return unitFromHash(((key ^ Math.imul(iteration, ITERATION_SPREAD)) + Math.imul(slot, SLOT_SPREAD)) | 0)
}
