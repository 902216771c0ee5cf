/**
 * The code-drift set-up shared by the GitHub and GitLab end-to-end tests (#17): one model mapping two
 * components to code, the base commit's files, a large unmapped change, and shallow copies of a
 * repository (a depth-1 clone with or without a way back to the origin).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const MODEL_FILE = 'threatmodel/shop.threatmodel.yaml'

export const MODEL = `threatloop: 1
model: { id: shop, title: Shop, owner: team, reviewed: 2026-09-15 }
zones: [{ id: core, trust: 2 }]
components:
  - { id: order-api, type: service, zone: core, owner: team, code: ['services/orders/**'] }
  - { id: web, type: service, zone: core, owner: team, code: ['web/**'] }
dataflows:
  - { id: f1, from: web, to: order-api, protocol: https, encrypted: true, authentication: oauth2 }
`

/** The model naming a CODEOWNERS file, with `order-api` left without an `owner` of its own. */
export const MODEL_WITH_CODEOWNERS = MODEL.replace(
  'reviewed: 2026-09-15 }',
  'reviewed: 2026-09-15, code_owners_file: .github/CODEOWNERS }'
).replace(
  "{ id: order-api, type: service, zone: core, owner: team, code: ['services/orders/**'] }",
  "{ id: order-api, type: service, zone: core, code: ['services/orders/**'] }"
)

/** A CODEOWNERS file giving the orders service its team (the last matching rule wins). */
export const CODEOWNERS = '* @acme/everyone\n/services/orders/ @acme/orders\n'

/** What the drift line of `order-api` says when its owner comes from CODEOWNERS. */
export const ORDER_API_CODEOWNERS = '(1 file: `services/orders/api.ts`), owner `@acme/orders` (from CODEOWNERS) —'

/** The base commit: the model, one file of mapped code, one unmapped file. */
export const BASE_FILES: Readonly<Record<string, string>> = {
  [MODEL_FILE]: MODEL,
  'services/orders/api.ts': 'export const a = 1\n',
  'docs/readme.md': 'x\n'
}

/** The line a drift on `order-api` through its one changed file shows in a comment or note. */
export const ORDER_API_DRIFT = '`order-api` code changed (1 file: `services/orders/api.ts`)'

/** `count` unmapped paths (vendored code no component maps). */
export function unmappedFiles(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `vendor/lib/file-${String(i).padStart(3, '0')}.js`)
}

/** The same files with new content, as a commit changing all of them writes them. */
export function changed(paths: readonly string[], text = 'changed\n'): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, text]))
}

/** Folders made by `shallowClone`, removed by `removeShallowClones` after each test. */
const clones: string[] = []

/**
 * A depth-1 clone of `branch` (default: the checked-out one) of `source`. `detached` removes the
 * origin, so no other commit can be fetched; otherwise the run may fetch commits by SHA but gets
 * no history between them (no merge base).
 */
export function shallowClone(source: string, options: { branch?: string; detached?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'threatloop-drift-shallow-'))
  clones.push(dir)
  execFileSync('git', ['clone', '-q', '--depth', '1', ...(options.branch ? ['--branch', options.branch] : []), `file://${source}`, dir])
  if (options.detached) execFileSync('git', ['remote', 'remove', 'origin'], { cwd: dir })
  return dir
}

export function removeShallowClones(): void {
  for (const dir of clones.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Whether a commit is in a clone. */
export function hasCommit(dir: string, sha: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: dir, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
