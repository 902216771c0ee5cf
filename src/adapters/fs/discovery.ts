import { relative, resolve, sep } from 'node:path'
import type { ResolvedConfig } from '../../core/config/load.js'
import { normalizeRepositoryPath, selectModelFiles } from '../../core/config/model-globs.js'
import type { ModelSource } from '../../core/model/load.js'
import { DEFAULT_PARSE_LIMITS } from '../../core/model/yaml-document.js'
import type { Problem } from '../../core/problems.js'
import type { Snapshot } from '../review/snapshot.js'
import { isInsideFolder, resolveInside } from './repository-files.js'

/** The model files of one side, read, with what discovery has to say about them. */
export interface DiscoveredModels {
  files: ModelSource[]
  /** Files matched only by a content-confirmed glob: the review drops them quietly when they are no threat model. */
  tentative: Set<string>
  /** Files named explicitly (always read). */
  explicit: Set<string>
  /** Requested paths that are neither a file nor a folder on this side. */
  missing: string[]
  problems: Problem[]
}

function problemAt(file: string, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: 1, column: 1, path: '', severity, code, message }
}

/**
 * Paths typed on the command line (relative to the working directory) as repository-relative
 * paths. A path that leaves the repository, or resolves outside it through a symbolic link, is
 * refused with a problem.
 */
export async function requestedPaths(
  cwd: string,
  root: string,
  typed: readonly string[]
): Promise<{ paths: string[]; problems: Problem[] }> {
  const paths: string[] = []
  const problems: Problem[] = []
  for (const path of typed) {
    const absolute = resolve(cwd, path)
    if (!isInsideFolder(resolve(root), absolute)) {
      problems.push(problemAt(path, 'discovery/outside-repository', `${path} is outside the repository (${root}); it is not read`))
      continue
    }
    const repositoryPath = normalizeRepositoryPath(relative(resolve(root), absolute).split(sep).join('/')) ?? ''
    const resolved = await resolveInside(root, repositoryPath === '' ? '.' : repositoryPath)
    if ('refused' in resolved) {
      problems.push(problemAt(path, 'discovery/outside-repository', resolved.refused))
      continue
    }
    paths.push(repositoryPath)
  }
  return { paths, problems }
}

/**
 * The one discovery path of `validate`, `check`, `review`, the action and the GitLab job: lists a
 * snapshot, selects with the model globs (or the requested files and folders) and reads the files,
 * refusing those over the size limit or resolving outside the repository.
 */
export async function discoverModels(
  snapshot: Snapshot,
  config: Pick<ResolvedConfig, 'models' | 'ignore' | 'confirm'>,
  requested: readonly string[] = [],
  maxBytes = DEFAULT_PARSE_LIMITS.maxFileBytes
): Promise<DiscoveredModels> {
  const selection = selectModelFiles(await snapshot.listFiles(), config, requested)
  const reads = await snapshot.readFiles(selection.files, maxBytes)
  const files: ModelSource[] = []
  const problems: Problem[] = []
  for (const path of selection.files) {
    const read = reads.get(path)
    if (!read) continue
    if ('size' in read)
      problems.push(
        problemAt(path, 'limits/file-size', `the file is ${read.size} bytes, over the limit of ${maxBytes} bytes; it is not reviewed`)
      )
    else if ('refused' in read)
      problems.push(problemAt(path, 'discovery/outside-repository', read.refused, selection.explicit.has(path) ? 'error' : 'warning'))
    else files.push({ path, content: read.content })
  }
  return { files, tentative: selection.tentative, explicit: selection.explicit, missing: selection.missing, problems }
}
