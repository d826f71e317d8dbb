// `provider-sim conform`: runs the conformance suite against an adapter in any language through a
// driver process (docs/conformance-protocol.md). Starts a simulator on a free loopback port unless
// --url names one, prints each case and the coverage, writes JUnit XML when asked. Exit 0 when no
// applicable case failed, 1 when one did, 2 on a bad option.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { driver } from '../conformance/driver.js';
import { formatCase, formatCoverage, junitXml } from '../conformance/report.js';
import { runConformance } from '../conformance/run.js';
import { PROVIDERS, type ProviderSlug } from '../conformance/types.js';

export const CONFORM_HELP = `Usage: provider-sim conform --provider <slug> --driver "<command>" [options]

Runs every conformance case your adapter can take against the simulator, through a driver: a
process speaking protocol 1 (JSON lines on stdin/stdout, see docs/conformance-protocol.md).

  --provider <slug>    devino, mobilgroup, voicepassword or unibell
  --driver "<command>" shell command that starts the driver, e.g. "python3 driver.py"
  --url <url>          a running simulator to use (default: start one on a free port);
                       its clock is switched to manual and its state reset
  --admin-token <t>    that simulator's admin token, if it requires one
  --junit <file>       also write the results as JUnit XML
  --timeout <seconds>  how long the driver may take to answer one call (default 10)
  --quiet              print only failures and the totals
  -h, --help           this text

Each case passes, fails (expected vs got) or is not covered (the driver does not implement its
operations). Exit status: 0 when no applicable case failed, 1 otherwise, 2 on a bad option.`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function conform(argv: readonly string[], io: Io = stdio): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        provider: { type: 'string' },
        driver: { type: 'string' },
        url: { type: 'string' },
        'admin-token': { type: 'string' },
        junit: { type: 'string' },
        timeout: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    io.err(`provider-sim conform: ${(err as Error).message}\n\n${CONFORM_HELP}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${CONFORM_HELP}\n`);
    return 0;
  }
  const problems: string[] = [];
  const provider = values.provider as ProviderSlug | undefined;
  if (!provider) problems.push('--provider is required');
  else if (!PROVIDERS.includes(provider)) problems.push(`--provider must be one of ${PROVIDERS.join(', ')}, not "${provider}"`);
  if (!values.driver?.trim()) problems.push('--driver is required');
  const timeout = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!(timeout > 0 && timeout <= 3600)) problems.push(`--timeout must be seconds between 0 and 3600, not "${values.timeout}"`);
  if (values.url !== undefined && !/^https?:\/\/[^/]/.test(values.url)) problems.push(`--url must be an http(s) URL, not "${values.url}"`);
  if (problems.length || !provider || !values.driver) {
    io.err(`provider-sim conform: ${problems.join('; ')}\n\n${CONFORM_HELP}\n`);
    return 2;
  }

  const report = await runConformance(
    { [provider]: driver({ command: values.driver, callTimeoutMs: timeout * 1000 }) },
    {
      url: values.url,
      adminToken: values['admin-token'],
      onCase: (c) => {
        if (!values.quiet || c.status === 'failed') io.out(`${formatCase(c)}\n`);
      },
    },
  );
  io.out(`\n${formatCoverage(report)}\n`);
  if (values.junit) {
    try {
      writeFileSync(values.junit, junitXml(report));
    } catch (err) {
      io.err(`provider-sim conform: could not write ${values.junit}: ${(err as Error).message}\n`);
      return 1;
    }
  }
  return report.ok ? 0 : 1;
}
