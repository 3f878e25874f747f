import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * JSON logs. Whatever a careless call might pass along — headers, bodies, keys, codes — is
 * redacted by path; the code itself never logs secrets on purpose.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'sigil' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers.cookie',
        'body',
        '*.secret',
        '*.password',
        '*.token',
        '*.privateKey',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
