import { match } from '@formatjs/intl-localematcher';
const avail = ['id','da','de','en-GB','en-US','es-ES','es-419','fr','hr','it','lt','hu','nl','no','pl','pt-BR','ro','fi','sv-SE','vi','tr','cs','el','bg','ru','uk','hi','th','zh-CN','ja','zh-TW','ko'];
for (const t of ['de-DE','es-LA','es-MX','es','zh-HK','zh-Hant','zh-Hans-SG','zh','pt-PT','pt','en-AU','en-IN','en','nb-NO','nn','sv','fr-CA','uk-UA','xx','und','en-PH','es-US','sr','mk', 'ca', 'gl', 'be', 'ms', 'tl'])
  { let r; try { r = match([t], avail, 'en-US', { algorithm: 'best fit' }); } catch (e) { r = 'ERR ' + e.message; } console.log(t, '→', r); }
