import { lstat, readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { glob } from 'tinyglobby'
import type { ResolvedConfig } from '../../core/config/load.js'
import type { Problem } from '../../core/problems.js'
import { DEFAULT_PARSE_LIMITS } from '../../core/model/yaml-document.js'

/** Repository-relative path with forward slashes, as reports and annotations use. */
export function toRepositoryPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/')
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Finds model files: explicit files as given, folders searched with the configured globs.
 * Never follows symbolic links out of the repository.
 */
export async function discoverModelFiles(root: string, config: ResolvedConfig, paths: readonly string[] = []): Promise<{ files: string[]; problems: Problem[] }> {
  const realRoot = await realpath(root)
  const problems: Problem[] = []
  const found = new Set<string>()
  const problemAt = (file: string, message: string, code: string): Problem => ({ file, line: 1, column: 1, path: '', severity: 'error', code, message })
  const targets = paths.length > 0 ? paths : ['.']
  for (const target of targets) {
    const absolute = resolve(root, target)
    let info
    try {
      info = await stat(absolute)
    } catch {
      problems.push(problemAt(target, `no such file or folder: ${target}`, 'discovery/not-found'))
      continue
    }
    if (info.isFile()) {
      const real = await realpath(absolute)
      if (!isInside(realRoot, real)) problems.push(problemAt(target, `${target} resolves outside the repository (symbolic link?); it is not read`, 'discovery/outside-repository'))
      else found.add(toRepositoryPath(realRoot, real))
      continue
    }
    const matches = await glob(config.models, {
      cwd: absolute,
      ignore: config.ignore,
      followSymbolicLinks: false,
      onlyFiles: true,
      absolute: true,
      dot: false
    })
    for (const match of matches) {
      const linkInfo = await lstat(match)
      const real = linkInfo.isSymbolicLink() ? await realpath(match).catch(() => undefined) : match
      if (real === undefined || !isInside(realRoot, real)) {
        problems.push({ ...problemAt(toRepositoryPath(realRoot, match), 'symbolic link to a file outside the repository; it is not read', 'discovery/outside-repository'), severity: 'warning' })
        continue
      }
      found.add(toRepositoryPath(realRoot, real))
    }
  }
  return { files: [...found].sort(), problems }
}

/** Reads a repository file as bytes, refusing files over the size limit before reading them. */
export async function readRepositoryFile(root: string, file: string, maxBytes = DEFAULT_PARSE_LIMITS.maxFileBytes): Promise<{ content: Uint8Array } | { problem: Problem }> {
  const absolute = resolve(root, file)
  try {
    const info = await stat(absolute)
    if (info.size > maxBytes) {
      return { problem: { file, line: 1, column: 1, path: '', severity: 'error', code: 'limits/file-size', message: `the file is ${info.size} bytes, over the limit of ${maxBytes} bytes` } }
    }
    return { content: await readFile(absolute) }
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable'
    return { problem: { file, line: 1, column: 1, path: '', severity: 'error', code: 'discovery/unreadable', message: `the file could not be read (${reason})` } }
  }
}
