/**
 * The fixed-window counters as one Lua script, so concurrent increments from any number of
 * server instances cannot lose counts or start two windows, and several counters (a request's
 * per-IP and per-account limits) move in one round trip. `now` comes from the caller's injected
 * clock rather than Redis TIME, so the result is deterministic under a frozen clock and agrees
 * with the memory store.
 *
 * KEYS     the counter hashes, each { count, resetAt }, in the order the caller wants them back
 * ARGV[1]  now, ms since the epoch (injected clock)
 * ARGV[2]  windowMs
 * ARGV[3]  physical TTL in ms (≥ windowMs): Redis reclaims a hash after it, never before
 * returns  { count1, resetAt1, count2, resetAt2, … }, one pair per key
 *
 * A window is over when now ≥ resetAt; the next increment then starts a new one at count 1.
 * `%d` keeps resetAt an exact integer string (Lua would otherwise print a double as %.14g).
 */
export const INCREMENT_SCRIPT = `
local now = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local resetAt = tonumber(redis.call('HGET', key, 'resetAt'))
  if resetAt == nil or resetAt <= now then
    resetAt = now + tonumber(ARGV[2])
    redis.call('HSET', key, 'count', 1, 'resetAt', string.format('%d', resetAt))
    redis.call('PEXPIRE', key, ARGV[3])
    out[2 * i - 1] = 1
  else
    out[2 * i - 1] = redis.call('HINCRBY', key, 'count', 1)
  end
  out[2 * i] = resetAt
end
return out
`;
