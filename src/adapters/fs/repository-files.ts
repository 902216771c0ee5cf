import { readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { Problem } from '../../core/problems.js'
import { DEFAULT_PARSE_LIMITS } from '../../core/model/yaml-document.js'

/** Repository-relative path with forward slashes, as reports and annotations use. */
export function toRepositoryPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/')
}

/** Whether an absolute path is the folder or lies below it (compare resolved paths: realpath both first). */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const rel = relative(folder, candidate)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * Resolves a path under a folder, following symbolic links, and refuses it when the resolved path
 * leaves the folder. A path that does not exist is resolved as far as it exists (`missing: true`).
 */
export async function resolveInside(folder: string, path: string): Promise<{ real: string; missing: boolean } | { refused: string }> {
  const realFolder = await realpath(folder)
  const lexical = resolve(folder, path)
  if (!isInsideFolder(resolve(folder), lexical)) return { refused: `${path} is outside the repository` }
  let real: string
  let missing = false
  try {
    real = await realpath(lexical)
  } catch {
    // Resolve the deepest existing ancestor: a missing file under a linked folder still counts.
    missing = true
    let ancestor = lexical
    let rest = ''
    for (;;) {
      const parent = resolve(ancestor, '..')
      rest = rest === '' ? relative(parent, ancestor) : `${relative(parent, ancestor)}${sep}${rest}`
      ancestor = parent
      try {
        real = resolve(await realpath(ancestor), rest)
        break
      } catch {
        if (parent === resolve(parent, '..')) return { refused: `${path} cannot be resolved` }
      }
    }
  }
  if (!isInsideFolder(realFolder, real)) return { refused: `${path} resolves outside the repository (symbolic link?); it is not read` }
  return { real, missing }
}

/** Reads a repository file as bytes, refusing files over the size limit and paths that resolve outside the repository. */
export async function readRepositoryFile(
  root: string,
  file: string,
  maxBytes = DEFAULT_PARSE_LIMITS.maxFileBytes
): Promise<{ content: Uint8Array } | { problem: Problem }> {
  const problem = (code: string, message: string): { problem: Problem } => ({
    problem: { file, line: 1, column: 1, path: '', severity: 'error', code, message }
  })
  try {
    const resolved = await resolveInside(root, file)
    if ('refused' in resolved) return problem('discovery/outside-repository', resolved.refused)
    const info = await stat(resolved.real)
    if (info.size > maxBytes) return problem('limits/file-size', `the file is ${info.size} bytes, over the limit of ${maxBytes} bytes`)
    return { content: await readFile(resolved.real) }
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable'
    return problem('discovery/unreadable', `the file could not be read (${reason})`)
  }
}
