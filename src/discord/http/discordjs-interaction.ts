import { Events, type APIInteraction, type Client, type Interaction } from 'discord.js';

/** discord.js's own gateway path from raw payload to Interaction (classes, channel cache). */
export function toInteraction(client: Client, payload: APIInteraction): Interaction | undefined {
  const actions = (
    client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }
  ).actions;
  let made: Interaction | undefined;
  const grab = (interaction: Interaction) => {
    if (interaction.id === payload.id) made = interaction;
  };
  // handle() emits synchronously: the listener is only attached for this one call.
  client.on(Events.InteractionCreate, grab);
  try {
    actions.InteractionCreate.handle(payload);
  } finally {
    client.off(Events.InteractionCreate, grab);
  }
  return made;
}
