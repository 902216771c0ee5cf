/** Where a command writes: kept apart from process streams so commands are testable. */
export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

/** Exit codes every command shares. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const

/** A mistake in how the command was called or configured (exit code 2). */
export class UsageError extends Error {}
