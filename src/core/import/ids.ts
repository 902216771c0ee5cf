/** Stable, schema-valid element ids for converted models. */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/
const MAX_ID_LENGTH = 200

/** FNV-1a (32 bit) of a string, as 7 base-36 digits: short, deterministic and platform independent. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36).padStart(7, '0')
}

/** Lower-case words joined by `-`, at most `max` characters, for readable derived ids. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= max) return slug
  const cut = slug.slice(0, max)
  const dash = cut.lastIndexOf('-')
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '')
}

/** Whether a string is already a valid native id. */
export function isNativeId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value)
}

/**
 * Turns a foreign identifier into a native id: characters the native pattern forbids become `-`,
 * and a leading non-alphanumeric is dropped. When that changes the text, a hash of the original is
 * appended so two foreign ids that differ only in forbidden characters stay distinct.
 */
export function sanitizeId(raw: string): string {
  if (isNativeId(raw)) return raw
  let cleaned = raw
    .replace(/[^A-Za-z0-9._:/-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
  const hash = stableHash(raw)
  if (cleaned.length > MAX_ID_LENGTH - 9) cleaned = cleaned.slice(0, MAX_ID_LENGTH - 9).replace(/-+$/, '')
  return cleaned === '' ? `id-${hash}` : `${cleaned}-${hash}`
}

/** An id derived from content: readable slug of `label` plus a hash of the stable `key`. */
export function derivedId(prefix: string, label: string, key: string): string {
  const slug = slugify(label, 32)
  return slug === '' ? `${prefix}-${stableHash(key)}` : `${prefix}-${slug}-${stableHash(key)}`
}

/**
 * Hands out model-unique ids. Native ids are unique across every section, while several foreign
 * formats only keep ids unique per kind; a clash is resolved deterministically by prefixing the
 * kind, never by counting, so the result does not depend on document order.
 */
export class IdRegistry {
  private readonly used = new Set<string>()

  /** Reserves `candidate` (sanitised); on a clash, `kind:candidate`, then a hashed variant. */
  claim(candidate: string, kind: string): string {
    const id = sanitizeId(candidate)
    if (!this.used.has(id)) {
      this.used.add(id)
      return id
    }
    const prefixed = sanitizeId(`${kind}:${id}`)
    if (!this.used.has(prefixed)) {
      this.used.add(prefixed)
      return prefixed
    }
    let n = 2
    let next = `${prefixed}-${n}`
    while (this.used.has(next)) next = `${prefixed}-${++n}`
    this.used.add(next)
    return next
  }

  has(id: string): boolean {
    return this.used.has(id)
  }
}
