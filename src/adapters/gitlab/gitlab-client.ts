/**
 * A small GitLab REST v4 client on Node's global fetch: one auth header, retries with backoff on
 * 5xx, 429 and network failures (Retry-After honoured), offset pagination via `x-next-page`.
 * Error messages name the method and path, never the token.
 */

/** How the token is sent: an access token as PRIVATE-TOKEN, the CI job token as JOB-TOKEN. */
export interface GitLabCredentials {
  kind: 'access-token' | 'job-token'
  value: string
}

export interface GitLabClientOptions {
  /** CI_API_V4_URL, e.g. https://gitlab.example.com/api/v4. */
  apiUrl: string
  credentials: GitLabCredentials
  /** Attempts per request, the first included (default 4). */
  attempts?: number
  /** First backoff in ms when the server gives no Retry-After (doubles per attempt, default 500). */
  backoffMs?: number
  /** Longest wait honoured from Retry-After, in seconds (default 60). */
  maxRetryAfterSeconds?: number
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number
  /** Told about each retry, for the job log. */
  onRetry?: (message: string) => void
  sleep?: (ms: number) => Promise<void>
}

/** A request that failed for good: the HTTP status (0 for a network failure) and GitLab's message. */
export class GitLabApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail: string
  ) {
    super(`GitLab API ${method} ${path} failed: ${status === 0 ? 'no response' : `HTTP ${status}`}${detail ? ` — ${detail}` : ''}`)
  }
}

export type Query = Record<string, string | number | boolean | undefined>

export interface GitLabResponse<T> {
  status: number
  data: T
  headers: Headers
}

const RETRYABLE = (status: number): boolean => status === 429 || status >= 500

/** GitLab error bodies are `{message}` (string or field map) or `{error}`; plain text on 429. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown }
    const value = body.message ?? body.error
    if (typeof value === 'string') return value
    if (value !== undefined) return JSON.stringify(value)
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return text.trim().slice(0, 300)
}

export class GitLabClient {
  private readonly attempts: number
  private readonly backoffMs: number
  private readonly maxRetryAfter: number
  private readonly timeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>
  /** Requests sent, retries included (for the job log and the request budget). */
  requestCount = 0

  constructor(private readonly options: GitLabClientOptions) {
    this.attempts = Math.max(1, options.attempts ?? 4)
    this.backoffMs = options.backoffMs ?? 500
    this.maxRetryAfter = options.maxRetryAfterSeconds ?? 60
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  private url(path: string, query: Query = {}): string {
    const url = new URL(`${this.options.apiUrl.replace(/\/+$/, '')}${path}`)
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value))
    return url.toString()
  }

  /** Removes the token from any text that could reach the job log. */
  private mask(text: string): string {
    const secret = this.options.credentials.value
    return secret.length >= 4 ? text.split(secret).join('[masked]') : text
  }

  /** Sends one request with retries; resolves with any final status below 500 except 429. */
  async request<T>(
    method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { query?: Query; body?: unknown } = {}
  ): Promise<GitLabResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'threatloop-gitlab' }
    headers[this.options.credentials.kind === 'job-token' ? 'JOB-TOKEN' : 'PRIVATE-TOKEN'] = this.options.credentials.value
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const url = this.url(path, options.query)
    for (let attempt = 1; ; attempt++) {
      this.requestCount++
      let response: Response
      try {
        response = await fetch(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(this.timeoutMs)
        })
      } catch (error) {
        const reason = this.mask(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
        if (attempt >= this.attempts) throw new GitLabApiError(method, path, 0, reason)
        const wait = this.backoffMs * 2 ** (attempt - 1)
        this.options.onRetry?.(
          `GitLab API ${method} ${path}: ${reason}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.attempts})`
        )
        await this.sleep(wait)
        continue
      }
      if (RETRYABLE(response.status) && attempt < this.attempts) {
        const detail = this.mask(errorDetail(await response.text()))
        const retryAfter = Number(response.headers.get('retry-after'))
        const wait =
          Number.isFinite(retryAfter) && retryAfter > 0
            ? Math.min(retryAfter, this.maxRetryAfter) * 1000
            : this.backoffMs * 2 ** (attempt - 1)
        this.options.onRetry?.(
          `GitLab API ${method} ${path}: HTTP ${response.status}${detail ? ` (${detail})` : ''}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.attempts})`
        )
        await this.sleep(wait)
        continue
      }
      const text = await response.text()
      if (response.status >= 400) throw new GitLabApiError(method, path, response.status, this.mask(errorDetail(text)))
      let data: unknown = undefined
      if (text !== '') {
        try {
          data = JSON.parse(text)
        } catch {
          throw new GitLabApiError(method, path, response.status, 'the response was not JSON')
        }
      }
      return { status: response.status, data: data as T, headers: response.headers }
    }
  }

  /**
   * Reads a paginated listing page by page, following `x-next-page` until it is empty or
   * `stop` says the caller has what it needs.
   */
  async list<T>(path: string, query: Query = {}, stop?: (items: readonly T[]) => boolean): Promise<{ items: T[]; pages: number }> {
    const items: T[] = []
    let page = '1'
    let pages = 0
    while (page !== '') {
      const response = await this.request<T[]>('GET', path, { query: { ...query, per_page: 100, page } })
      pages++
      if (!Array.isArray(response.data)) throw new GitLabApiError('GET', path, response.status, 'expected a JSON array')
      items.push(...response.data)
      if (stop?.(items)) break
      const next = (response.headers.get('x-next-page') ?? '').trim()
      // A server that repeats the page would loop forever; treat it as the end.
      page = next !== '' && Number(next) > Number(page) ? next : ''
    }
    return { items, pages }
  }
}
