import * as core from '@actions/core'
import { loadRepositoryConfig } from '../../core/config/load.js'
import { loadModel } from '../../core/model/load.js'
import { formatProblem, type Problem } from '../../core/problems.js'
import { discoverModelFiles, readRepositoryFile } from '../fs/repository-files.js'

/** Settings read from the action's inputs, once, at the edge. */
export interface ActionSettings {
  /** Folders or files to review; empty means the whole workspace. */
  paths: string[]
  /** Repository configuration file. */
  configPath: string
  workspace: string
}

export function readActionSettings(): ActionSettings {
  const paths = core
    .getInput('paths')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  return {
    paths,
    configPath: core.getInput('config') || '.threatloop.yaml',
    workspace: process.env.GITHUB_WORKSPACE || process.cwd()
  }
}

/** Annotates a problem on the model file's line (the runner caps how many it shows). */
function annotate(problem: Problem): void {
  const properties = { title: `Threatloop: ${problem.code}`, file: problem.file, startLine: problem.line, startColumn: problem.column }
  if (problem.severity === 'error') core.error(problem.message, properties)
  else core.warning(problem.message, properties)
}

/** The action's entry: validates the models of the workspace and reports the problems. */
export async function run(): Promise<void> {
  try {
    const settings = readActionSettings()
    const configRead = await readRepositoryFile(settings.workspace, settings.configPath, 1024 * 1024)
    const configResult = loadRepositoryConfig(settings.configPath, 'content' in configRead ? configRead.content : undefined)
    const problems: Problem[] = [...configResult.problems]
    let files: string[] = []
    if (configResult.config) {
      const discovery = await discoverModelFiles(settings.workspace, configResult.config, settings.paths)
      problems.push(...discovery.problems)
      files = discovery.files
      for (const file of files) {
        const read = await readRepositoryFile(settings.workspace, file)
        problems.push(...('problem' in read ? [read.problem] : loadModel({ path: file, content: read.content }).problems))
      }
    }
    core.startGroup('Threatloop: model validation')
    for (const problem of problems) core.info(formatProblem(problem))
    core.endGroup()
    for (const problem of problems) annotate(problem)
    const errors = problems.filter((p) => p.severity === 'error').length
    core.setOutput('model-files', files.length)
    core.setOutput('validation-errors', errors)
    await core.summary
      .addHeading('Threatloop', 2)
      .addRaw(errors === 0 ? `✔ ${files.length} threat-model file(s) valid.` : `✖ ${errors} validation error(s) in ${files.length} threat-model file(s).`, true)
      .write()
    if (errors > 0) core.setFailed(`${errors} validation error(s) in the threat models`)
  } catch (error) {
    core.setFailed(`Threatloop failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
