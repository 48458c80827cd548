import type { Config } from '../config';
import type { Logger } from '../logging';
import type { UnsubscribeSettings } from './links';

let warned = false;

/**
 * The signing settings from the config. With the fixed development key (no
 * SECRET_KEY, a backend that sends no real mail) it warns, once per process:
 * anyone could forge the links of emails signed with it.
 */
export function unsubscribeSettings(config: Config, logger: Logger): UnsubscribeSettings {
  const u = config.unsubscribe;
  if (u.developmentKey && !warned) {
    warned = true;
    logger.warn('SECRET_KEY is not set: unsubscribe links are signed with a development key; set SECRET_KEY (openssl rand -hex 32) before sending real mail');
  }
  return { secretKey: u.secretKey, tokenDays: u.tokenDays, url: u.url, mailto: u.mailto };
}
