import { afterEach, expect, test } from '@jest/globals'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab-server.js'

let gh: FakeGitHub | undefined
let gl: FakeGitLab | undefined
afterEach(async () => {
  await gh?.close()
  await gl?.close()
  gh = gl = undefined
})

test('the GitHub fake refuses parameters its routes do not document (the stray `number` of issue 15)', async () => {
  gh = await startFakeGitHub()
  const pr = gh.state.seedPullRequest({ title: 'x' })
  const headers = { authorization: 'token ghs_write_token', 'content-type': 'application/json' }
  const base = `${gh.url}/repos/${gh.owner}/${gh.repo}/issues/${pr.number}/comments`
  expect((await fetch(`${base}?per_page=100`, { headers })).status).toBe(200)
  const stray = await fetch(`${base}?per_page=100&number=${pr.number}`, { headers })
  expect(stray.status).toBe(422)
  expect(((await stray.json()) as { message: string }).message).toBe('Unknown parameter(s): ?number')
  expect((await fetch(base, { method: 'POST', headers, body: JSON.stringify({ number: pr.number, body: 'hi' }) })).status).toBe(422)
  expect((await fetch(base, { method: 'POST', headers, body: JSON.stringify({ body: 'hi' }) })).status).toBe(201)
})

test('the GitLab fake refuses them too, in the query or the body of a write', async () => {
  gl = await startFakeGitLab()
  const headers = { 'private-token': 'glpat-project-bot', 'content-type': 'application/json' }
  const notes = `${gl.apiUrl}/projects/${gl.projectId}/merge_requests/1/notes`
  expect((await fetch(`${notes}?sort=asc&per_page=100&page=1`, { headers })).status).toBe(200)
  expect((await fetch(`${notes}?iid=1`, { headers })).status).toBe(400)
  expect((await fetch(notes, { method: 'POST', headers, body: JSON.stringify({ body: 'hi', iid: 1 }) })).status).toBe(400)
  expect((await fetch(`${notes}?iid=1`, { method: 'POST', headers, body: JSON.stringify({ body: 'hi' }) })).status).toBe(400)
  expect((await fetch(notes, { method: 'POST', headers, body: JSON.stringify({ body: 'hi' }) })).status).toBe(201)
})
