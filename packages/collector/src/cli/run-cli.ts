import { parseArgs } from 'node:util'
import { createCollector, parsePublicUrl } from '../collector.js'
import { exportCommand } from './export-command.js'
import { importCommand } from './import-command.js'
import { CliError, type CliIo } from './io.js'
import { pickWorkspace } from './pick-workspace.js'
import { serveCommand } from './serve-command.js'
import { workspaceCommand } from './workspace-command.js'

export const USAGE = `Usage: itinera <command> [options]

Commands:
  serve [--port 8787] [--host 127.0.0.1] [--public-url URL]
                                           run the collector (PORT, HOST and
                                           ITINERA_PUBLIC_URL are read too)
  workspace create --name NAME [--origin URL]... [--json]
  workspace list [--json]
  import FILE.ndjson [--workspace ID | --write-key KEY] [--json]
  export profiles|events [--workspace ID]  NDJSON on stdout
  rebuild [--workspace ID]                 recompute profiles from the raw messages

Every command takes --db PATH or --db postgres://USER:PASSWORD@HOST:5432/DATABASE
(default ./.itinera/itinera.db, or ITINERA_DB): a SQLite file, or a PostgreSQL database.
`

/** Runs the `itinera` CLI with `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        db: { type: 'string', default: process.env.ITINERA_DB ?? './.itinera/itinera.db' },
        port: { type: 'string', default: process.env.PORT ?? '8787' },
        host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
        'public-url': { type: 'string', default: process.env.ITINERA_PUBLIC_URL },
        name: { type: 'string' },
        origin: { type: 'string', multiple: true },
        workspace: { type: 'string' },
        'write-key': { type: 'string' },
        json: { type: 'boolean', default: false },
        'ensure-demo-workspace': { type: 'boolean', default: false },
        'seed-demo': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, sub] = positionals
  if (values.help || !command) {
    io.stdout.write(USAGE)
    return command || values.help ? 0 : 2
  }
  const known = ['serve', 'workspace', 'import', 'export', 'rebuild']
  if (!known.includes(command)) {
    io.stderr.write(`unknown command "${command}"\n\n${USAGE}`)
    return 2
  }
  // An empty value (ITINERA_PUBLIC_URL= in a compose file) means unset.
  const publicUrl = values['public-url'] || undefined
  if (publicUrl !== undefined) {
    try {
      parsePublicUrl(publicUrl)
    } catch (error) {
      io.stderr.write(`--public-url: ${(error as Error).message}\n`)
      return 2
    }
  }
  const collector = await createCollector({
    db: values.db,
    publicUrl,
    onError: (error) =>
      io.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`),
    ...(command === 'serve' ? {} : { webDirectory: false, demoDirectory: false, sdkFile: false }),
    // Only serving and importing need every identity graph in memory up front.
    projection: { loadOnStart: command === 'serve' || command === 'import' },
  })
  try {
    switch (command) {
      case 'serve': {
        const port = Number(values.port)
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CliError(`--port ${values.port} is not a port`)
        await serveCommand(collector, io, {
          port,
          host: values.host,
          dbPath: values.db,
          ensureDemoWorkspace: values['ensure-demo-workspace'],
          seedDemo: values['seed-demo'],
        })
        return 0
      }
      case 'workspace':
        await workspaceCommand(collector.store, io, sub, values)
        return 0
      case 'import': {
        if (!sub) throw new CliError('usage: itinera import FILE.ndjson [--workspace ID]')
        const workspace = await pickWorkspace(collector.store, {
          workspace: values.workspace,
          writeKey: values['write-key'],
        })
        const summary = await importCommand(collector.pipeline, workspace, sub, io, {
          json: values.json,
        })
        return summary.rejected > 0 ? 1 : 0
      }
      case 'export': {
        const workspace = await pickWorkspace(collector.store, { workspace: values.workspace })
        await exportCommand(collector.store, workspace, sub, io)
        return 0
      }
      default: {
        const workspace = values.workspace
          ? await pickWorkspace(collector.store, { workspace: values.workspace })
          : undefined
        const result = await collector.rebuild(workspace?.id)
        io.stdout.write(`Rebuilt ${result.profiles} profiles from ${result.messages} messages\n`)
        return 0
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`${error.message}\n`)
      return error.exitCode
    }
    throw error
  } finally {
    await collector.close()
  }
}
