// What a run reports: a readable summary for a terminal, JUnit XML for CI, and the coverage table
// of docs/conformance.md.
import type { CaseResult, ConformanceReport, CoverageRow, ProviderCoverage, ProviderSlug } from './types.js';

const MARK: Record<CaseResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', 'not covered': 'n/c ' };

function rowsSummary(title: string, rows: CoverageRow[]): string[] {
  if (!rows.length) return [];
  const covered = rows.filter((r) => r.passed.length).length;
  const out = [`  ${title}: ${covered}/${rows.length}`];
  for (const r of rows) out.push(`    ${r.passed.length ? '✓' : '·'} ${r.item}${r.passed.length ? '' : ` (${r.note ?? 'not covered'})`}`);
  return out;
}

/** One line per case (and its message when it did not pass). */
export const formatCase = (c: CaseResult) => `${MARK[c.status]} ${c.provider} ${c.name}${c.status !== 'passed' && c.message ? `\n       ${c.message.replace(/\n/g, '\n       ')}` : ''}`;

/** Every case, then the coverage and the totals. */
export function formatSummary(report: ConformanceReport): string {
  return `${report.cases.map(formatCase).join('\n')}\n\n${formatCoverage(report)}`;
}

/** Coverage per operation, error code, state and callback, then the totals. */
export function formatCoverage(report: ConformanceReport): string {
  const out: string[] = [];
  for (const [slug, cov] of Object.entries(report.coverage) as [ProviderSlug, ProviderCoverage][]) {
    out.push(`Coverage of ${slug} (${cov.title})`);
    out.push(...rowsSummary('operations', cov.operations), ...rowsSummary('error codes', cov.errors), ...rowsSummary('states seen', cov.states), ...rowsSummary('callbacks', cov.callbacks), '');
  }
  out.push(`${report.passed} passed, ${report.failed} failed, ${report.notCovered} not covered${report.ok ? '' : ' — FAILED'}`);
  return out.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitXml(report: ConformanceReport): string {
  const bySuite = new Map<ProviderSlug, CaseResult[]>();
  for (const c of report.cases) bySuite.set(c.provider, [...(bySuite.get(c.provider) ?? []), c]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="provider-sim conformance" tests="${report.cases.length}" failures="${report.failed}" skipped="${report.notCovered}">`];
  for (const [slug, cases] of bySuite) {
    const failures = cases.filter((c) => c.status === 'failed').length;
    const skipped = cases.filter((c) => c.status === 'not covered').length;
    out.push(`  <testsuite name="${slug}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`);
    for (const c of cases) {
      const open = `    <testcase classname="conformance.${slug}" name="${xml(c.name)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.status === 'passed') out.push(`${open}/>`);
      else if (c.status === 'failed') out.push(`${open}>`, `      <failure message="${xml((c.message ?? '').split('\n')[0])}">${xml(c.message ?? '')}</failure>`, '    </testcase>');
      else out.push(`${open}>`, `      <skipped message="not covered: ${xml(c.message ?? '')}"/>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** The table of docs/conformance.md: for each provider, which cases exercise each operation, error code, state and callback. */
export function coverageMarkdown(report: ConformanceReport): string {
  const out = [
    '# Conformance coverage',
    '',
    'Generated from the conformance kit (`src/conformance/`, shipped as `provider-sim/conformance`) by',
    '`npx tsx scripts/conformance-docs.ts`; `test/conformance/conformance.test.ts` fails when this file',
    'differs from what the kit generates. The run behind it drives every case through a driver process',
    '(`test/conformance/fixtures/reference-driver.ts`, the reference adapters behind protocol 1 of',
    '[conformance-protocol.md](conformance-protocol.md)): every case below runs for a driver in any',
    'language. Do not edit by hand.',
    '',
    'A case marked *(explicit sessions)* runs only for a Devino adapter that takes session ids; one that',
    'manages its session gets *an adapter that manages its session renews it after 120 minutes* instead',
    '(not listed here: the reference adapter takes session ids).',
    '',
  ];
  for (const [, cov] of Object.entries(report.coverage) as [ProviderSlug, ProviderCoverage][]) {
    out.push(`## ${cov.title}`, '', '| operation | method and path | cases |', '|---|---|---|');
    for (const r of cov.operations) out.push(`| \`${r.item}\` | \`${r.route ?? ''}\` | ${r.passed.length ? r.passed.map(esc).join('; ') : `**${r.note ?? 'none'}**`} |`);
    if (cov.errors.length) {
      out.push('', '| error code | first produced by |', '|---|---|');
      for (const r of cov.errors) out.push(`| \`${r.item}\` | ${r.passed.length ? esc(r.passed[0]) : esc(r.note ?? '**never**')} |`);
    }
    if (cov.states.length) {
      out.push('', '| state | first checked by |', '|---|---|');
      for (const r of cov.states) out.push(`| ${esc(r.item)} | ${esc(r.passed[0] ?? '')} |`);
    }
    if (cov.callbacks.length) {
      out.push('', '| callback | received (and parsed by the adapter) |', '|---|---|');
      for (const r of cov.callbacks) out.push(`| \`${r.item}\` | ${r.passed.length ? r.passed.map(esc).join('; ') : '**never**'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
