import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  slackInstallationStore,
  StoreConfigError,
  StoreDecryptError,
} from '../../src/store/index.js';
import { useBackends, type Backend } from './backends.js';

const backends = useBackends();

const OTHER_KEY_BASE64 = Buffer.alloc(32, 7).toString('base64');
const BOT_TOKEN = 'xoxb-1111-2222-abcdefabcdef';

function installation(teamId: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: 'Team' },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UB1', token: BOT_TOKEN, scopes: ['commands', 'chat:write'] },
    appId: 'A1',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

async function rawSealed(backend: Backend, url: string): Promise<string[]> {
  if (backend.name === 'sqlite') {
    const db = new BetterSqlite3(url.slice('sqlite:'.length), { readonly: true });
    const rows = db.prepare('select sealed from slack_installations').all() as { sealed: string }[];
    db.close();
    return rows.map((r) => r.sealed);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ sealed: string }>('select sealed from slack_installations');
  await client.end();
  return rows.map((r) => r.sealed);
}

describe.each(backends)('Slack installations on $name', (backend) => {
  it('stores installations encrypted and reads them back', async () => {
    const url = await backend.freshUrl();
    const store = await backend.open({ url });
    await store.saveInstallation({ teamId: 'T1' }, installation('T1'));
    await store.saveInstallation({ teamId: 'T2' }, installation('T2'));

    expect(await store.findInstallation({ teamId: 'T1' })).toEqual(installation('T1'));
    expect(await store.findInstallation({ teamId: 'T3' })).toBeUndefined();

    const sealed = await rawSealed(backend, url);
    expect(sealed).toHaveLength(2);
    for (const value of sealed) {
      expect(value).toMatch(/^v1\./);
      expect(value).not.toContain(BOT_TOKEN);
      expect(Buffer.from(value.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(
        'xoxb',
      );
    }

    // The same key again (hex here, base64 there) opens it.
    const again = await backend.open({
      url,
      encryptionKey: Buffer.from(
        '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
        'hex',
      ).toString('base64'),
    });
    expect(await again.findInstallation({ teamId: 'T2' })).toEqual(installation('T2'));

    expect(await store.deleteInstallation({ teamId: 'T1' })).toBe(true);
    expect(await store.deleteInstallation({ teamId: 'T1' })).toBe(false);
    expect(await store.findInstallation({ teamId: 'T1' })).toBeUndefined();
  });

  it('fails clearly with a wrong key and never returns garbage', async () => {
    const url = await backend.freshUrl();
    const store = await backend.open({ url });
    await store.saveInstallation({ teamId: 'T1' }, installation('T1'));

    const wrong = await backend.open({ url, encryptionKey: OTHER_KEY_BASE64 });
    const failure = wrong.findInstallation({ teamId: 'T1' });
    await expect(failure).rejects.toBeInstanceOf(StoreDecryptError);
    await expect(failure).rejects.toThrow(/STATE_ENCRYPTION_KEY is not the key it was saved with/);

    const keyless = await backend.open({ url, encryptionKey: undefined });
    await expect(keyless.findInstallation({ teamId: 'T1' })).rejects.toBeInstanceOf(
      StoreConfigError,
    );
    await expect(backend.open({ url, encryptionKey: 'too-short' })).rejects.toThrow(/32 bytes/);
  });

  it('serves Bolt through slackInstallationStore, team and enterprise installs', async () => {
    const store = await backend.open();
    const bolt = slackInstallationStore(store);

    await bolt.storeInstallation(installation('T9'));
    const org: Installation<'v2', true> = {
      team: undefined,
      enterprise: { id: 'E1', name: 'Org' },
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { id: 'B2', userId: 'UB2', token: 'xoxb-org', scopes: ['commands'] },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    };
    await bolt.storeInstallation(org);

    const query = { teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false } as const;
    expect((await bolt.fetchInstallation(query)).bot?.token).toBe(BOT_TOKEN);
    const orgQuery = { teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true } as const;
    expect((await bolt.fetchInstallation(orgQuery)).bot?.token).toBe('xoxb-org');

    await bolt.deleteInstallation!(query);
    await expect(bolt.fetchInstallation(query)).rejects.toThrow(
      /No Slack installation for team T9/,
    );
    expect((await bolt.fetchInstallation(orgQuery)).enterprise?.id).toBe('E1');
  });
});
