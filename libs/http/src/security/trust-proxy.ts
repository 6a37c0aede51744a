/**
 * The Express `trust proxy` value for `TRUST_PROXY`: one hop (the reverse proxy in front of
 * the API) or none. `true` would trust every X-Forwarded-For entry, letting a client pick
 * its own IP and dodge the per-IP rate limit (express-rate-limit refuses that setting).
 *
 * @example app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
 */
export function trustProxySetting(trustProxy: boolean): number | false {
  return trustProxy ? 1 : false;
}
