/**
 * One sanitiser for everything written to a log or a terminal (GitHub Actions log, GitLab job log,
 * CLI text output). Text that came from a model file or a file name must not be able to run a
 * workflow command (`::warning::…` at a line start, `##[group]` anywhere), move the cursor, clear
 * the screen or ring the bell. Owned by the hardening work (#12); extended there.
 */

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g
// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * Returns `text` safe for a log line: ESC sequences and control characters (including `\r`)
 * removed, `::` at any line start (after optional blanks) and `##[` anywhere neutralised with a
 * zero-width space so the runner shows them instead of executing them.
 */
export function sanitizeLogText(text: string): string {
  return String(text)
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(/^([ \t]*):(?=:)/gm, '$1:\u200b')
    .replace(/##\[/g, '#\u200b#[')
}
