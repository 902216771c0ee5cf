// OSV API client: POST /v1/querybatch for the purls, then GET /v1/vulns/{id} for each advisory.
// Transient failures (network, 429, 5xx) are retried; an outage ends as a warning, never a throw.
import { advisoryFromOsv, type Purl } from '../../core/intel/osv.js'
import type { Advisory } from '../../core/intel/types.js'

export const OSV_API = 'https://api.osv.dev'
/** OSV accepts up to 1,000 queries per batch. */
const BATCH = 1000
/** Advisories fetched in detail at most per run (bounds the work a model can drive). */
export const MAX_OSV_VULNS = 500
const CONCURRENCY = 4

export interface OsvClientOptions {
  baseUrl?: string
  /** Attempts per request (default 3). */
  attempts?: number
  /** First retry delay; doubles each time (default 1000 ms). */
  retryDelayMs?: number
  timeoutMs?: number
  userAgent?: string
}

export interface OsvResult {
  /** Advisories by purl query text; absent purls had none (or OSV could not be asked). */
  advisories: Map<string, Advisory[]>
  warnings: string[]
  /** False when OSV could not be reached and nothing is known. */
  reached: boolean
  /** False when OSV was not reached or some advisory details could not be fetched. */
  complete: boolean
}

class OsvError extends Error {}

export async function queryOsv(purls: readonly Purl[], options: OsvClientOptions = {}): Promise<OsvResult> {
  const base = (options.baseUrl ?? OSV_API).replace(/\/+$/, '')
  const warnings: string[] = []
  const advisories = new Map<string, Advisory[]>()
  const unique = [...new Map(purls.map((p) => [p.query, p])).values()]
  if (unique.length === 0) return { advisories, warnings, reached: true, complete: true }
  const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const attempts = options.attempts ?? 3
    let delay = options.retryDelayMs ?? 1000
    let last = ''
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            'user-agent': options.userAgent ?? 'threatloop',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {})
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000)
        })
        const text = await response.text()
        if (response.ok) {
          try {
            return JSON.parse(text) as unknown
          } catch {
            throw new OsvError(`${method} ${path} answered ${response.status} with a body that is not JSON`)
          }
        }
        last = `HTTP ${response.status}`
        if (response.status !== 429 && response.status < 500) throw new OsvError(`${method} ${path} answered ${response.status}`)
        const retryAfter = Number(response.headers.get('retry-after'))
        if (Number.isFinite(retryAfter) && retryAfter > 0) delay = Math.min(retryAfter * 1000, 10_000)
      } catch (error) {
        if (error instanceof OsvError) throw error
        last = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error)
      }
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, delay))
        delay *= 2
      }
    }
    throw new OsvError(`${method} ${path} failed after ${attempts} attempts (${last})`)
  }

  const idsByPurl = new Map<string, string[]>()
  try {
    for (let start = 0; start < unique.length; start += BATCH) {
      const chunk = unique.slice(start, start + BATCH)
      const answer = await request('POST', '/v1/querybatch', { queries: chunk.map((p) => ({ package: { purl: p.query } })) })
      const results = isObj(answer) && Array.isArray(answer.results) ? answer.results : undefined
      if (!results || results.length !== chunk.length)
        throw new OsvError(
          `POST /v1/querybatch answered ${results ? `${results.length} results for ${chunk.length} queries` : 'without a "results" list'}`
        )
      results.forEach((result, index) => {
        const vulns = isObj(result) && Array.isArray(result.vulns) ? result.vulns : []
        const ids = vulns.flatMap((v) => (isObj(v) && typeof v.id === 'string' ? [v.id] : []))
        if (isObj(result) && typeof result.next_page_token === 'string')
          warnings.push(`OSV has more advisories for ${chunk[index].query} than one page; only the first page is reported`)
        if (ids.length > 0) idsByPurl.set(chunk[index].query, ids)
      })
    }
  } catch (error) {
    warnings.push(
      `OSV could not be queried at ${base} (${error instanceof Error ? error.message : String(error)}); vulnerable components are not reported in this run`
    )
    return { advisories, warnings, reached: false, complete: false }
  }

  const allIds = [...new Set([...idsByPurl.values()].flat())].sort()
  if (allIds.length > MAX_OSV_VULNS)
    warnings.push(`${allIds.length} advisories found; details are fetched for the first ${MAX_OSV_VULNS} only`)
  const details = new Map<string, unknown>()
  const queue = allIds.slice(0, MAX_OSV_VULNS)
  let failed = 0
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        details.set(id, await request('GET', `/v1/vulns/${encodeURIComponent(id)}`))
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  if (failed > 0)
    warnings.push(
      `details of ${failed} OSV advisor${failed === 1 ? 'y' : 'ies'} could not be fetched from ${base}; they are listed by id only`
    )
  for (const purl of unique) {
    const ids = idsByPurl.get(purl.query)
    if (!ids) continue
    advisories.set(
      purl.query,
      ids.map((id) => advisoryFromOsv(details.get(id), purl) ?? { id, aliases: [], severity: null, cwe: [], fixed: [] })
    )
  }
  return { advisories, warnings, reached: true, complete: failed === 0 }
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
