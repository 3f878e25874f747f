/**
 * Shows a freshly generated admin key exactly once, on the console and outside the JSON logs
 * (which must never carry a secret). `tenantSlug` is null for the default tenant.
 */
export function announceAdminKey(secret: string, out: { write(text: string): unknown }, tenantSlug: string | null = null): void {
  const whose = tenantSlug === null ? 'the default tenant' : `tenant ${tenantSlug}`;
  const rotate = tenantSlug === null ? 'npm run cli -- admin-key rotate' : `npm run cli -- admin-key rotate --tenant ${tenantSlug}`;
  out.write(
    [
      '',
      '================================================================================',
      ` Sigil generated a management API key for ${whose} (all scopes).`,
      ' It is stored only as a hash and will not be shown again:',
      '',
      `   ${secret}`,
      '',
      ' Use it as "Authorization: Bearer <key>" on /admin/v1. To replace it, run',
      `   ${rotate}`,
      ...(tenantSlug === null ? [' or set ADMIN_API_KEY to a key of your own and restart.'] : []),
      '================================================================================',
      '',
    ].join('\n'),
  );
}
