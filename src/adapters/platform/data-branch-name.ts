/** The history store's branch name (issue 19); light, so the action's input check can load it early. */

/** A branch name both platforms accept and that cannot be read as an option or a path trick. */
export function dataBranchProblem(branch: string): string | undefined {
  if (branch.length === 0 || branch.length > 200) return 'a branch name of 1 to 200 characters'
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch)) return 'letters, digits and . _ / - (starting with a letter or digit)'
  if (/\.\.|\/\/|\/$|\.lock$|\.$|(^|\/)\./.test(branch))
    return 'a valid git branch name (no "..", "//", ".lock", leading dots or trailing "/" or ".")'
  return undefined
}
