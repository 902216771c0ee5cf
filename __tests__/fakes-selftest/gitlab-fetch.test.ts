import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'

let gl: FakeGitLab

beforeEach(async () => {
  gl = await startFakeGitLab()
})

afterEach(async () => {
  await gl.close()
})

/** What a plain-fetch GitLab client does: retry 429/5xx honouring Retry-After, up to `attempts`. */
async function request(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(url, init)
    if ((res.status !== 429 && res.status < 500) || attempt >= attempts) return res
    const after = Number(res.headers.get('retry-after') ?? '0')
    await res.arrayBuffer()
    await new Promise((resolve) => setTimeout(resolve, after > 0 ? after * 1000 : 50))
  }
}

async function getAll<T>(path: string, token: Record<string, string>): Promise<T[]> {
  const items: T[] = []
  let page = '1'
  while (page !== '') {
    const sep = path.includes('?') ? '&' : '?'
    const res = await request(`${gl.apiUrl}${path}${sep}per_page=20&page=${page}`, { headers: token })
    expect(res.status).toBe(200)
    items.push(...((await res.json()) as T[]))
    page = res.headers.get('x-next-page') ?? ''
  }
  return items
}

const BOT = { 'PRIVATE-TOKEN': 'glpat-project-bot' }

describe('plain fetch against the GitLab fake', () => {
  test('paginates MR notes with x-next-page and finds the bot note among others', async () => {
    gl.state.seedNote(1, { body: 'merged', author: 'gitlab-maintainer', system: true })
    for (let i = 0; i < 44; i += 1) gl.state.seedNote(1, { body: `comment ${i}` })
    gl.state.seedNote(1, { body: '<!-- threatloop:sticky -->\nold', author: GITLAB_BOT_USERNAME })
    gl.state.seedNote(1, { body: '<!-- threatloop:sticky -->\nspoof', author: 'gitlab-reviewer' })
    const notes = await getAll<{ id: number; body: string; system: boolean; author: { username: string } }>(
      `/projects/${gl.projectId}/merge_requests/1/notes?sort=asc`,
      BOT
    )
    expect(notes).toHaveLength(47)
    expect(notes.map((n) => n.id)).toEqual([...notes.map((n) => n.id)].sort((a, b) => a - b))
    const mine = notes.filter(
      (n) => !n.system && n.author.username === GITLAB_BOT_USERNAME && n.body.includes('<!-- threatloop:sticky -->')
    )
    expect(mine).toHaveLength(1)
    expect(gl.requests.map((r) => r.query.page)).toEqual(['1', '2', '3'])
  })

  test('default note order is newest first', async () => {
    const first = gl.state.seedNote(1, { body: 'first' })
    const second = gl.state.seedNote(1, { body: 'second' })
    const res = await fetch(`${gl.apiUrl}/projects/${gl.projectId}/merge_requests/1/notes`, { headers: BOT })
    expect(((await res.json()) as Array<{ id: number }>).map((n) => n.id)).toEqual([second.id, first.id])
  })

  test('429 with Retry-After: 1 is waited out and retried', async () => {
    gl.injectFault({ route: 'POST /api/v4/projects/{id}/merge_requests/{iid}/notes', fault: { kind: 'rate-limit', retryAfter: 1 } })
    const started = Date.now()
    const res = await request(`${gl.apiUrl}/projects/${gl.projectId}/merge_requests/1/notes`, {
      method: 'POST',
      headers: { ...BOT, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello' })
    })
    expect(res.status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(gl.requests.map((r) => r.status)).toEqual([429, 201])
    expect(gl.state.notesOn(1)).toHaveLength(1)
  })

  test('5xx then success; persistent 5xx surfaces after the attempts', async () => {
    const route = 'GET /api/v4/projects/{id}/issues'
    gl.injectFault({ route, fault: { kind: 'server-error' } })
    expect((await request(`${gl.apiUrl}/projects/${gl.projectId}/issues`, { headers: BOT })).status).toBe(200)
    gl.injectFault({ route, fault: { kind: 'server-error', status: 503 }, times: Infinity })
    expect((await request(`${gl.apiUrl}/projects/${gl.projectId}/issues`, { headers: BOT })).status).toBe(503)
    expect(gl.requests.map((r) => r.status)).toEqual([500, 200, 503, 503, 503])
  })

  test('form-encoded writes work as with curl --data', async () => {
    const res = await fetch(`${gl.apiUrl}/projects/${encodeURIComponent(gl.projectPath)}/issues`, {
      method: 'POST',
      headers: { authorization: 'Bearer glpat-project-bot', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'From form', labels: 'threatloop,severity::low' }).toString()
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ title: 'From form', labels: ['severity::low', 'threatloop'] })
  })

  test('slow reply is delayed, then answered normally', async () => {
    gl.injectFault({ route: 'GET /api/v4/user', fault: { kind: 'delay', ms: 120 } })
    const started = Date.now()
    const res = await fetch(`${gl.apiUrl}/user`, { headers: BOT })
    expect(await res.json()).toMatchObject({ username: GITLAB_BOT_USERNAME })
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
  })
})
