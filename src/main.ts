#!/usr/bin/env node
// provider-sim CLI: `provider-sim [options]` runs the simulator; `provider-sim <command> …` runs a
// subcommand (the first positional argument names it; add one to COMMANDS). Exit 2 on a bad option
// or an unknown scenario, 1 when start-up fails (unreadable data or fixture file, port in use) or when
// the shutdown's last write to the data file fails (stderr says what was not saved), 0 after a clean
// shutdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSimulator, type Simulator } from './app.js';
import { followParent } from './cli/parentWatch.js';
import { readableSummary, startupSummary } from './cli/startupSummary.js';
import { ConfigError, helpText, parseConfig } from './core/config.js';
import { packageRoot } from './core/packageRoot.js';
import { UnknownScenarioError } from './scenarios/engine.js';

/** Subcommands by name: each gets the arguments after its name and resolves to an exit code. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  // Exit at once: a driver that ignores the end of its stdin must not keep the run open.
  conform: async (args) => process.exit(await (await import('./cli/conform.js')).conform(args)),
  fixtures: async (args) => (await import('./cli/fixtures.js')).fixtures(args),
};

const version = () => (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

function fail(code: number, message: string): never {
  process.stderr.write(`provider-sim: ${message}\n`);
  process.exit(code);
}

async function serve(argv: string[]) {
  let config;
  try {
    config = parseConfig(argv, process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(2, err.message);
    throw err;
  }
  if (config.help) {
    const commands = Object.keys(COMMANDS);
    process.stdout.write(`${helpText()}\n${commands.length ? `\nCommands: ${commands.join(', ')} (provider-sim <command> --help)\n` : ''}`);
    return;
  }
  if (config.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }

  let sim: Simulator;
  try {
    sim = await buildSimulator(config);
    await sim.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // An unknown --scenario is a bad option, like a bad --clock: the same exit code.
    if (err instanceof UnknownScenarioError) fail(2, `Invalid configuration: ${err.message}`);
    fail(1, `could not start: ${(err as Error).message}`);
  }

  if (['info', 'debug', 'trace'].includes(config.logLevel)) {
    const address = sim.app.server.address();
    const summary = startupSummary(sim, typeof address === 'object' && address ? address.port : config.port);
    if (config.pretty) process.stdout.write(readableSummary(summary));
    else sim.app.log.info(summary, 'provider-sim ready');
  }

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    sim.app.log.info({ reason }, 'shutting down: flushing state');
    sim
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`provider-sim: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  followParent(() => stop('the parent process (npm or npx) exited'));
}

async function main() {
  const argv = process.argv.slice(2);
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-')) {
    const command = COMMANDS[first];
    if (!command) fail(2, `unknown command '${first}'${Object.keys(COMMANDS).length ? ` (commands: ${Object.keys(COMMANDS).join(', ')})` : ''}. Run with --help to see the options.`);
    process.exitCode = await command(argv.slice(1));
    return;
  }
  await serve(argv);
}

void main();
