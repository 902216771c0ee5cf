import { runCli } from './adapters/cli/main.js'

void runCli(process.argv.slice(2), process.cwd(), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n')
}).then((code) => {
  process.exitCode = code
})
