import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadRepositoryConfig, type ResolvedConfig } from '../../core/config/load.js'
import { formatProblem } from '../../core/problems.js'
import { readRepositoryFile } from '../fs/repository-files.js'
import type { CommandOutput } from './output.js'

export const DEFAULT_CONFIG_FILE = '.threatloop.yaml'

/** Reads the repository configuration; prints its problems and returns undefined when it is broken. */
export async function loadConfigFile(
  root: string,
  explicit: string | undefined,
  output: CommandOutput
): Promise<ResolvedConfig | undefined> {
  const file = explicit ?? DEFAULT_CONFIG_FILE
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
