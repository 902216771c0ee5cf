import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadRepositoryConfig, type ResolvedConfig } from '../../core/config/load.js'
import { CONFIG_FILE } from '../../core/domain.js'
import { formatProblem } from '../../core/problems.js'
import { readRepositoryFile } from '../fs/repository-files.js'
import type { Snapshot } from '../review/snapshot.js'
import { UsageError, type CommandOutput } from './output.js'

/** Reads the repository configuration; prints its problems and returns undefined when it is broken. */
export async function loadConfigFile(
  root: string,
  explicit: string | undefined,
  output: CommandOutput
): Promise<ResolvedConfig | undefined> {
  const file = explicit ?? CONFIG_FILE
  if (!explicit && !existsSync(resolve(root, file))) return loadRepositoryConfig(file, undefined).config
  const read = await readRepositoryFile(root, file, 1024 * 1024)
  if ('problem' in read) {
    output.err(
      formatProblem({
        ...read.problem,
        message: explicit ? `configuration file not found or unreadable: ${read.problem.message}` : read.problem.message
      })
    )
    return undefined
  }
  const result = loadRepositoryConfig(file, read.content)
  for (const problem of result.problems) output.err(formatProblem(problem))
  return result.config
}

/**
 * A configuration file named on the command line is always read: one the side it is read from does
 * not hold is a usage error, never a silent fall-back to the defaults.
 */
export async function requireNamedConfig(side: Snapshot, path: string, typed: string): Promise<void> {
  if (!(await side.readFiles([path], 1024 * 1024)).has(path)) throw new UsageError(`--config ${typed}: no such file (${side.label})`)
}
