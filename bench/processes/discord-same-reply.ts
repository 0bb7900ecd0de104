/**
 * Floor "same reply": the smallest discord.js bot that answers each `/vllm` with the very
 * message our bot sent for the same options and locale (captured by the benchmark). What our
 * bot costs beyond this is its own work: matching, composing, rendering, bookkeeping.
 */
import { Client, Events, GatewayIntentBits, type InteractionReplyOptions } from 'discord.js';
import { env, exitOnSignal, fail, ready, replies } from './child.js';

exitOnSignal();
try {
  const payloads = replies();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: env('BENCH_DISCORD_API') },
    // The payloads are Discord's own JSON already: nothing to convert (our bot does the same).
    jsonTransformer: (data: unknown) => data,
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    const key = JSON.stringify([
      interaction.locale,
      interaction.options.getString('provider') ?? '',
      interaction.options.getString('language'),
      interaction.options.getBoolean('private') ?? false,
    ]);
    const data = payloads.get(key) as Record<string, unknown> | undefined;
    if (!data) {
      void interaction.reply({ content: `no captured reply for ${key}` }).catch(fail);
      return;
    }
    const { allowed_mentions, ...rest } = data;
    // discord.js writes into the options it is given: a fresh top-level object each time.
    const options = { ...rest, allowedMentions: allowed_mentions } as InteractionReplyOptions;
    void interaction.reply(options).catch(fail);
  });
  const up = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(env('BENCH_DISCORD_TOKEN'));
  await up;
  ready();
} catch (error) {
  fail(error);
}
