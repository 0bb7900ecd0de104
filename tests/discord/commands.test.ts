import { ownTranslation } from '../../src/core/i18n.js';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordCommands } from '../../commands/discord-commands.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { realKnowledge } from '../helpers/context.js';

const catalog = realKnowledge().catalog;
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Command = ReturnType<typeof discordCommands>[number];

function texts(command: Command): { text: string; max: number; where: string }[] {
  const out: { text: string; max: number; where: string }[] = [];
  const add = (text: string | undefined, max: number, where: string) => {
    if (text !== undefined) out.push({ text, max, where });
  };
  const menu = command.type === ApplicationCommandType.Message;
  add(command.name, 32, 'name');
  for (const [l, t] of Object.entries(command.name_localizations ?? {}))
    add(t ?? undefined, 32, `name/${l}`);
  if ('description' in command) add(command.description, 100, 'description');
  if ('description_localizations' in command) {
    for (const [l, t] of Object.entries(command.description_localizations ?? {}))
      add(t ?? undefined, 100, `description/${l}`);
  }
  if (!menu && 'options' in command) {
    for (const o of command.options ?? []) {
      add(o.name, 32, `option ${o.name}`);
      add(o.description, 100, `option ${o.name} description`);
      for (const [l, t] of Object.entries(o.description_localizations ?? {}))
        add(t ?? undefined, 100, `option ${o.name}/${l}`);
    }
  }
  return out;
}

describe('Discord command definitions', () => {
  const [slash, menu] = discordCommands(catalog);

  it('/vllm: provider and language autocomplete, a private switch, usable in servers, DMs and user installs', () => {
    expect(slash).toMatchObject({
      type: ApplicationCommandType.ChatInput,
      name: 'vllm',
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    const options = 'options' in slash! ? (slash.options ?? []) : [];
    expect(
      options.map((o) => [o.name, o.type, 'autocomplete' in o ? o.autocomplete : undefined]),
    ).toEqual([
      ['provider', ApplicationCommandOptionType.String, true],
      ['language', ApplicationCommandOptionType.String, true],
      ['private', ApplicationCommandOptionType.Boolean, undefined],
    ]);
    expect(options.every((o) => !o.required)).toBe(true);
    expect(options.every((o) => NAME.test(o.name) && o.name === o.name.toLowerCase())).toBe(true);
  });

  it('the message command "Ask vLLM bot" is localised', () => {
    expect(menu).toMatchObject({
      type: ApplicationCommandType.Message,
      name: 'Ask vLLM bot',
      contexts: [0, 1, 2],
    });
    expect(Object.keys(menu!.name_localizations ?? {}).sort()).toEqual(
      [...SUPPORTED_LOCALES].sort(),
    );
  });

  it('every description is localised for every Discord locale, within Discord limits', () => {
    for (const command of [slash!, menu!]) {
      for (const { text, max, where } of texts(command)) {
        expect(text.length, where).toBeGreaterThan(0);
        expect(text.length, `${where}: ${text}`).toBeLessThanOrEqual(max);
      }
    }
    const maps = [
      'description_localizations' in slash! ? slash.description_localizations : undefined,
      ...('options' in slash! ? (slash.options ?? []) : []).map((o) => o.description_localizations),
    ];
    for (const map of maps)
      expect(Object.keys(map ?? {}).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    expect(slash!.description_localizations?.ja).toBe(
      ownTranslation(catalog, 'ja', 'command.description'),
    );
  });

  it('a command stays under 8,000 characters counting its longest localisations', () => {
    for (const command of [slash!, menu!]) {
      const longest = new Map<string, number>();
      for (const { text, where } of texts(command)) {
        const key = where.split('/')[0]!;
        longest.set(key, Math.max(longest.get(key) ?? 0, text.length));
      }
      expect([...longest.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8000);
    }
  });

  it('guild registrations leave out integration_types and contexts (global-only fields)', () => {
    for (const command of discordCommands(catalog, { global: false })) {
      expect(command).not.toHaveProperty('integration_types');
      expect(command).not.toHaveProperty('contexts');
    }
  });
});
