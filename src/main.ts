#!/usr/bin/env node
// provider-sim CLI: flags and environment -> config -> listen. Exit 2 on a bad option, 1 when
// start-up fails (unreadable data or fixture file, port in use) or when the shutdown's last write to
// the data file fails (stderr says what was not saved), 0 after a clean shutdown.
import { buildSimulator } from './app.js';
import { ConfigError, helpText, parseConfig } from './core/config.js';

async function main() {
  if (process.argv[2] === 'conform') {
    const { conform } = await import('./cli/conform.js');
    // Exit at once: a driver that ignores the end of its stdin must not keep the run open.
    process.exit(await conform(process.argv.slice(3)));
  }
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`provider-sim: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (config.help) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }

  let sim;
  try {
    sim = await buildSimulator(config);
    await sim.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    process.stderr.write(`provider-sim: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    sim.app.log.info({ signal }, 'shutting down: flushing state');
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
}

void main();
