/** Minimal fetch wrapper the self-tests use to see raw status, headers and JSON of the fakes. */
export interface RawResponse {
  status: number
  headers: Headers
  json: unknown
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {}
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  let body: string | undefined
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const res = await fetch(`${base}${path}`, { method, headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
}
