/**
 * Plumbing shared by the fake GitHub and GitLab servers: route templates, request recording,
 * fault bookkeeping and listening on 127.0.0.1 with an ephemeral port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the fake saw it; secrets are removed from the headers. */
export interface RecordedRequest {
  method: string
  /** Path without the query string, percent-decoding left as sent. */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** Parsed JSON when the body was JSON, the raw text otherwise, undefined when empty. */
  body: unknown
  /** The route template that matched (e.g. `GET /repos/{owner}/{repo}/issues`), or null. */
  route: string | null
  status: number
  /** Milliseconds since the server started. */
  at: number
}

/** Reply overriding the normal handling of a request. */
export interface CannedReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Plain-text body instead of JSON (e.g. GitLab's "Retry later" on 429). */
  text?: string
}

export interface RouteMatch<C> {
  route: Route<C>
  params: Record<string, string>
}

export interface Route<C> {
  /** `METHOD /template/{param}`; `{name+}` matches across slashes. */
  id: string
  method: string
  pattern: RegExp
  keys: string[]
  handle: (ctx: C, params: Record<string, string>) => CannedReply | Promise<CannedReply>
  /**
   * The parameters the real endpoint documents. When given, a request carrying any other query or
   * body parameter is refused (the real APIs ignore them; the fakes do not, so a stray parameter
   * such as `?number=1` fails the test that sends it).
   */
  params?: AllowedParams
}

export interface AllowedParams {
  query?: readonly string[]
  body?: readonly string[]
}

/** Parameters of a request its route does not document (empty when the route allows anything). */
export function unknownParams(allowed: AllowedParams | undefined, query: URLSearchParams, body: unknown): string[] {
  if (!allowed) return []
  const unknown = [...new Set(query.keys())].filter((k) => !(allowed.query ?? []).includes(k)).map((k) => `?${k}`)
  if (body !== null && typeof body === 'object' && !Array.isArray(body))
    unknown.push(...Object.keys(body).filter((k) => !(allowed.body ?? []).includes(k)))
  return unknown
}

/** Builds a route from `METHOD /path/{param}` and its handler (and, optionally, its documented parameters). */
export function route<C>(id: string, handle: Route<C>['handle'], params?: AllowedParams): Route<C> {
  const [method, template] = id.split(' ')
  const keys: string[] = []
  const source = template
    .split('/')
    .map((segment) =>
      segment.replace(/\{(\w+)(\+?)\}/g, (_m, key: string, greedy: string) => {
        keys.push(key)
        return greedy ? '(.+)' : '([^/]+)'
      })
    )
    .join('/')
  return { id, method, pattern: new RegExp(`^${source}$`), keys, handle, params }
}

export function matchRoute<C>(routes: Route<C>[], method: string, path: string): RouteMatch<C> | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue
    const m = candidate.pattern.exec(path)
    if (!m) continue
    const params: Record<string, string> = {}
    candidate.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1])
    })
    return { route: candidate, params }
  }
  return undefined
}

/** Whether some route template exists for the path under another method (405 vs 404). */
export function pathKnown<C>(routes: Route<C>[], path: string): boolean {
  return routes.some((r) => r.pattern.test(path))
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export function headersWithout(headers: IncomingMessage['headers'], secret: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || secret.has(name.toLowerCase())) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** A fault that fires for the next `times` matching requests. */
export interface FaultEntry<F> {
  route: string
  fault: F
  remaining: number
}

/** Queue of injected faults, matched by route template (or `*` for every route). */
export class FaultBook<F> {
  private readonly entries: FaultEntry<F>[] = []

  add(routeId: string, fault: F, times: number): FaultEntry<F> {
    const entry = { route: routeId, fault, remaining: times }
    this.entries.push(entry)
    return entry
  }

  /** Consumes and returns the first live fault for this route, if any. */
  take(routeId: string | null): F | undefined {
    const entry = this.entries.find((e) => e.remaining > 0 && (e.route === '*' || e.route === routeId))
    if (!entry) return undefined
    entry.remaining -= 1
    return entry.fault
  }

  pending(): FaultEntry<F>[] {
    return this.entries.filter((e) => e.remaining > 0)
  }

  clear(): void {
    this.entries.length = 0
  }
}

export function send(res: ServerResponse, reply: CannedReply, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers }
  let payload = ''
  if (reply.text !== undefined) {
    payload = reply.text
    headers['content-type'] = 'text/plain; charset=utf-8'
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body)
    headers['content-type'] = 'application/json; charset=utf-8'
  }
  headers['content-length'] = String(Buffer.byteLength(payload))
  res.writeHead(reply.status, headers)
  res.end(payload)
}

export interface Listening {
  server: Server
  url: string
  port: number
  close: () => Promise<void>
}

/** Starts a node:http server on 127.0.0.1 with an OS-assigned port. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer(handler)
  // Octokit and undici keep connections alive; idle ones must not hold close() open.
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const close = async (): Promise<void> => {
    server.closeAllConnections()
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())))
  }
  return { server, url: `http://127.0.0.1:${port}`, port, close }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** ISO-8601 without milliseconds, as both platforms print timestamps. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
