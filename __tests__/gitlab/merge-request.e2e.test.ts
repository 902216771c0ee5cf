import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { loadSubset } from '../fakes/schema-check.js'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { checkPassed, DEMO_BASE, DEMO_HEAD, editModel, mergeRequestEnv, MODEL_PATH, routesOf, runJob, TempRepo, TOKEN } from './harness.js'

const MARKER = '<!-- threatloop:sticky v1 -->'
let gl: FakeGitLab
let repo: TempRepo
let base: string
let head: string

beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
  base = repo.commit({ [MODEL_PATH]: DEMO_BASE, 'README.md': 'shop\n' }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
  head = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
  repo.git('checkout', '-q', '--detach', head)
})

afterEach(async () => {
  await gl.close()
  repo.remove()
})

const botNotes = () => gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)

describe('threatloop gitlab on a merge request (bundle against the fake)', () => {
  test('first review: one note, Code Quality with only new findings, JSON report, text in the log, exit per the gate', async () => {
    gl.state.seedNote(1, { body: 'Looks good to me', author: 'gitlab-reviewer' })
    gl.state.seedNote(1, { body: 'added 1 commit', author: 'gitlab-maintainer', system: true })
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    expect(result.stderr).toBe('')
    // The demo adds a critical threat: the default gate fails the job.
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('FAIL — main (')
    expect(result.stdout).toContain('payments-api/T-003')
    expect(result.stdout).toContain('merge request note')
    expect(result.stdout).toContain('created')

    const notes = botNotes()
    expect(notes).toHaveLength(1)
    expect(notes[0].body.startsWith(MARKER)).toBe(true)
    expect(notes[0].body).toContain('Threatloop')
    expect(notes[0].body).toContain('T-003')
    // Only the new findings, with stable 32-hex fingerprints and the model's path.
    const report = JSON.parse(repo.read('threatloop-report.json')) as {
      schema: string
      context: { platform: string; number: number }
      totals: { findings: { new: number; unchanged: number } }
    }
    expect(report.schema).toBe('threatloop-review/1')
    expect(report.context).toMatchObject({ platform: 'gitlab', number: 1 })
    const codeQuality = JSON.parse(repo.read('gl-code-quality-report.json')) as Array<{
      fingerprint: string
      severity: string
      check_name: string
      location: { path: string; lines: { begin: number } }
    }>
    expect(codeQuality).toHaveLength(report.totals.findings.new)
    expect(report.totals.findings.unchanged).toBeGreaterThan(0)
    for (const issue of codeQuality) {
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/)
      expect(issue.location.path).toBe(MODEL_PATH)
      expect(issue.location.lines.begin).toBeGreaterThan(0)
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity)
    }
    expect(new Set(codeQuality.map((i) => i.fingerprint)).size).toBe(codeQuality.length)
    // The job passes what it does to the review, as the action does: the note and the Code Quality
    // report are evidence for the maturity check "reviewers get a comment and tools get reports".
    expect(checkPassed(report, 'reporting.severity-report-published')).toBe(true)
    // Issues for the preview (the change is semantic), notes (one page), create; no identity
    // lookup is needed while no note carries the marker.
    expect(routesOf(gl)).toEqual([
      'GET /api/v4/projects/{id}/issues',
      'GET /api/v4/projects/{id}/merge_requests/{iid}/notes',
      'POST /api/v4/projects/{id}/merge_requests/{iid}/notes'
    ])
    expect(gl.requests[0].query).toMatchObject({ labels: 'threatloop', state: 'all', per_page: '100', page: '1' })
    expect(gl.requests[1].query).toMatchObject({ per_page: '100', page: '1', sort: 'asc' })
    expect(notes[0].body).toContain('When this merges, Threatloop will open')
    expect(gl.unhandled).toEqual([])
    // The token never reaches the job log.
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  test('the same run again changes nothing; a new push edits the one note; fingerprints stay stable', async () => {
    const env = mergeRequestEnv(gl, repo, { base, head })
    await runJob(env, repo.dir)
    const firstReport = repo.read('gl-code-quality-report.json')
    const note = botNotes()[0]
    const before = gl.requests.length

    const again = await runJob(env, repo.dir)
    expect(again.stdout).toContain(`merge request note ${note.id}: unchanged`)
    expect(routesOf(gl, before)).toEqual([
      'GET /api/v4/projects/{id}/issues',
      'GET /api/v4/projects/{id}/merge_requests/{iid}/notes',
      'GET /api/v4/user'
    ])
    expect(gl.writes().filter((r) => r.method === 'PUT')).toEqual([])
    expect(repo.read('gl-code-quality-report.json')).toBe(firstReport)

    // A second push: T-003 gets a mitigation, so the note must change.
    repo.git('checkout', '-q', 'feature')
    const fixed = editModel(DEMO_HEAD, [
      ['    status: open\n\nmitigations:', '    status: open\n    mitigations: [M-004]\n\nmitigations:'],
      [
        'assumptions:',
        '  - id: M-004\n    title: TLS on refund lookups\n    type: preventive\n    status: planned\n    verification: The vault rejects plaintext lookups.\n    effects: [{ threat: T-003, reduces: vulnerability, strength: strong }]\n\nassumptions:'
      ]
    ])
    const head2 = repo.commit({ [MODEL_PATH]: fixed }, 'mitigate T-003')
    repo.git('checkout', '-q', '--detach', head2)
    const beforePush = gl.requests.length
    const pushed = await runJob(mergeRequestEnv(gl, repo, { base, head: head2 }), repo.dir)
    expect(pushed.stdout).toContain(`merge request note ${note.id}: updated`)
    expect(botNotes()).toHaveLength(1)
    expect(botNotes()[0].id).toBe(note.id)
    expect(botNotes()[0].body).toContain('M-004')
    expect(routesOf(gl, beforePush)).toContain('PUT /api/v4/projects/{id}/merge_requests/{iid}/notes/{note_id}')
    expect(gl.writes().filter((r) => r.method === 'POST')).toHaveLength(1)
    // Findings present in both pushes keep their fingerprints.
    const first = new Set(
      (JSON.parse(firstReport) as Array<{ fingerprint: string; check_name: string }>).map((i) => `${i.check_name} ${i.fingerprint}`)
    )
    const second = (JSON.parse(repo.read('gl-code-quality-report.json')) as Array<{ fingerprint: string; check_name: string }>).map(
      (i) => `${i.check_name} ${i.fingerprint}`
    )
    expect(second.filter((s) => first.has(s)).length).toBeGreaterThan(0)
  })

  test('the note is found across pages of other notes; marker copies by other users are not touched', async () => {
    const spoof = gl.state.seedNote(1, { body: `${MARKER}\nspoofed by a reviewer`, author: 'gitlab-reviewer' })
    for (let i = 0; i < 230; i++) gl.state.seedNote(1, { body: `comment ${i}` })
    await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    const mine = botNotes()
    expect(mine).toHaveLength(1)
    expect(gl.state.notes.get(spoof.id)?.body).toBe(`${MARKER}\nspoofed by a reviewer`)
    const before = gl.requests.length
    await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    const listing = gl.requests.slice(before).filter((r) => r.route === 'GET /api/v4/projects/{id}/merge_requests/{iid}/notes')
    expect(listing.map((r) => r.query.page)).toEqual(['1', '2', '3'])
    expect(botNotes()).toHaveLength(1)
    expect(gl.writes().filter((r) => r.method === 'PUT')).toEqual([])
  })

  test('a duplicate note left by an earlier retried POST is removed, the first one kept', async () => {
    await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    const first = botNotes()[0]
    const duplicate = gl.state.seedNote(1, { body: first.body, author: GITLAB_BOT_USERNAME })
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    expect(result.stdout).toContain('merge request note 3000001: unchanged (1 duplicate(s) removed)')
    expect(botNotes().map((n) => n.id)).toEqual([first.id])
    expect(gl.state.notes.has(duplicate.id)).toBe(false)
  })

  test("the fields the adapter reads are required members of GitLab's entities (schema subset)", () => {
    const defs = loadSubset('gitlab').$defs as Record<string, { required?: string[]; properties?: Record<string, unknown> }>
    const read: Record<string, string[]> = {
      API_Entities_Note: ['id', 'body', 'system', 'author'],
      API_Entities_UserBasic: ['id', 'username'],
      API_Entities_Issue: ['iid', 'title', 'description', 'state', 'labels', 'assignees', 'web_url']
    }
    for (const [definition, fields] of Object.entries(read)) {
      for (const field of fields)
        expect({ definition, field, required: defs[definition].required?.includes(field) ?? false }).toEqual({
          definition,
          field,
          required: true
        })
    }
  })
})
