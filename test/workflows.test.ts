// The GitHub Actions workflows are valid against the workflow schema (@action-validator/cli), CI runs
// .ci/run on pushes and pull requests, and a tag publishes the npm package and the ghcr.io image.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string) => yaml.load(readFileSync(`${DIR}/${file}`, 'utf8')) as Record<string, unknown>;

describe('GitHub Actions workflows', () => {
  it.each(files)('%s passes action-validator', async (file) => {
    const result = await run(process.execPath, ['node_modules/@action-validator/cli/cli.mjs', `${DIR}/${file}`]).catch((e: { code: number; stdout: string }) => e);
    expect(result, JSON.stringify(result)).not.toHaveProperty('code');
  });

  it('ci runs .ci/run on pushes and pull requests', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on as object).sort()).toEqual(['pull_request', 'push']);
    expect(readFileSync(`${DIR}/ci.yml`, 'utf8')).toMatch(/run: bash \.ci\/run/);
  });

  it('release publishes the npm package and ghcr.io/<owner>/provider-sim on a version tag, after CI', () => {
    const release = load('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const text = readFileSync(`${DIR}/release.yml`, 'utf8');
    expect(text).toContain('npm publish');
    expect(text).toContain('ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/provider-sim');
    const jobs = release.jobs as Record<string, { needs?: string }>;
    expect(jobs.npm.needs).toBe('ci');
    expect(jobs.image.needs).toBe('ci');
  });

  it('a broken workflow is caught (the validator is not a no-op)', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/provider-sim-wf-');
    writeFileSync(`${dir}/bad.yml`, 'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n');
    await expect(run(process.execPath, ['node_modules/@action-validator/cli/cli.mjs', `${dir}/bad.yml`])).rejects.toMatchObject({ code: 1 });
  });
});
