/**
 * Fake OSV API (osv.dev) on 127.0.0.1: `POST /v1/querybatch` and `GET /v1/vulns/{id}`, answering
 * the way the real service does (`{}` for a query without advisories, only ids and `modified` in
 * batch results, 404 with a `code`/`message` body for an unknown id, 400 for a malformed query).
 * Faults: the next N requests fail with 503, or the server is down for good.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listen, readBody, send, type Listening } from './fake-http.js'

export interface OsvRecord {
  id: string
  modified: string
  aliases?: string[]
  summary?: string
  severity?: { type: string; score: string }[]
  affected: {
    package: { ecosystem: string; name: string; purl?: string }
    ranges?: { type: string; events: Record<string, string>[] }[]
    versions?: string[]
  }[]
  database_specific?: Record<string, unknown>
}

export interface FakeOsv extends Listening {
  requests: { method: string; path: string; body: unknown }[]
  /** The next `times` requests answer 503 (the client should retry). */
  failNext(times: number): void
  /** Every request answers 503 until called with false. */
  setDown(down: boolean): void
}

const PURL = /^pkg:([a-z]+)\/(.+)@([^@]+)$/

export async function startFakeOsv(records: readonly OsvRecord[]): Promise<FakeOsv> {
  const requests: FakeOsv['requests'] = []
  let failures = 0
  let down = false
  const affects = (record: OsvRecord, type: string, name: string, version: string): boolean =>
    record.affected.some((a) => {
      const purl = a.package.purl ?? ''
      if (purl !== `pkg:${type}/${name}` && a.package.name !== decodeURIComponent(name)) return false
      return a.versions?.includes(version) === true
    })
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const body = await readBody(req)
      const path = (req.url ?? '/').split('?')[0]
      let parsed: unknown
      try {
        parsed = body ? JSON.parse(body) : undefined
      } catch {
        parsed = body
      }
      requests.push({ method: req.method ?? 'GET', path, body: parsed })
      if (down || failures > 0) {
        if (failures > 0) failures--
        return send(res, { status: 503, text: 'Service Unavailable' }, {})
      }
      if (req.method === 'POST' && path === '/v1/querybatch') {
        const queries = (parsed as { queries?: unknown })?.queries
        if (!Array.isArray(queries)) return send(res, { status: 400, body: { code: 3, message: 'Invalid query.' } }, {})
        const results = []
        for (const query of queries as { package?: { purl?: string }; version?: string }[]) {
          const match = PURL.exec(query.package?.purl ?? '')
          if (!match || query.version !== undefined) return send(res, { status: 400, body: { code: 3, message: 'Invalid query.' } }, {})
          const vulns = records.filter((r) => affects(r, match[1], match[2], match[3])).map((r) => ({ id: r.id, modified: r.modified }))
          results.push(vulns.length > 0 ? { vulns } : {})
        }
        return send(res, { status: 200, body: { results } }, {})
      }
      const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path)
      if (req.method === 'GET' && vuln) {
        const record = records.find((r) => r.id === decodeURIComponent(vuln[1]))
        return record
          ? send(res, { status: 200, body: record }, {})
          : send(res, { status: 404, body: { code: 5, message: 'Bug not found.' } }, {})
      }
      send(res, { status: 404, body: { code: 5, message: 'Not found.' } }, {})
    })()
  }
  const listening = await listen(handler)
  return {
    ...listening,
    requests,
    failNext: (times) => {
      failures = times
    },
    setDown: (value) => {
      down = value
    }
  }
}

/** Two lodash advisories in OSV's shape (ids, aliases and fixes as GitHub's advisory database has them). */
export const LODASH_ADVISORIES: OsvRecord[] = [
  {
    id: 'GHSA-p6mc-m468-83gw',
    modified: '2024-03-01T00:00:00Z',
    aliases: ['CVE-2020-8203'],
    summary: 'Prototype Pollution in lodash',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] }],
        versions: ['4.17.15', '4.17.16']
      }
    ],
    database_specific: { severity: 'HIGH', cwe_ids: ['CWE-1321', 'CWE-770'] }
  },
  {
    id: 'GHSA-35jh-r3h4-6jhm',
    modified: '2024-02-01T00:00:00Z',
    aliases: ['CVE-2021-23337'],
    summary: 'Command Injection in lodash',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        versions: ['4.17.15', '4.17.20']
      }
    ],
    database_specific: { severity: 'HIGH', cwe_ids: ['CWE-77', 'CWE-94'] }
  }
]
