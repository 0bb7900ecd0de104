import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  PinInputSchema,
  PinLocatorSchema,
  type Database,
  type Pin,
  type PinInput,
  type PinLocator,
  type PinsTable,
  type Platform,
} from './schema.js';

type Db = Kysely<Database>;

function toPin(row: Selectable<PinsTable>): Pin {
  const pending =
    row.update_to_hash !== null && row.update_owner !== null && row.update_lease_until !== null
      ? {
          toHash: row.update_to_hash,
          owner: row.update_owner,
          leaseUntil: new Date(Number(row.update_lease_until)),
        }
      : null;
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    providerId: row.provider_id,
    locale: row.locale,
    lead: Number(row.lead),
    contentHash: row.content_hash,
    pinnedAt: new Date(Number(row.pinned_at)),
    updatedAt: new Date(Number(row.updated_at)),
    pendingUpdate: pending,
  };
}

/**
 * Records a pinned answer. Pinning the same message again replaces what is known about it
 * (provider, locale, hash) and drops any update in flight, keeping its id and pinned_at.
 */
export async function recordPin(db: Db, input: PinInput, now = Date.now()): Promise<Pin> {
  const pin = PinInputSchema.parse(input);
  const row = await db
    .insertInto('pins')
    .values({
      id: randomUUID(),
      platform: pin.platform,
      workspace_id: pin.workspaceId,
      channel_id: pin.channelId,
      message_id: pin.messageId,
      provider_id: pin.providerId,
      locale: pin.locale,
      lead: pin.lead,
      content_hash: pin.contentHash,
      pinned_at: now,
      updated_at: now,
      update_to_hash: null,
      update_owner: null,
      update_lease_until: null,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'channel_id', 'message_id']).doUpdateSet((eb) => ({
        workspace_id: eb.ref('excluded.workspace_id'),
        provider_id: eb.ref('excluded.provider_id'),
        locale: eb.ref('excluded.locale'),
        lead: eb.ref('excluded.lead'),
        content_hash: eb.ref('excluded.content_hash'),
        updated_at: eb.ref('excluded.updated_at'),
        update_to_hash: null,
        update_owner: null,
        update_lease_until: null,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPin(row);
}

/** Forgets a pin by id or by its message; true when one was removed. */
export async function forgetPin(db: Db, ref: string | PinLocator): Promise<boolean> {
  let query = db.deleteFrom('pins');
  if (typeof ref === 'string') {
    query = query.where('id', '=', ref);
  } else {
    const where = PinLocatorSchema.parse(ref);
    query = query
      .where('platform', '=', where.platform)
      .where('channel_id', '=', where.channelId)
      .where('message_id', '=', where.messageId);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function getPin(db: Db, id: string): Promise<Pin | undefined> {
  const row = await db.selectFrom('pins').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPin(row) : undefined;
}

export interface PinFilter {
  platform?: Platform;
  providerId?: string;
}

/** Pins, oldest first (the order an updater walks them). */
export async function listPins(db: Db, filter: PinFilter = {}): Promise<Pin[]> {
  let query = db.selectFrom('pins').selectAll();
  if (filter.platform) query = query.where('platform', '=', filter.platform);
  if (filter.providerId) query = query.where('provider_id', '=', filter.providerId);
  const rows = await query.orderBy('pinned_at').orderBy('id').execute();
  return rows.map(toPin);
}

/**
 * Claims the right to edit one pinned message from `fromHash` to `toHash`. One conditional
 * UPDATE, so exactly one caller wins however many replicas race: the row must still show
 * `fromHash` and carry no live lease. The target hash is recorded with the lease, so a process
 * that finds the lease expired later knows which edit may already have happened.
 */
export async function claimPinUpdate(
  db: Db,
  pinId: string,
  fromHash: string,
  toHash: string,
  owner: string,
  leaseMs: number,
  now = Date.now(),
): Promise<boolean> {
  if (fromHash === toHash || !owner || !(leaseMs > 0)) return false;
  const result = await db
    .updateTable('pins')
    .set({ update_to_hash: toHash, update_owner: owner, update_lease_until: now + leaseMs })
    .where('id', '=', pinId)
    .where('content_hash', '=', fromHash)
    .where((eb) =>
      eb.or([eb('update_lease_until', 'is', null), eb('update_lease_until', '<=', now)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The edit is done: the message now shows `toHash`. Only the claim's owner completes it
 * (even after its lease ran out, as long as nobody took the claim over). False otherwise.
 */
export async function completePinUpdate(
  db: Db,
  pinId: string,
  toHash: string,
  owner: string,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .updateTable('pins')
    .set({
      content_hash: toHash,
      updated_at: now,
      update_to_hash: null,
      update_owner: null,
      update_lease_until: null,
    })
    .where('id', '=', pinId)
    .where('update_owner', '=', owner)
    .where('update_to_hash', '=', toHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a claim back without editing (e.g. rate limited): the next pass may claim again. */
export async function releasePinUpdate(db: Db, pinId: string, owner: string): Promise<boolean> {
  const result = await db
    .updateTable('pins')
    .set({ update_to_hash: null, update_owner: null, update_lease_until: null })
    .where('id', '=', pinId)
    .where('update_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims whose owner stopped before completing them: lease expired, target still recorded. */
export async function pendingPinUpdates(db: Db, now = Date.now()): Promise<Pin[]> {
  const rows = await db
    .selectFrom('pins')
    .selectAll()
    .where('update_to_hash', 'is not', null)
    .where('update_lease_until', '<=', now)
    .orderBy('update_lease_until')
    .execute();
  return rows.map(toPin);
}
