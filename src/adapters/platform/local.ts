/**
 * The local platform: the CLI preview of what a pull request would get, on a developer's machine.
 * No API, no tracker writes, no comment: the pipeline runs as on CI, the issue plan is a preview
 * against no existing issues, and report files go to the working folder.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { sanitizeLogText } from '../../core/render/log-text.js'
import type { ChangeContext, IssueTracker, Logger, Platform } from './platform.js'

/** A logger to a terminal stream, every line sanitised (model text cannot clear the screen). */
export function terminalLogger(write: (line: string) => void): Logger {
  const line = (prefix: string) => (text: string) => write(sanitizeLogText(`${prefix}${text}`))
  return {
    info: line(''),
    notice: line(''),
    warning: line('warning: '),
    error: line('error: '),
    group: (_title, text) => write(sanitizeLogText(text))
  }
}

/**
 * The CLI's logger: the review it prints is the output, so the pipeline's progress lines are not
 * repeated; only errors (a broken configuration) reach the error stream, sanitised.
 */
export function errorsOnlyLogger(write: (line: string) => void): Logger {
  const quiet = (): void => undefined
  return { info: quiet, notice: quiet, warning: quiet, error: (text) => write(sanitizeLogText(text)), group: quiet }
}

/** No tracker to read: the preview plans against no existing issue and writes nothing. */
const previewTracker: IssueTracker = {
  list: () => Promise.resolve({ issues: [] }),
  create: () => Promise.reject(new Error('the local preview writes no issues')),
  edit: () => Promise.reject(new Error('the local preview writes no issues')),
  comment: () => Promise.reject(new Error('the local preview writes no issues'))
}

export interface LocalPlatformOptions {
  change: Omit<ChangeContext, 'inCi' | 'notes' | 'eventLabel'> & Partial<Pick<ChangeContext, 'notes' | 'eventLabel'>>
  /** Folder report files are written to. */
  cwd: string
  logger: Logger
}

export function localPlatform({ change, cwd, logger }: LocalPlatformOptions): Platform {
  return {
    name: 'local',
    logger,
    terms: { comment: 'comment preview', changeRequest: 'change', issuePrefix: '#', baseSide: 'the base' },
    readOnlyHelp: 'Nothing is written from a local run.',
    context: () => Promise.resolve({ inCi: false, notes: [], eventLabel: 'local run', ...change }),
    identity: () => Promise.resolve(undefined),
    writesBlocked: () => 'a local run writes nothing to a tracker',
    describeError: (error) => ({ message: error instanceof Error ? error.message : String(error), readOnly: false }),
    tracker: previewTracker,
    writeArtifact: async (path, text) => {
      const absolute = resolve(cwd, path)
      await mkdir(dirname(absolute), { recursive: true })
      await writeFile(absolute, text)
      return absolute
    }
  }
}
