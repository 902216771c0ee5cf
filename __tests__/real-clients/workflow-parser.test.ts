/**
 * GitHub's own parser (`@actions/workflow-parser`, the library behind the Actions language
 * service) validates action.yml, the shipped workflows and every workflow snippet of the docs.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { load } from 'js-yaml'
import { allSnippets, kindOf } from './doc-snippets.js'

const trace = new NoOperationTraceWriter()

interface StepLike {
  id?: string
  uses?: string
  if?: string
  with?: Record<string, unknown>
}
interface WorkflowLike {
  permissions?: Record<string, string> | string
  jobs: Record<string, { permissions?: Record<string, string> | string; steps?: StepLike[] }>
}

const actionYaml = load(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

/** Errors of GitHub's parser plus the template conversion (expressions, needs, matrix…). */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, trace)
  if (parsed.value === undefined) return [...parsed.context.errors.getErrors().map((e) => e.message), `${name}: nothing parsed`]
  // The conversion reports into the same context (and repeats the parse errors in template.errors).
  const template = await convertWorkflowTemplate(parsed.context, parsed.value)
  return [...new Set([...parsed.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)])]
}

/** Steps that use this action: their inputs must be action.yml inputs, their outputs action.yml outputs. */
function usesOfThisAction(workflow: WorkflowLike, text: string): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps ?? []) {
      if (step.uses !== './' && !/^threatloop\/threatloop@v\d+(\.\d+\.\d+)?$/.test(step.uses ?? '')) continue
      if (step.id !== undefined) ids.add(step.id)
      for (const key of Object.keys(step.with ?? {})) if (!(key in actionYaml.inputs)) problems.push(`unknown input ${key}`)
    }
  }
  for (const match of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    if (ids.has(match[1]) && !(match[2] in actionYaml.outputs)) problems.push(`unknown output ${match[2]}`)
  }
  return problems
}

describe('action.yml (GitHub action schema)', () => {
  test('parses without errors as a node24 action', () => {
    const parsed = parseAction({ name: 'action.yml', content: readFileSync('action.yml', 'utf8') }, trace)
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([])
    const action = convertActionTemplate(parsed.context, parsed.value!)
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' })
    expect(action.description.length).toBeLessThan(125)
    expect(action.inputs?.map((i) => i.id).sort()).toEqual(Object.keys(actionYaml.inputs).sort())
  })

  test('the parser is not lenient: a wrong runtime or workflow key is an error', async () => {
    const bad = parseAction({ name: 'bad.yml', content: 'name: x\ndescription: y\nruns:\n  using: node99\n  main: a.js\n' }, trace)
    expect(bad.context.errors.getErrors().map((e) => e.message)).toEqual([expect.stringContaining("Unexpected value 'node99'")])
    expect(
      await workflowErrors(
        'bad.yml',
        'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: a/b@v1\n        with2: 1\n'
      )
    ).toEqual([expect.stringContaining("Unexpected value 'with2'")])
  })
})

describe('shipped workflows', () => {
  const files = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f))
  test('there are workflows to check', () => expect(files.length).toBeGreaterThan(0))
  test.each(files)('%s parses without errors and uses only declared inputs and outputs', async (file) => {
    const text = readFileSync(join('.github/workflows', file), 'utf8')
    expect(await workflowErrors(file, text)).toEqual([])
    expect(usesOfThisAction(load(text) as WorkflowLike, text)).toEqual([])
  })
})

describe('workflow snippets in the docs', () => {
  const snippets = allSnippets().filter((s) => kindOf(s) === 'github-workflow')
  test('are found (the quick start, the two fork workflows and the history store)', () => {
    expect(snippets.filter((s) => s.file === 'docs/github-action.md')).toHaveLength(4)
  })
  test.each(snippets.map((s) => [s.where, s] as const))(
    '%s parses without errors and uses only declared inputs and outputs',
    async (_where, snippet) => {
      expect(await workflowErrors(snippet.where, snippet.text)).toEqual([])
      expect(usesOfThisAction(load(snippet.text) as WorkflowLike, snippet.text)).toEqual([])
    }
  )

  test('an upload-sarif step is guarded against an empty output and fork pull requests, as the repository workflow is', () => {
    for (const snippet of [...snippets.map((s) => s.text), readFileSync('.github/workflows/threatloop.yml', 'utf8')]) {
      const workflow = load(snippet) as WorkflowLike
      for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps ?? [])) {
        if (!step.uses?.startsWith('github/codeql-action/upload-sarif')) continue
        expect(step.if).toContain("steps.threatloop.outputs.sarif != ''")
        expect(step.if).toContain('github.event.pull_request.head.repo.fork != true')
      }
    }
  })

  test('a workflow that previews issues may read them (an unlisted permission is none)', () => {
    for (const snippet of snippets) {
      const workflow = load(snippet.text) as WorkflowLike
      for (const job of Object.values(workflow.jobs)) {
        const previews = (job.steps ?? []).some((s) => s.with?.issues === 'preview')
        if (!previews) continue
        const permissions = job.permissions ?? workflow.permissions
        expect({ where: snippet.where, issues: typeof permissions === 'object' ? permissions.issues : permissions }).toEqual({
          where: snippet.where,
          issues: expect.stringMatching(/^(read|write)$/)
        })
      }
    }
  })
})
