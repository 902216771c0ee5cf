/** Median wall time (ms) of `runs` calls of `work`, after `warmup` unmeasured calls. */
export function medianMs(work: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    work()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** Peak resident memory of this process so far, in MB (from the kernel's max RSS). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Rounds a figure for the report. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
