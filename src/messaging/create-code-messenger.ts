import type { CodeChannel } from '../core/one-time-codes/one-time-code.ts';
import { DomainError } from '../core/errors.ts';
import type { CodeMessage, CodeMessenger } from '../core/ports.ts';
import type { ChannelSender } from './channel-sender.ts';

export interface ManagedCodeMessenger extends CodeMessenger {
  close(): Promise<void>;
}

/**
 * The messenger of the configured senders, found by channel name. The same channels for every
 * tenant for now (the settings are global); each tenant's messages carry its own sender name.
 */
export function createCodeMessenger(senders: Partial<Record<CodeChannel, ChannelSender>>): ManagedCodeMessenger {
  const channels = Object.freeze((Object.keys(senders) as CodeChannel[]).filter((c) => senders[c] !== undefined));
  return {
    channels: () => channels,
    async send(message: CodeMessage) {
      const sender = senders[message.channel];
      if (sender === undefined) throw new DomainError('channel_unavailable', { detail: `no ${message.channel} provider is configured` });
      await sender.send(message);
    },
    async close() {
      for (const sender of Object.values(senders)) await sender?.close?.();
    },
  };
}
