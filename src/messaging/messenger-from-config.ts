import type { Config } from '../config/schema.ts';
import type { ChannelSender } from './channel-sender.ts';
import type { CodeChannel } from '../core/one-time-codes/one-time-code.ts';
import { createCodeMessenger, type ManagedCodeMessenger } from './create-code-messenger.ts';
import { createSmtpCodeSender } from './smtp-code-sender.ts';
import { createTwilioCodeSender } from './twilio-code-sender.ts';

export type MessagingConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'twilioAccountSid' | 'twilioAuthToken' | 'twilioFrom' | 'twilioApiUrl'>;

/** The messenger of the channels configured; a channel without its settings is not offered. */
export function messengerFromConfig(config: MessagingConfig): ManagedCodeMessenger {
  const senders: Partial<Record<CodeChannel, ChannelSender>> = {};
  if (config.smtpUrl !== null && config.mailFrom !== null) {
    senders.email = createSmtpCodeSender({ url: config.smtpUrl, fromAddress: config.mailFrom });
  }
  if (config.twilioAccountSid !== null && config.twilioAuthToken !== null && config.twilioFrom !== null) {
    senders.sms = createTwilioCodeSender({
      accountSid: config.twilioAccountSid,
      authToken: config.twilioAuthToken,
      from: config.twilioFrom,
      apiUrl: config.twilioApiUrl,
    });
  }
  return createCodeMessenger(senders);
}
