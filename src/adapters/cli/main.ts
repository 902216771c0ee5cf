import { GITLAB_HELP, runGitLabCommand } from '../gitlab/gitlab-command.js'
import { CHECK_HELP, runCheckCommand } from './check-command.js'
import { CONVERT_HELP, runConvertCommand } from './convert-command.js'
import { INTEL_HELP, runIntelCommand } from './intel-command.js'
import { REVIEW_HELP, runReviewCommand } from './review-command.js'
import { runValidate, VALIDATE_HELP } from './validate-command.js'
import { VERSION } from '../../core/domain.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import { REPORT_HELP, SNAPSHOT_HELP, runReportCommand, runSnapshotCommand } from './history-commands.js'
import { EXIT, UsageError, type CommandOutput } from './output.js'

export { VERSION } from '../../core/domain.js'

interface Command {
  summary: string
  help: string
  run(args: string[], cwd: string, output: CommandOutput): Promise<number>
}

const COMMANDS: Record<string, Command> = {
  check: { summary: 'run the rules and report findings (text, JSON, SARIF or Code Quality)', help: CHECK_HELP, run: runCheckCommand },
  convert: {
    summary: 'convert OTM, Threagile, Threat Dragon, Threat Composer or TM-BOM to native YAML or OTM',
    help: CONVERT_HELP,
    run: runConvertCommand
  },
  report: {
    summary: 'write the dashboard: one self-contained HTML page of risk, maturity and mitigation trends',
    help: REPORT_HELP,
    run: runReportCommand
  },
  snapshot: {
    summary: 'print one JSON history line per commit (severity, residual loss, maturity, mitigations)',
    help: SNAPSHOT_HELP,
    run: runSnapshotCommand
  },
  intel: {
    summary: 'propose model changes from STIX sightings, incident exports and OSV advisories',
    help: INTEL_HELP,
    run: runIntelCommand
  },
  review: { summary: 'review the change to the threat models, as a pull request would get it', help: REVIEW_HELP, run: runReviewCommand },
  gitlab: {
    summary: 'the GitLab CI job: merge request note, Code Quality report and mitigation issues',
    help: GITLAB_HELP,
    run: runGitLabCommand
  },
  validate: { summary: 'check model files and report every problem with its position', help: VALIDATE_HELP, run: runValidate }
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length))
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return `Threatloop ${VERSION}: threat models as living code.

Usage: threatloop <command> [options]

Commands:
${lines.join('\n')}

Run 'threatloop <command> --help' for a command's options.`
}

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export async function runCli(argv: string[], cwd: string, terminal: CommandOutput): Promise<number> {
  // Messages always go to a person (terminal or CI log): no control sequences, no workflow
  // commands from model text. Standard output stays as the command wrote it (JSON, YAML, SARIF
  // are data); each command sanitises its own text format.
  const output: CommandOutput = { out: (text) => terminal.out(text), err: (text) => terminal.err(sanitizeLogText(text)) }
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(mainHelp())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    output.out(VERSION)
    return EXIT.ok
  }
  const command = COMMANDS[name]
  if (!command) {
    output.err(`threatloop: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See 'threatloop --help'.`)
    return EXIT.usage
  }
  try {
    return await command.run(rest, cwd, output)
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`threatloop ${name}: ${error.message}\n\n${command.help}`)
      return EXIT.usage
    }
    const message = error instanceof Error ? error.message : String(error)
    output.err(`threatloop ${name}: internal error: ${message}. Please report this with the command you ran.`)
    return EXIT.usage
  }
}
