import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/server.ts';

interface Service {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/**
 * Docker does not run where the tests run, so docker-compose.yml is read instead: the services the
 * deployment needs, wired as docs/operations.md says (anchors and merge keys resolved as compose does).
 */
describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, Service> };
  const { services } = compose;
  const caddyfile = fs.readFileSync(path.join(REPO_ROOT, 'deploy/Caddyfile'), 'utf8');

  test('two web instances and one worker on the PostgreSQL service, each with its role', () => {
    const roles = Object.fromEntries(
      Object.entries(services)
        .filter(([, s]) => s.environment?.RAPPORT_ROLE)
        .map(([name, s]) => [name, s.environment?.RAPPORT_ROLE]),
    );
    expect(roles).toEqual({ worker: 'worker', web1: 'web', web2: 'web' });
    for (const name of ['worker', 'web1', 'web2', 'setup']) {
      expect(services[name]?.environment?.DATABASE_URL).toBe(
        'postgres://rapport:rapport@postgres:5432/rapport',
      );
    }
    expect(services.postgres?.environment).toMatchObject({
      POSTGRES_USER: 'rapport',
      POSTGRES_DB: 'rapport',
    });
  });

  test('the instances start after setup (install, build, migrate) and are probed on /health/ready', () => {
    expect(services.setup?.command).toContain('pnpm rapport migrate');
    for (const name of ['worker', 'web1', 'web2']) {
      const service = services[name] as Service;
      expect(service.depends_on?.setup).toEqual({ condition: 'service_completed_successfully' });
      expect(service.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3000/health/ready');
      expect(service.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3000', RAPPORT_DEMO: 'off' });
      expect(service.ports).toBeUndefined();
    }
  });

  test('only the proxy is published; it mounts the Caddyfile, which balances over both web instances', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    expect(services.proxy?.volumes).toEqual(['./deploy/Caddyfile:/etc/caddy/Caddyfile:ro']);
    expect(services.proxy?.depends_on).toEqual({
      web1: { condition: 'service_healthy' },
      web2: { condition: 'service_healthy' },
    });
    expect(caddyfile).toMatch(/^\s*reverse_proxy web1:3000 web2:3000 \{$/m);
    expect(caddyfile).toMatch(/^\s*health_uri \/health\/ready$/m);
    // /metrics is not public: the proxy answers it with 404 itself.
    expect(caddyfile).toMatch(/@metrics path \/metrics\s+respond @metrics 404/);
  });
});
