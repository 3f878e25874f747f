/**
 * Shows a freshly generated admin key exactly once, on the console and outside the JSON logs
 * (which must never carry a secret).
 */
export function announceAdminKey(secret: string, out: { write(text: string): unknown }): void {
  out.write(
    [
      '',
      '================================================================================',
      ' Sigil generated a management API key for the default tenant (all scopes).',
      ' It is stored only as a hash and will not be shown again:',
      '',
      `   ${secret}`,
      '',
      ' Use it as "Authorization: Bearer <key>" on /admin/v1. To replace it, run',
      '   npm run cli -- admin-key rotate',
      ' or set ADMIN_API_KEY to a key of your own and restart.',
      '================================================================================',
      '',
    ].join('\n'),
  );
}
