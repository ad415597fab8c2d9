import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { danglingOptionals } from '../../scripts/prune-lockfile';

describe('package-lock.json', () => {
  it('names no optional package it has no entry for (npm ci would refuse it): run `npm run lock:prune`', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect(danglingOptionals(lock)).toEqual([]);
  });

  it('pins every direct dependency to an exact version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      ([, v]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(v)),
    );
    expect(ranges).toEqual([]);
  });
});
