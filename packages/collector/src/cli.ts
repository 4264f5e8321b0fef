#!/usr/bin/env node
// The `itinera` command: see `itinera --help`.
import { runCli } from './cli/run-cli.js'

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`itinera: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
