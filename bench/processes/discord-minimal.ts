/** Floor "ok": the smallest discord.js bot, answering "ok" to every command. */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { env, exitOnSignal, fail, ready } from './child.js';

exitOnSignal();
try {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: env('BENCH_DISCORD_API') },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isRepliable()) void interaction.reply({ content: 'ok' }).catch(fail);
  });
  const up = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(env('BENCH_DISCORD_TOKEN'));
  await up;
  ready();
} catch (error) {
  fail(error);
}
