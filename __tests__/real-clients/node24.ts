/**
 * A Node.js ≥ 22 for the tools that need it (gitlab-ci-local): this Node when it is new enough,
 * else Node 24 from the npm registry's `node-<platform>-<arch>` package, installed once into
 * node_modules/.cache (`.ci/run` installs it before the tests; a developer's first run does it here).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const NODE24_VERSION = '24.22.3'
const PREFIX = resolve('node_modules/.cache/threatloop-node24')

export function node24(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath
  const name = `node-${process.platform}-${process.arch}`
  const binary = join(PREFIX, 'node_modules', name, 'bin', 'node')
  if (!existsSync(binary)) {
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', PREFIX, `${name}@${NODE24_VERSION}`],
      { stdio: 'ignore', timeout: 300_000 }
    )
  }
  return binary
}
