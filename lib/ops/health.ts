// Liveness and readiness (app/api/health/*). Liveness: the process answers. Readiness: it can serve
// refunds: the database answers, every migration on disk is applied, the Antom configuration and keys
// load, and it is not shutting down. Anyone gets up or not; the details (which check failed, the
// migrations pending) only with METRICS_TOKEN (issue 14, gap 10: no deployment facts to strangers).
import 'server-only';
import { loadAntomConfig } from '../antom';
import { databaseHealth, type DatabaseHealth } from '../db/health';
import { env } from '../env';
import { isDraining } from './shutdown';
import { hasMetricsToken } from './token';

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

// The configuration is read once per process (env() caches it), so its verdict cannot change while the
// process runs: checked on the first probe, not again on each (parsing the RSA keys is the probe's
// dearest part, and a load balancer probes every few seconds).
let antomVerdict: { ok: boolean; problem?: string } | null = null;

function antomKeyLoaded(): { ok: boolean; problem?: string } {
  if (antomVerdict) return antomVerdict;
  try {
    loadAntomConfig(env());
    antomVerdict = { ok: true };
  } catch (error) {
    // The message names the variable, never a key (lib/antom/config.ts).
    antomVerdict = { ok: false, problem: error instanceof Error ? error.message : 'not loaded' };
  }
  return antomVerdict;
}

export async function readiness(authorization: string | null): Promise<Readiness> {
  const db: DatabaseHealth = await databaseHealth();
  const migrated = db.database === 'up' && db.migrations.pending.length === 0 && db.migrations.failed.length === 0;
  const antom = antomKeyLoaded();
  const draining = isDraining();
  const ready = migrated && antom.ok && !draining;
  const body: Record<string, unknown> = { status: ready ? 'ok' : 'degraded', database: db.database };
  if (hasMetricsToken(authorization)) {
    body.details = {
      database: { up: db.database === 'up', latencyMs: db.latencyMs, ...(db.error ? { error: db.error } : {}) },
      migrations: {
        applied: db.migrations.applied.length,
        pending: db.migrations.pending,
        failed: db.migrations.failed,
      },
      antomKey: antom,
      draining,
    };
  }
  return { ready, body };
}
