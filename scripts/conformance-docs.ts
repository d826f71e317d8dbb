// Writes what the conformance kit generates into the docs: the coverage table (docs/conformance.md,
// from a full run through the reference driver, as conformance.test.ts runs it) and the JSON Schemas of the driver protocol (the
// generated block of docs/conformance-protocol.md). `--check` only compares, exit 1 on a difference.
// test/conformance/conformance.test.ts and protocol.test.ts make the same comparisons.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown, driver, protocolSchemas, runConformance } from '../src/conformance/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const BEGIN = '<!-- generated: protocol schemas -->';
const END = '<!-- end generated -->';

/** docs/conformance-protocol.md with its generated block replaced by the current schemas. */
export function protocolDoc(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/conformance-protocol.md has no ${BEGIN} … ${END} block`);
  const block = Object.entries(protocolSchemas()).map(([name, schema]) => `### ${name}\n\n\`\`\`json\n${JSON.stringify(schema, null, 2)}\n\`\`\`\n`);
  return `${current.slice(0, start + BEGIN.length)}\n\n${block.join('\n')}\n${current.slice(end)}`;
}

async function main() {
  const check = process.argv.includes('--check');
  const reference = driver({ command: 'node --import tsx test/conformance/fixtures/reference-driver.ts', cwd: root });
  const report = await runConformance({ devino: reference, mobilgroup: reference, voicepassword: reference, unibell: reference });
  if (!report.ok) throw new Error(`the reference run failed: ${report.cases.filter((c) => c.status === 'failed').map((c) => `${c.name}: ${c.message}`).join('\n')}`);
  const files: [string, string][] = [
    ['docs/conformance.md', `${coverageMarkdown(report)}\n`],
    ['docs/conformance-protocol.md', protocolDoc(readFileSync(`${root}docs/conformance-protocol.md`, 'utf8'))],
  ];
  let differs = false;
  for (const [path, text] of files) {
    if (readFileSync(`${root}${path}`, 'utf8') === text) continue;
    differs = true;
    if (check) process.stderr.write(`${path} is not what the kit generates: run npx tsx scripts/conformance-docs.ts\n`);
    else writeFileSync(`${root}${path}`, text);
  }
  process.exitCode = check && differs ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
