/**
 * deploy/kubernetes: every document is validated against the Kubernetes schemas
 * (kubernetes-models, one model class per kind), then checked against the bot itself: the probe
 * paths are answered by the real health server, the ports are the ones the configuration
 * names, every variable is one the configuration knows, and the ConfigMap plus Secret make a
 * configuration loadConfig accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Registry } from 'prom-client';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { EnvSchema, loadConfig } from '../../src/runtime/config.js';
import { startHealthServer, type HealthServer } from '../../src/runtime/health-server.js';
import { SLACK_EVENTS_PATH } from '../../src/slack/app.js';
import { SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from '../../src/slack/oauth.js';

const DIR = join(PROJECT_ROOT, 'deploy', 'kubernetes');

type Doc = Record<string, unknown> & { apiVersion: string; kind: string };

/** The model class for each kind these manifests use. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
};

function readDocs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS() as Doc;
  });
}

const kustomization = readDocs('kustomization.yaml')[0] as Doc & { resources: string[] };
const manifests = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const docs = manifests.flatMap(readDocs);
const one = <T>(kind: string): T => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as T;
};

// Just enough of the shapes to read them; validate() has checked them fully.
interface Probe {
  httpGet: { path: string; port: string | number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
}
interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe: Probe;
  livenessProbe: Probe;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
  };
  volumeMounts: { name: string; mountPath: string }[];
}
interface DeploymentDoc {
  metadata: { name: string; namespace?: string };
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        containers: Container[];
        securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
        terminationGracePeriodSeconds: number;
        volumes: { name: string; emptyDir?: object }[];
      };
    };
  };
}
interface ServiceDoc {
  metadata: { name: string };
  spec: {
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string }[];
  };
}
interface PdbDoc {
  spec: {
    minAvailable?: number;
    maxUnavailable?: number;
    selector: { matchLabels: Record<string, string> };
  };
}
interface IngressDoc {
  spec: {
    rules: {
      http: {
        paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[];
      };
    }[];
  };
}
const data = (kind: string) => {
  const doc = one<{ data?: Record<string, string>; stringData?: Record<string, string> }>(kind);
  return doc.data ?? doc.stringData ?? {};
};

const deployment = one<DeploymentDoc>('Deployment');
const pod = deployment.spec.template.spec;
const bot = pod.containers[0]!;
const config = data('ConfigMap');
const secret = data('Secret');
const portOf = (name: string) => bot.ports.find((p) => p.name === name)?.containerPort;

describe('deploy/kubernetes against the Kubernetes schemas', () => {
  it('lists every manifest in kustomization.yaml, and only those', () => {
    expect([...kustomization.resources].sort()).toEqual([...manifests].sort());
  });

  it('has a model for every document, and every document validates', () => {
    expect(docs.length).toBeGreaterThanOrEqual(7);
    for (const doc of docs) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${doc.apiVersion} ${doc.kind}`).toBeDefined();
      expect(() => new Model!(doc as never).validate(), doc.kind).not.toThrow();
    }
  });

  it('would catch a broken document (the validation is real)', () => {
    const broken = structuredClone(deployment) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it('keeps everything in one namespace, the one it creates', () => {
    const namespace = one<{ metadata: { name: string } }>('Namespace').metadata.name;
    for (const doc of docs.filter((d) => d.kind !== 'Namespace')) {
      expect(
        (doc as unknown as { metadata: { namespace?: string } }).metadata.namespace,
        doc.kind,
      ).toBe(namespace);
    }
  });
});

describe('the Deployment', () => {
  it('runs two or more replicas, replacing them one at a time without going below', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const strategy = (
      deployment.spec as unknown as {
        strategy: { rollingUpdate: { maxUnavailable: number } };
      }
    ).strategy;
    expect(strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(deployment.spec.selector.matchLabels).toEqual(
      expect.objectContaining(deployment.spec.template.metadata.labels),
    );
  });

  it('probes readiness on /readyz and liveness on /healthz of the health port, liveness later and less often', () => {
    expect(bot.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(bot.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(portOf('health')).toBe(Number(config['HEALTH_PORT']));
    expect(bot.livenessProbe.initialDelaySeconds!).toBeGreaterThan(
      bot.readinessProbe.initialDelaySeconds ?? 0,
    );
    expect(bot.livenessProbe.periodSeconds!).toBeGreaterThanOrEqual(
      bot.readinessProbe.periodSeconds ?? 10,
    );
  });

  it('listens where the configuration says: Slack on SLACK_PORT, Discord on DISCORD_HTTP_PORT', () => {
    expect(portOf('slack')).toBe(Number(config['SLACK_PORT']));
    expect(portOf('discord')).toBe(Number(config['DISCORD_HTTP_PORT']));
  });

  it('has resource requests and a memory limit', () => {
    const text = expect.any(String) as unknown;
    expect(bot.resources.requests).toMatchObject({ cpu: text, memory: text });
    expect(bot.resources.limits).toMatchObject({ memory: text });
  });

  it('runs as non-root on a read-only root filesystem, with an emptyDir for /tmp', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).not.toBe(0);
    expect(bot.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    const tmp = bot.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(tmp).toBeDefined();
    expect(pod.volumes.find((v) => v.name === tmp!.name)?.emptyDir).toBeDefined();
  });

  it('reads its settings from the ConfigMap and its secrets from the Secret', () => {
    const configMapName = one<{ metadata: { name: string } }>('ConfigMap').metadata.name;
    const secretName = one<{ metadata: { name: string } }>('Secret').metadata.name;
    expect(bot.envFrom).toEqual(
      expect.arrayContaining([
        { configMapRef: { name: configMapName } },
        { secretRef: { name: secretName } },
      ]),
    );
    for (const ref of bot.env ?? []) {
      const key = ref.valueFrom?.secretKeyRef;
      if (key) expect(secret, key.key).toHaveProperty(key.key);
    }
  });

  it('gives shutdown more time than the bot’s own drain (SHUTDOWN_TIMEOUT_SECONDS) plus preStop', () => {
    const preStop = (bot as unknown as { lifecycle: { preStop: { exec: { command: string[] } } } })
      .lifecycle.preStop.exec.command;
    expect(preStop[0]).toBe('sleep');
    const drain = Number(config['SHUTDOWN_TIMEOUT_SECONDS']);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(preStop[1]) + drain + 1);
  });
});

describe('the Service, PodDisruptionBudget and Ingress', () => {
  const service = one<ServiceDoc>('Service');
  const labels = deployment.spec.template.metadata.labels;

  it('selects the bot’s pods and reaches its named ports', () => {
    expect(labels).toEqual(expect.objectContaining(service.spec.selector));
    for (const port of service.spec.ports) {
      expect(portOf(port.targetPort), port.name).toBeDefined();
    }
  });

  it('keeps at least one pod through voluntary disruptions, and never blocks them all', () => {
    const pdb = one<PdbDoc>('PodDisruptionBudget');
    expect(labels).toEqual(expect.objectContaining(pdb.spec.selector.matchLabels));
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('routes the paths Discord and Slack call, and nothing else, to the right ports', () => {
    const paths = one<IngressDoc>('Ingress').spec.rules.flatMap((r) => r.http.paths);
    const servicePorts = new Set(service.spec.ports.map((p) => p.name));
    for (const p of paths) {
      expect(p.backend.service.name).toBe(service.metadata.name);
      expect(servicePorts.has(p.backend.service.port.name)).toBe(true);
    }
    const slack = paths.find((p) => p.backend.service.port.name === 'slack')!;
    for (const route of [SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH]) {
      expect(route.startsWith(`${slack.path}/`)).toBe(true);
    }
    expect(paths.find((p) => p.backend.service.port.name === 'discord')?.path).toBe(
      '/interactions',
    );
    expect(paths.some((p) => p.backend.service.port.name === 'health')).toBe(false);
  });
});

describe('the manifests against the bot’s configuration', () => {
  const known = new Set(Object.keys(EnvSchema.shape));

  it('sets only variables the configuration knows', () => {
    const names = [...Object.keys(config), ...Object.keys(secret)];
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });

  it('makes a configuration loadConfig accepts: Discord and Slack OAuth', () => {
    const loaded = loadConfig({ ...config, ...secret });
    expect(loaded.slack?.mode).toBe('oauth');
    expect(loaded.discord).toBeDefined();
    expect(loaded.healthPort).toBe(portOf('health'));
  });

  describe('the probe paths, asked of the real health server', () => {
    let health: HealthServer;
    beforeAll(async () => {
      health = await startHealthServer(0, () => ({ ready: true, reasons: [] }), new Registry());
    });
    afterAll(async () => {
      await health?.close();
    });

    it('answers both probes with 200', async () => {
      for (const probe of [bot.readinessProbe, bot.livenessProbe]) {
        const res = await fetch(`http://127.0.0.1:${health.port}${probe.httpGet.path}`);
        expect(res.status, probe.httpGet.path).toBe(200);
        await res.text();
      }
    });
  });
});
