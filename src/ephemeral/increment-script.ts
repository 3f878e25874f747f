/**
 * The fixed-window counter as one Lua script, so concurrent increments from any number of
 * server instances cannot lose counts or start two windows. `now` comes from the caller's
 * injected clock rather than Redis TIME, so the result is deterministic under a frozen clock and
 * agrees with the memory store.
 *
 * KEYS[1]  the counter hash: { count, resetAt }
 * ARGV[1]  now, ms since the epoch (injected clock)
 * ARGV[2]  windowMs
 * ARGV[3]  physical TTL in ms (≥ windowMs): Redis reclaims the hash after it, never before
 * returns  { count, resetAt }
 *
 * The window is over when now ≥ resetAt; the next increment then starts a new one at count 1.
 * `%d` keeps resetAt an exact integer string (Lua would otherwise print a double as %.14g).
 */
export const INCREMENT_SCRIPT = `
local now = tonumber(ARGV[1])
local resetAt = tonumber(redis.call('HGET', KEYS[1], 'resetAt'))
if resetAt == nil or resetAt <= now then
  resetAt = now + tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], 'count', 1, 'resetAt', string.format('%d', resetAt))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, resetAt}
end
return {redis.call('HINCRBY', KEYS[1], 'count', 1), resetAt}
`;
