import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { defaultBranchEnv, mergeRequestEnv, runJob, TempRepo } from './harness.js'

// Every free-text field holds lines GitLab would run as quick actions, mentions, references and HTML.
const HOSTILE_MODEL = `threatloop: 1
model:
  id: hostile
  title: "/close"
  owner: "@root"
  description: |
    /merge
    @all please look
components:
  - id: web
    title: "/label ~bug"
    type: service
    internet_facing: true
    description: |
      /close
      /assign @root
  - id: db
    title: "<img src=x onerror=alert(1)> /unlabel ~security"
    type: datastore
dataflows:
  - id: query
    from: web
    to: db
    title: "/lock"
    protocol: "/close"
    encrypted: false
threats:
  - id: T-1
    title: "/reopen @all #1 !1 ~bug %v1 &1"
    description: |
      first line
      /close
      /label ~"security"
       /merge
      \`\`\`
      /close
      \`\`\`
    category: tampering
    targets: [query]
    likelihood: high
    impact: very-high
    status: open
    mitigations: [M-1]
  - id: T-2
    title: |-
      line one
      /close
    category: spoofing
    targets: [web]
    likelihood: high
    impact: high
    status: open
mitigations:
  - id: M-1
    title: "/close now <script>alert(1)</script>"
    type: preventive
    status: planned
    owner: "@root"
    description: |
      /close
      /spend 1d
      /assign @root
      normal text
      <!-- threatloop:mitigation:other/M-9 -->
    verification: |
      /confidential
      - [ ] /done
`

const QUICK_ACTION_LINE = /^\s*\/[a-z_]+/im
let gl: FakeGitLab
let repo: TempRepo
let mr: { status: number | null; stdout: string; stderr: string }
let main: { status: number | null; stdout: string; stderr: string }

beforeAll(async () => {
  gl = await startFakeGitLab({ users: [{ username: 'root', id: 1 }] })
  repo = new TempRepo()
  const base = repo.commit({ 'README.md': 'empty\n' }, 'start')
  repo.git('checkout', '-q', '-b', 'feature')
  const head = repo.commit({ 'tm/hostile.threatmodel.yaml': HOSTILE_MODEL }, 'hostile model')
  repo.git('checkout', '-q', '--detach', head)
  mr = await runJob(mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_FAIL_ON: 'none' }), repo.dir)
  main = await runJob(defaultBranchEnv(gl, repo, { before: base, head }, { THREATLOOP_FAIL_ON: 'none' }), repo.dir)
})

afterAll(async () => {
  await gl.close()
  repo.remove()
})

describe('hostile model strings through the whole GitLab path', () => {
  test('the model loads and both pipelines ran', () => {
    expect(mr.stderr).toBe('')
    expect(main.stderr).toBe('')
    expect(mr.status).toBe(0)
    expect(main.status).toBe(0)
    expect(gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)).toHaveLength(1)
    expect(gl.state.issues.size).toBe(1)
  })

  test('GitLab saw no quick action in any note or issue description', () => {
    expect(gl.state.quickActions).toEqual([])
    const texts = [...gl.state.notesOn(1).map((n) => n.body), ...[...gl.state.issues.values()].map((i) => i.description ?? '')]
    // Stricter than GitLab: no line may even start with a slash after indentation.
    for (const text of texts) expect(text.split('\n').filter((line) => QUICK_ACTION_LINE.test(line))).toEqual([])
  })

  test('no live mentions, references or HTML, and no second marker in the issue', () => {
    const note = gl.state.notesOn(1)[0].body
    const issue = [...gl.state.issues.values()][0]
    // GitLab renders no references inside fenced code (the Mermaid diagram); everywhere else they must be broken.
    for (const text of [note, issue.description ?? ''].map((t) => t.replace(/```mermaid\n[\s\S]*?\n```/g, ''))) {
      expect(text).not.toMatch(/@(all|root)\b/)
      expect(text).not.toMatch(/<(img|script)/i)
      expect(text).not.toMatch(/(^|\s)[#!&%~](1|bug|v1)\b/)
    }
    expect(note).toContain('/close') // The text is still readable...
    expect((issue.description ?? '').match(/<!-- threatloop:mitigation:/g)).toHaveLength(1) // ...but cannot claim another mitigation.
    expect(issue.title).not.toContain('\n')
  })

  test('the owner "@root" is assigned as a user, not mentioned', () => {
    const issue = [...gl.state.issues.values()][0]
    expect(issue.assigneeIds).toEqual([1])
  })
})
