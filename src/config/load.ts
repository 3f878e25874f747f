import { SETTINGS, type Config, type SettingKey } from './schema.ts';

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses, validates and freezes the configuration once; every violation is reported by name. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const problems: string[] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [SettingKey, (typeof SETTINGS)[SettingKey]][]) {
    try {
      values[key] = setting.parse(env[setting.env], env);
    } catch (error) {
      problems.push(`${setting.env}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const idp = [values.idpIssuer, values.idpAudience, values.idpJwksUrl];
  if (idp.some((v) => v !== null && v !== undefined) && !idp.every((v) => v !== null && v !== undefined)) {
    problems.push('IDP_ISSUER, IDP_AUDIENCE, IDP_JWKS_URL: set all three or none');
  }
  if ((values.faceTecUrl === null) !== (values.faceTecDeviceKey === null)) {
    problems.push('FACETEC_URL, FACETEC_DEVICE_KEY: set both or neither');
  }
  if ((values.smtpUrl === null) !== (values.mailFrom === null)) {
    problems.push('SMTP_URL, MAIL_FROM: set both or neither');
  }
  const twilio = [values.twilioAccountSid, values.twilioAuthToken, values.twilioFrom];
  if (twilio.some((v) => v !== null && v !== undefined) && !twilio.every((v) => v !== null && v !== undefined)) {
    problems.push('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM: set all three or none');
  }
  // A dialect that cannot answer any client without its setting is refused at start-up, by name.
  if (Array.isArray(values.dialects) && values.dialects.includes('loginid') && values.loginidAppId === null) {
    problems.push('LOGINID_APP_ID: required because DIALECTS includes loginid (the LoginID app id, a UUID)');
  }
  if (values.requireMasterKey === true && values.masterKey === null) {
    problems.push('MASTER_KEY: required because REQUIRE_MASTER_KEY is true');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as Config;
}
