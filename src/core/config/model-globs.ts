import picomatch from 'picomatch'
import type { ResolvedConfig } from './load.js'

/** What discovery keeps of one side's file list. */
export interface ModelSelection {
  /** Model files to read, repository-relative, sorted. */
  files: string[]
  /** Files matched only by a content-confirmed glob: dropped quietly when they are not threat models. */
  tentative: Set<string>
  /** Files named explicitly: always read, and an unrecognised format is an error. */
  explicit: Set<string>
  /** Requested paths that are neither a file nor a folder on this side. */
  missing: string[]
}

type Globs = Pick<ResolvedConfig, 'models' | 'ignore'> & Partial<Pick<ResolvedConfig, 'confirm'>>

/**
 * A requested path as discovery compares it: repository-relative, forward slashes, no `./`, no
 * trailing slash; the repository root is ''. Returns undefined for a path that leaves the root.
 */
export function normalizeRepositoryPath(path: string): string | undefined {
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}

/** Classifies repository paths by the configured globs: a model, a model if its content says so, or neither. */
export function modelPathKind(config: Globs): (path: string) => 'model' | 'tentative' | undefined {
  const include = picomatch(config.models, { dot: false })
  const confirm = config.confirm && config.confirm.length > 0 ? picomatch(config.confirm, { dot: false, nocase: true }) : () => false
  const exclude = config.ignore.length > 0 ? picomatch(config.ignore, { dot: true }) : () => false
  return (path) => (exclude(path) ? undefined : include(path) ? 'model' : confirm(path) ? 'tentative' : undefined)
}

/**
 * The one selection rule of `validate`, `check`, `review`, the action and the GitLab job: from a
 * side's file list, the files the globs match (all of them, or those under the requested folders),
 * plus every requested file as named, glob or not. Requested paths are repository-relative.
 */
export function selectModelFiles(listed: readonly string[], config: Globs, requested: readonly string[] = []): ModelSelection {
  const match = modelPathKind(config)
  const wanted = requested.map((p) => normalizeRepositoryPath(p) ?? p)
  const whole = wanted.length === 0 || wanted.includes('')
  const files = new Set<string>()
  const tentative = new Set<string>()
  const explicit = new Set<string>()
  const seen = new Set<string>()
  for (const path of listed) {
    if (path.includes('\n')) continue
    const named = wanted.find((w) => w === path)
    if (named !== undefined) {
      explicit.add(path)
      files.add(path)
      seen.add(named)
      continue
    }
    const folder = whole ? '' : wanted.find((w) => path.startsWith(`${w}/`))
    if (folder === undefined) continue
    seen.add(folder)
    const kind = match(path)
    if (kind === undefined) continue
    files.add(path)
    if (kind === 'tentative') tentative.add(path)
  }
  const missing = whole ? [] : wanted.filter((w) => !seen.has(w))
  return { files: [...files].sort(), tentative, explicit, missing }
}

/** Matches repository paths against the configured model globs (content-confirmed ones included) and ignore globs. */
export function modelPathMatcher(config: Globs): (path: string) => boolean {
  const kind = modelPathKind(config)
  return (path) => kind(path) !== undefined
}

/** The model files among a list of repository paths, sorted. */
export function selectModelPaths(paths: readonly string[], config: Globs): string[] {
  return selectModelFiles(paths, config).files
}
