/**
 * One sanitiser for everything written to a log or a terminal (GitHub Actions log, GitLab job log,
 * CLI text output). Text that came from a model file or a file name must not be able to run a
 * workflow command (`::warning::…` at a line start, `##[group]` anywhere), open or close a GitLab
 * log section, move the cursor, clear the screen, set the window title or ring the bell.
 */

/**
 * ESC sequences: CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC strings up to their terminator (BEL or
 * ESC \) or the end of the text, and the two-character forms (`ESC c`, `ESC (B`, …).
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]?)/g
/** 8-bit CSI and string introducers (C1) with what they introduce. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u001b\u009c]*[\u0007\u009c]?/g
/**
 * C0 controls except tab and newline (so `\r` goes too: a runner or terminal would start a new
 * line there), DEL, C1 controls, bidi overrides and marks, and the BOM.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
/** `::` after nothing but blanks on its line: the runner trims a line before looking for a command. */
const COMMAND_AT_LINE_START = /^([^\S\n]*):(?=:)/gm
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * Returns `text` safe for a log line: ESC sequences and control characters (including `\r`)
 * removed, `::` at any line start (after optional blanks) and `##[` anywhere neutralised with a
 * zero-width space, so the runner shows them instead of executing them. Tabs and newlines stay;
 * ordinary text is returned unchanged.
 */
export function sanitizeLogText(text: string): string {
  // Removal comes first: taking out a control character can join `:` `:` or `##` `[`.
  return String(text)
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(COMMAND_AT_LINE_START, `$1:${ZERO_WIDTH_SPACE}`)
    .replace(/##\[/g, `#${ZERO_WIDTH_SPACE}#[`)
}
