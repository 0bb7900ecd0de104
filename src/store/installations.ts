import type { Kysely } from 'kysely';
import { seal, unseal } from './encryption.js';
import { StoreConfigError } from './errors.js';
import type { Database, InstallationKey } from './schema.js';

type Db = Kysely<Database>;

/**
 * The row an installation lives in: an org-wide (enterprise) install is found by its
 * enterprise id, any other by its team (workspace) id — the same rule Bolt's own stores use.
 */
export function installationRowId(key: InstallationKey): string {
  if (key.isEnterpriseInstall) {
    if (!key.enterpriseId)
      throw new StoreConfigError('An enterprise install needs an enterprise id');
    return `enterprise:${key.enterpriseId}`;
  }
  if (!key.teamId) throw new StoreConfigError('A workspace install needs a team id');
  return `team:${key.teamId}`;
}

function requireKey(key: Buffer | undefined): Buffer {
  if (!key) {
    throw new StoreConfigError(
      'STATE_ENCRYPTION_KEY is not set: it is needed to store Slack installations (tokens are encrypted at rest)',
    );
  }
  return key;
}

/** Saves (or replaces) an installation; the whole JSON is sealed, ids stay readable. */
export async function saveInstallation(
  db: Db,
  encryptionKey: Buffer | undefined,
  key: InstallationKey,
  installation: unknown,
  now = Date.now(),
): Promise<void> {
  const aesKey = requireKey(encryptionKey);
  const id = installationRowId(key);
  const sealed = seal(aesKey, JSON.stringify(installation), id);
  await db
    .insertInto('slack_installations')
    .values({
      id,
      team_id: key.teamId ?? null,
      enterprise_id: key.enterpriseId ?? null,
      is_enterprise_install: key.isEnterpriseInstall ? 1 : 0,
      sealed,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        team_id: eb.ref('excluded.team_id'),
        enterprise_id: eb.ref('excluded.enterprise_id'),
        sealed: eb.ref('excluded.sealed'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** The installation saved under this key, or undefined. Throws StoreDecryptError on a wrong key. */
export async function findInstallation(
  db: Db,
  encryptionKey: Buffer | undefined,
  key: InstallationKey,
): Promise<unknown> {
  const aesKey = requireKey(encryptionKey);
  const id = installationRowId(key);
  const row = await db
    .selectFrom('slack_installations')
    .select('sealed')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return JSON.parse(unseal(aesKey, row.sealed, id)) as unknown;
}

export async function deleteInstallation(db: Db, key: InstallationKey): Promise<boolean> {
  const result = await db
    .deleteFrom('slack_installations')
    .where('id', '=', installationRowId(key))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
