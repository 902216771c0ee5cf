import picomatch from 'picomatch'
import type { ResolvedConfig } from './load.js'

/** Matches repository paths against the configured model globs and ignore globs. */
export function modelPathMatcher(config: Pick<ResolvedConfig, 'models' | 'ignore'>): (path: string) => boolean {
  const include = picomatch(config.models, { dot: false })
  const exclude = config.ignore.length > 0 ? picomatch(config.ignore, { dot: true }) : () => false
  return (path) => include(path) && !exclude(path)
}

/** The model files among a list of repository paths, sorted. */
export function selectModelPaths(paths: readonly string[], config: Pick<ResolvedConfig, 'models' | 'ignore'>): string[] {
  const matches = modelPathMatcher(config)
  return paths.filter((p) => !p.includes('\n') && matches(p)).sort()
}
