import { parseArgs, type ParseArgsConfig } from 'node:util'

type OptionsConfig = NonNullable<ParseArgsConfig['options']>
type CommandArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>

/** Where a command writes: kept apart from process streams so commands are testable. */
export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

/** Exit codes every command shares. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const

/** A mistake in how the command was called or configured (exit code 2). */
export class UsageError extends Error {}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

/**
 * Every command's preamble: parses its options (positionals allowed, `-h/--help` added), turns a
 * parse error into a UsageError, and prints the help when asked. Undefined means the help was
 * printed and the command exits 0.
 */
export function parseCommandArgs<const O extends OptionsConfig>(
  args: string[],
  options: O,
  help: string,
  output: CommandOutput
): CommandArgs<O> | undefined {
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, ...HELP_OPTION } })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (parsed.values.help === true) {
    output.out(help)
    return undefined
  }
  return parsed as unknown as CommandArgs<O>
}
