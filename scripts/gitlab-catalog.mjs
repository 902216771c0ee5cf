#!/usr/bin/env node
// Builds the GitLab CI/CD Catalog project from this repository and, with --push, publishes it:
// the catalog project has templates/ at its root (GitLab resolves `include: component:` only
// there), this repository keeps the component in gitlab/. See docs/publishing.md.
//
//   node scripts/gitlab-catalog.mjs --version 1.2.3 --out DIR [--push GIT_URL] [--branch main]
//
// DIR receives: templates/threatloop.yml (the `version` input's default set to 1.2.3),
// README.md, LICENSE, .gitlab-ci.yml (gitlab/catalog-ci.yml), dist/cli.js, dist/cli.js.sha256 and
// tests/models/ (the sample the catalog pipeline reviews). With --push, DIR becomes a clone of
// GIT_URL whose branch gets one commit with that tree, tagged 1.2.3 (no prefix: the catalog wants
// semantic versions), and both are pushed. Credentials belong in GIT_URL's environment (a git
// credential helper or an http.extraHeader), never on the command line.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

function fail(message) {
  console.error(`gitlab-catalog: ${message}`)
  process.exit(2)
}

/** The component template with the `version` input's default set to this release. */
export function stampVersion(template, version) {
  const stamped = template.replace(/(\n {4}version:\n {6}default: )[^\n]+/, `$1${version}`)
  if (stamped === template && !template.includes(`\n    version:\n      default: ${version}\n`))
    fail('gitlab/templates/threatloop.yml has no `version` input with a default')
  return stamped
}

/** Writes the catalog project's files into `out` (keeping out/.git); returns the bundle's SHA-256. */
export function buildCatalog(out, version) {
  for (const entry of existsSync(out) ? readdirSync(out) : [])
    if (entry !== '.git') rmSync(join(out, entry), { recursive: true, force: true })
  mkdirSync(join(out, 'templates'), { recursive: true })
  mkdirSync(join(out, 'dist'), { recursive: true })
  mkdirSync(join(out, 'tests/models'), { recursive: true })
  writeFileSync(
    join(out, 'templates/threatloop.yml'),
    stampVersion(readFileSync(join(ROOT, 'gitlab/templates/threatloop.yml'), 'utf8'), version)
  )
  copyFileSync(join(ROOT, 'gitlab/README.md'), join(out, 'README.md'))
  copyFileSync(join(ROOT, 'LICENSE'), join(out, 'LICENSE'))
  copyFileSync(join(ROOT, 'gitlab/catalog-ci.yml'), join(out, '.gitlab-ci.yml'))
  copyFileSync(join(ROOT, 'examples/demo/head/payments.threatmodel.yaml'), join(out, 'tests/models/payments.threatmodel.yaml'))
  const bundle = readFileSync(join(ROOT, 'dist/cli.js'))
  writeFileSync(join(out, 'dist/cli.js'), bundle)
  const digest = createHash('sha256').update(bundle).digest('hex')
  writeFileSync(join(out, 'dist/cli.js.sha256'), `${digest}  dist/cli.js\n`)
  return digest
}

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
}

function main() {
  const { values } = parseArgs({
    options: { version: { type: 'string' }, out: { type: 'string' }, push: { type: 'string' }, branch: { type: 'string', default: 'main' } }
  })
  const version = values.version ?? JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version
  if (!SEMVER.test(version)) fail(`--version must be a semantic version without prefix (1.2.3), got "${version}"`)
  if (!values.out) fail('--out DIR is required')
  if (!existsSync(join(ROOT, 'dist/cli.js'))) fail('dist/cli.js is missing: run npm run package first')
  const out = resolve(values.out)
  if (values.push) {
    rmSync(out, { recursive: true, force: true })
    git(ROOT, 'clone', '--quiet', values.push, out)
    if (git(out, 'tag', '--list', version) !== '') fail(`the catalog project already has tag ${version}; releases are immutable`)
    git(out, 'checkout', '--quiet', '-B', values.branch)
  }
  const digest = buildCatalog(out, version)
  console.log(`catalog ${version}: dist/cli.js sha256 ${digest}`)
  if (!values.push) return
  git(out, 'add', '--all')
  git(
    out,
    '-c',
    'user.name=Threatloop release',
    '-c',
    'user.email=release@threatloop.invalid',
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    `Threatloop ${version}`
  )
  git(
    out,
    '-c',
    'user.name=Threatloop release',
    '-c',
    'user.email=release@threatloop.invalid',
    'tag',
    '-a',
    version,
    '-m',
    `Threatloop ${version}`
  )
  git(out, 'push', '--quiet', 'origin', `HEAD:refs/heads/${values.branch}`, `refs/tags/${version}`)
  console.log(`pushed ${values.branch} and tag ${version}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
