/**
 * docker-compose.yml, without a Docker engine: it parses (anchors and merge keys resolved as
 * Compose resolves them), the default profile is the one-process bot with its state on a named
 * volume, the "replicas" profile is PostgreSQL 17, two bot replicas and Caddy routing to them,
 * and every variable either profile sets is one the bot's configuration knows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { EnvSchema } from '../../src/runtime/config.js';

interface ComposeService {
  build?: string;
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  volumes?: string[];
  ports?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const text = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as ComposeFile;
const services = compose.services;
const names = Object.keys(services);
const inProfile = (profile?: string) =>
  names.filter((n) =>
    profile ? services[n]!.profiles?.includes(profile) : !services[n]!.profiles,
  );
/** The services that run the bot's image. */
const bots = names.filter((n) => services[n]!.build === '.');

const known = new Set<string>(Object.keys(EnvSchema.shape));
/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}`: what Compose reads from .env itself. */
const interpolated = [...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!);
const envExampleKeys = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8')
  .split('\n')
  .map((line) => /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1])
  .filter((k): k is string => k !== undefined);

describe('docker-compose.yml', () => {
  it('keeps the default profile to one bot process, with STATE_DIR on a named volume', () => {
    expect(inProfile()).toEqual(['vllm-bot']);
    const bot = services['vllm-bot']!;
    expect(bot.environment?.['STATE_DIR']).toBe('/app/state');
    expect(bot.volumes).toContain('state:/app/state');
    expect(compose.volumes).toHaveProperty('state');
    expect(bot.env_file).toBe('.env');
  });

  it('has a replicas profile: PostgreSQL 17, two bot replicas on it, and a reverse proxy', () => {
    const replicas = inProfile('replicas');
    expect(services['postgres']?.image).toMatch(/^postgres:17(\b|-)/);
    expect(services['postgres']?.healthcheck?.test.join(' ')).toContain('pg_isready');
    const replicaBots = replicas.filter((n) => bots.includes(n));
    expect(replicaBots).toHaveLength(2);
    for (const name of replicaBots) {
      const env = services[name]!.environment ?? {};
      expect(env['DATABASE_URL'], name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(services[name]!.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
      });
      // Published only through the proxy.
      expect(services[name]!.ports).toBeUndefined();
    }
    expect(replicas).toContain('proxy');
  });

  it('routes the proxy to both replicas on the ports they listen on, checking /readyz', () => {
    const proxy = services['proxy']!;
    const mount = proxy.volumes?.find((v) => v.includes('Caddyfile'));
    expect(mount).toBeDefined();
    const hostPath = mount!.split(':')[0]!;
    expect(existsSync(join(PROJECT_ROOT, hostPath))).toBe(true);
    const caddyfile = readFileSync(join(PROJECT_ROOT, hostPath), 'utf8');
    const replicaBots = inProfile('replicas').filter((n) => bots.includes(n));
    const env = services[replicaBots[0]!]!.environment ?? {};
    for (const name of replicaBots) {
      expect(caddyfile).toContain(`${name}:${env['DISCORD_HTTP_PORT']}`);
      expect(caddyfile).toContain(`${name}:${env['SLACK_PORT']}`);
    }
    expect(caddyfile).toMatch(/handle \/interactions/);
    expect(caddyfile).toMatch(/handle \/slack\/\*/);
    expect(caddyfile).toContain('health_uri /readyz');
    expect(caddyfile).toContain(`health_port ${env['HEALTH_PORT']}`);
  });

  it('sets only variables the bot’s configuration knows, in both profiles', () => {
    expect(bots.length).toBeGreaterThanOrEqual(3);
    for (const name of bots) {
      const unknown = Object.keys(services[name]!.environment ?? {}).filter((k) => !known.has(k));
      expect(unknown, name).toEqual([]);
    }
  });

  it('sets values the configuration accepts', () => {
    for (const name of bots) {
      const env = Object.fromEntries(
        Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [
          k,
          v.replace(/\$\{[^}]+\}/g, 'example'),
        ]),
      );
      const result = EnvSchema.safeParse(env);
      expect(result.error?.issues ?? [], name).toEqual([]);
    }
  });

  it('documents in .env.example every variable it reads from .env', () => {
    expect(interpolated.length).toBeGreaterThan(0);
    for (const name of new Set(interpolated)) expect(envExampleKeys, name).toContain(name);
  });

  it('has .env.example name only the bot’s variables and the ones Compose itself reads', () => {
    const composeOnly = new Set(interpolated);
    const unknown = envExampleKeys.filter((k) => !known.has(k) && !composeOnly.has(k));
    expect(unknown).toEqual([]);
  });
});
