/** Floor "ok" over HTTP interactions: verify the signature, answer every command "ok". */
import { serveInteractions } from './discord-http.js';

const OK = JSON.stringify({ type: 4, data: { content: 'ok' } });
serveInteractions(() => OK);
