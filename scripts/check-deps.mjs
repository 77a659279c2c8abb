#!/usr/bin/env node
/**
 * Offline-first dependency check (`npm run deps:check`), since `npm audit` needs an advisory service:
 *  1. every dependency, devDependency and override in package.json is pinned to an exact version;
 *  2. package-lock.json and the installed node_modules hold exactly those versions;
 *  3. if the registry answers, `npm outdated --json` lists newer releases (information only);
 *     if it does not, that is said plainly and the offline checks still decide the exit code.
 * It does NOT check for known vulnerabilities (no advisory database is reachable offline).
 * Exit 0: all pinned and consistent; 1: something unpinned or inconsistent.
 */
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lockPath = path.join(root, 'package-lock.json');
const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : null;
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const problems = [];
const groups = { dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {}, overrides: pkg.overrides ?? {} };
let count = 0;
for (const [group, deps] of Object.entries(groups)) {
  for (const [name, spec] of Object.entries(deps)) {
    if (typeof spec !== 'string') {
      problems.push(`${group}: ${name} has a nested override; pin it to one exact version`);
      continue;
    }
    count++;
    if (!EXACT.test(spec)) {
      problems.push(`${group}: ${name} is "${spec}", not an exact version (use e.g. "${spec.replace(/^[\^~>=<\s]+/, '')}")`);
      continue;
    }
    if (group === 'overrides') continue;
    const locked = lock?.packages?.[`node_modules/${name}`]?.version;
    if (lock && locked !== spec) problems.push(`${name}: package.json pins ${spec}, package-lock.json has ${locked ?? 'nothing'}`);
    const installedPath = path.join(root, 'node_modules', name, 'package.json');
    const installed = existsSync(installedPath) ? JSON.parse(readFileSync(installedPath, 'utf8')).version : undefined;
    if (installed !== spec) problems.push(`${name}: package.json pins ${spec}, node_modules has ${installed ?? 'nothing (run npm ci)'}`);
  }
}
if (!lock) problems.push('package-lock.json is missing: installs are not reproducible');

console.log(`deps:check — ${count} pinned entries in package.json`);
if (problems.length === 0) console.log('  ✓ every entry is an exact version, and package-lock.json and node_modules match it');
else for (const p of problems) console.log(`  ✗ ${p}`);

// newer releases: only if the registry answers (npm exits 1 when something is outdated; that is not an error here)
const outdated = spawnSync('npm', ['outdated', '--json', '--fetch-retries=0', '--fetch-timeout=8000'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
let report;
try {
  report = JSON.parse(outdated.stdout || 'null');
} catch {
  report = null;
}
const unreachable =
  outdated.error !== undefined ||
  (report && typeof report.error === 'object') ||
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|getaddrinfo|request to .* failed/i.test(outdated.stderr ?? '');
if (unreachable || report === null) {
  const why = outdated.error?.message ?? report?.error?.summary ?? (outdated.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? 'no answer';
  console.log(`  ? the npm registry is not reachable (${why.trim().slice(0, 120)}): newer releases NOT checked`);
} else {
  const names = Object.keys(report);
  if (names.length === 0) console.log('  ✓ registry reachable: no newer releases');
  else {
    console.log(`  i registry reachable: ${names.length} package(s) have newer releases (information only, pins are kept):`);
    for (const name of names) console.log(`      ${name}: pinned ${report[name].current ?? '—'}, wanted ${report[name].wanted}, latest ${report[name].latest}`);
  }
}
console.log('  (known vulnerabilities are not checked: no advisory service is reachable offline)');
process.exit(problems.length === 0 ? 0 : 1);
